"""The payroll CSV: stable, documented columns (docs/payments.md). Pure: lines in, bytes out."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from trainer.models import PaymentLine
from trainer.timezones import to_local

COLUMNS = (
    "line_id",
    "status",
    "person_id",
    "person_name",
    "payment_method",
    "charity_name",
    "kind",
    "is_adjustment",
    "work_date",
    "programme",
    "session_id",
    "minutes",
    "rate_pence",
    "amount_pence",
    "amount_pounds",
    "description",
    "pay_run",
    "paid_on",
    "payment_reference",
)


def _pounds(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}{whole}.{part:02d}"


def _row(line: PaymentLine) -> list:
    return [
        line.id,
        line.status.value,
        line.person_id,
        _safe(line.person.full_name),
        line.method,
        _safe(line.person.charity_name) if line.method == "charity" else "",
        line.kind.value,
        "yes" if line.is_adjustment else "no",
        to_local(line.starts_at).date().isoformat(),
        _safe(line.programme.name) if line.programme else "",
        line.session_id or "",
        line.minutes,
        line.rate_pence,
        line.amount_pence,
        _pounds(line.amount_pence),
        _safe(line.description),
        line.pay_run.reference if line.pay_run else "",
        line.paid_on.isoformat() if line.paid_on else "",
        _safe(line.payment_reference),
    ]


def lines_csv(lines: Iterable[PaymentLine]) -> bytes:
    """UTF-8 CSV with a header row and a final TOTAL row (amounts in pence and pounds)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    total = 0
    for line in lines:
        writer.writerow(_row(line))
        total += line.amount_pence
    writer.writerow(["TOTAL"] + [""] * 12 + [total, _pounds(total)] + [""] * 4)
    return out.getvalue().encode("utf-8")


def _safe(value):
    """Text that a spreadsheet would run as a formula is quoted with a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
