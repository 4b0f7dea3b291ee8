"""CSV files for reports, written a row at a time so a year of bookings streams in flat memory.
Pure: rows of plain values in, lines of CSV text out; no Flask, no database."""

from __future__ import annotations

import csv
import io
from calendar import monthrange
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import chain

from trainer.reports.figures import COLUMNS, DIMENSIONS, Report, cells

#: Skills for Care's training record (adult social care workforce data set): the fields an
#: employer copies into it, after who the learner is
COMPLETION_COLUMNS = (
    "Worker name",
    "Worker email",
    "Employer",
    "Job role",
    "Training category",
    "Title",
    "Accredited",
    "Completed",
    "Expires",
    "Notes",
)
#: characters handed out at a time: big enough that a row costs little, small enough to stream
CHUNK = 32 * 1024
BOOKING_COLUMNS = (
    "session_id",
    "session_date",
    "programme",
    "tier",
    "delivery_mode",
    "session_status",
    "learner_id",
    "learner_name",
    "employer",
    "job_role",
    "sector",
    "booked_by",
    "status",
    "late_cancellation",
    "certificate",
)


@dataclass(frozen=True)
class Completion:
    learner_name: str
    learner_email: str
    employer: str
    job_role: str
    category: str
    title: str
    accredited: bool
    completed_on: date
    valid_months: int | None
    code: str
    delivery_mode: str
    provider: str
    verify_url: str


def safe(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def lines(header: Iterable[str], rows: Iterable[Iterable], *, chunk: int = CHUNK) -> Iterator[str]:
    """CSV text (CRLF lines): the header, then each row, handed out about `chunk`
    characters at a time, so a long file streams without being held whole."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in chain([list(header)], rows):
        writer.writerow([safe(value) for value in row])
        if buffer.tell() >= chunk:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def uk_date(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def completion_row(item: Completion) -> list:
    expires = add_months(item.completed_on, item.valid_months) if item.valid_months else None
    notes = (
        f"Certificate {item.code}: {item.delivery_mode.lower()} session with "
        f"{item.provider}. Check it at {item.verify_url}"
    )
    return [
        item.learner_name,
        item.learner_email,
        item.employer,
        item.job_role,
        item.category,
        item.title,
        "Yes" if item.accredited else "No",
        uk_date(item.completed_on),
        uk_date(expires),
        notes,
    ]


def completion_lines(items: Iterable[Completion]) -> Iterator[str]:
    return lines(COMPLETION_COLUMNS, (completion_row(item) for item in items))


def report_lines(report: Report) -> Iterator[str]:
    """The report's table as CSV: one row per group, then the total."""
    header = [DIMENSIONS[report.dimension], *(heading for heading, _ in COLUMNS)]
    rows = [[figures.label, *cells(figures)] for figures in [*report.rows, report.total]]
    return lines(header, rows)
