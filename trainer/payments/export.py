"""The payroll CSV (one row per line, nothing else) and its summary file (totals per status,
payment route and person, never added across statuses): stable, documented columns
(docs/payments.md). Lines in, bytes out."""

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


def pounds(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}{whole}.{part:02d}"


def _row(line: PaymentLine) -> list:
    return [
        line.id,
        line.status.value,
        line.person_id,
        safe(line.person.full_name),
        line.method,
        safe(line.person.charity_name) if line.method == "charity" else "",
        line.kind.value,
        "yes" if line.is_adjustment else "no",
        to_local(line.starts_at).date().isoformat(),
        safe(line.programme.name) if line.programme else "",
        line.session_id or "",
        line.minutes,
        line.rate_pence,
        line.amount_pence,
        pounds(line.amount_pence),
        safe(line.description),
        line.pay_run.reference if line.pay_run else "",
        line.paid_on.isoformat() if line.paid_on else "",
        safe(line.payment_reference),
    ]


def write_csv(header, rows) -> bytes:
    """UTF-8 CSV, CRLF line ends, a header row then the rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def lines_csv(lines: Iterable[PaymentLine]) -> bytes:
    """One row per line and nothing else, so payroll imports read every row as a line."""
    return write_csv(COLUMNS, (_row(line) for line in lines))


SUMMARY_COLUMNS = (
    "level",
    "status",
    "payment_route",
    "person_id",
    "person_name",
    "lines",
    "pay_pence",
    "expenses_pence",
    "amount_pence",
    "amount_pounds",
)


def route_of(line: PaymentLine) -> str:
    """How the money reaches the person: the method of their fee lines (expenses ride along)."""
    if line.method != "expenses":
        return line.method
    return PERSON_ROUTES.get(line.person.payment_choice.value, "payroll")


#: a person's payment choice -> the route their expenses are paid by
PERSON_ROUTES = {
    "paid_payroll": "payroll",
    "paid_invoice": "invoice",
    "honorarium": "honorarium",
    "voucher": "voucher",
    "charity": "charity",
}


def summary_csv(lines: Iterable[PaymentLine]) -> bytes:
    """Totals per status; within it per payment route; within that per person. Each row
    says its level ("status", "route" or "person"); statuses are never added together."""
    sums: dict[tuple, list[int]] = {}
    names: dict[int, str] = {}
    for line in lines:
        status, route = line.status.value, route_of(line)
        names[line.person_id] = line.person.full_name
        is_expense = line.kind.value == "expense"
        for key in ((status,), (status, route), (status, route, line.person_id)):
            row = sums.setdefault(key, [0, 0, 0])
            row[0] += 1
            row[2 if is_expense else 1] += line.amount_pence
    rows = []
    for key in sorted(sums, key=lambda k: tuple(str(part) for part in k)):
        count, pay, spent = sums[key]
        level = ("status", "route", "person")[len(key) - 1]
        person = key[2] if len(key) == 3 else ""
        rows.append(
            [
                level,
                key[0],
                key[1] if len(key) > 1 else "",
                person,
                safe(names[person]) if person else "",
                count,
                pay,
                spent,
                pay + spent,
                pounds(pay + spent),
            ]
        )
    return write_csv(SUMMARY_COLUMNS, rows)


def safe(value):
    """Text that a spreadsheet would run as a formula is quoted with a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
