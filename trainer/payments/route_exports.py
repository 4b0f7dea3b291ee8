"""The payroll export of a pay run: one file per payment route, each in the shape that route's
system takes, plus expenses (not earnings) and the summary. Lines in, bytes out.

- payroll.csv: PAYE earnings, one row per pay element, for the payroll bureau.
- invoices.csv: self-employed people; one invoice per person (the payment letter's reference
  is the invoice number), one row per invoice line.
- honoraria.csv: one-off honorarium payments (taxable income, paid through payroll).
- vouchers.csv: the value of vouchers to send (vouchers count as income).
- charity.csv: donations to the charity each person chose, on their behalf.
- expenses.csv: costs paid back to the person, whatever their route: not earnings.
- summary.csv: totals per status, route and person (export.summary_csv).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from trainer.models import LineKind, PaymentLine
from trainer.payments.export import pounds, route_of, safe, summary_csv, write_csv
from trainer.timezones import to_local

PAYROLL = (
    "person_id",
    "person_name",
    "pay_element",
    "work_date",
    "hours",
    "rate_pounds",
    "rate_per",
    "amount_pence",
    "amount_pounds",
    "pay_date",
    "letter_reference",
    "line_id",
)
INVOICES = (
    "invoice_number",
    "invoice_date",
    "supplier_name",
    "supplier_address",
    "description",
    "work_date",
    "quantity",
    "unit",
    "unit_price_pounds",
    "net_pence",
    "net_pounds",
    "due_date",
    "line_id",
)
HONORARIA = (
    "person_id",
    "person_name",
    "work_date",
    "programme",
    "description",
    "amount_pence",
    "amount_pounds",
    "pay_date",
    "letter_reference",
    "line_id",
)
VOUCHERS = (
    "person_id",
    "person_name",
    "email",
    "postal_address",
    "work_date",
    "description",
    "voucher_value_pence",
    "voucher_value_pounds",
    "letter_reference",
    "line_id",
)
CHARITY = (
    "charity_name",
    "on_behalf_of",
    "person_id",
    "work_date",
    "description",
    "amount_pence",
    "amount_pounds",
    "pay_date",
    "letter_reference",
    "line_id",
)
EXPENSES = (
    "person_id",
    "person_name",
    "payment_route",
    "incurred_on",
    "expense_kind",
    "description",
    "receipt",
    "amount_pence",
    "amount_pounds",
    "pay_date",
    "letter_reference",
    "line_id",
)


def _day(line: PaymentLine) -> str:
    return to_local(line.starts_at).date().isoformat()


def _hours(minutes: int) -> str:
    return str((Decimal(minutes) / 60).quantize(Decimal("0.01")))


def _element(line: PaymentLine) -> str:
    label = line.work_label
    return f"{label} (adjustment)" if line.is_adjustment else label


def _payroll(line, ref, paid_on):
    per = "session" if line.fee_basis.value == "per_session" else "hour"
    return [
        line.person_id,
        safe(line.person.full_name),
        _element(line),
        _day(line),
        _hours(line.minutes),
        pounds(line.rate_pence),
        per,
        line.amount_pence,
        pounds(line.amount_pence),
        paid_on,
        ref,
        line.id,
    ]


def _invoice(line, ref, paid_on, issued=""):
    per_session = line.fee_basis.value == "per_session" or line.minutes <= 0
    quantity, unit = ("1", "session") if per_session else (_hours(line.minutes), "hour")
    if line.is_late_cancellation or line.is_adjustment:
        quantity, unit, unit_price = "1", "item", line.amount_pence
    else:
        unit_price = line.rate_pence
    return [
        ref,
        issued,
        safe(line.person.full_name),
        safe(", ".join(line.person.postal_address.splitlines())),
        safe(f"{_element(line)}: {line.description}"),
        _day(line),
        quantity,
        unit,
        pounds(unit_price),
        line.amount_pence,
        pounds(line.amount_pence),
        paid_on,
        line.id,
    ]


def _honorarium(line, ref, paid_on):
    programme = line.programme.name if line.programme else ""
    return [
        line.person_id,
        safe(line.person.full_name),
        _day(line),
        safe(programme),
        safe(line.description),
        line.amount_pence,
        pounds(line.amount_pence),
        paid_on,
        ref,
        line.id,
    ]


def _voucher(line, ref, paid_on):
    person = line.person
    return [
        person.id,
        safe(person.full_name),
        safe(person.email),
        safe(", ".join(person.postal_address.splitlines())),
        _day(line),
        safe(line.description),
        line.amount_pence,
        pounds(line.amount_pence),
        ref,
        line.id,
    ]


def _charity(line, ref, paid_on):
    return [
        safe(line.person.charity_name),
        safe(line.person.full_name),
        line.person_id,
        _day(line),
        safe(line.description),
        line.amount_pence,
        pounds(line.amount_pence),
        paid_on,
        ref,
        line.id,
    ]


def _expense(line, ref, paid_on):
    expense = line.expense
    return [
        line.person_id,
        safe(line.person.full_name),
        route_of(line),
        expense.incurred_on.isoformat() if expense else _day(line),
        expense.kind.value if expense else "other",
        safe(line.description),
        "yes" if expense and expense.receipt_stored_as else "no",
        line.amount_pence,
        pounds(line.amount_pence),
        paid_on,
        ref,
        line.id,
    ]


#: route -> (file name, columns, row maker)
FILES = {
    "payroll": ("payroll.csv", PAYROLL, _payroll),
    "invoice": ("invoices.csv", INVOICES, _invoice),
    "honorarium": ("honoraria.csv", HONORARIA, _honorarium),
    "voucher": ("vouchers.csv", VOUCHERS, _voucher),
    "charity": ("charity.csv", CHARITY, _charity),
    "expenses": ("expenses.csv", EXPENSES, _expense),
}


def route_files(
    lines: Iterable[PaymentLine], letters: dict[int, tuple[str, date]], paid_on: date | None
) -> dict[str, bytes]:
    """{file name: CSV bytes}: a file for each route with lines, expenses apart, the summary.
    `letters` maps a person's id to their payment letter's (reference, issued_on)."""
    lines = list(lines)
    groups: dict[str, list[PaymentLine]] = {}
    for line in lines:
        route = "expenses" if line.kind is LineKind.EXPENSE else line.method
        groups.setdefault(route if route in FILES else "payroll", []).append(line)
    day = paid_on.isoformat() if paid_on else ""
    files = {}
    for route, (name, columns, make) in FILES.items():
        if route in groups:
            rows = [_row(make, line, letters.get(line.person_id), day) for line in groups[route]]
            files[name] = write_csv(columns, rows)
    files["summary.csv"] = summary_csv(lines)
    return files


def _row(make, line: PaymentLine, letter: tuple[str, date] | None, day: str) -> list:
    ref, issued = letter or ("", None)
    if make is _invoice:
        return _invoice(line, ref, day, issued.isoformat() if issued else "")
    return make(line, ref, day)


def route_zip(files: dict[str, bytes]) -> bytes:
    """The route files as one ZIP, in the order above."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    return out.getvalue()
