"""The payment letter: what is paid, for what, how and when; standard and Easy Read."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from trainer.letters.contents import (
    LetterExpense,
    LetterLine,
    PaymentLetterData,
    WeeklyTotal,
    duration,
    long_date,
    money,
    week_starts_on,
)
from trainer.letters.document import FRAME_WIDTH
from trainer.letters.parts import address, grid, letterhead, para, shares, sign_off, text
from trainer.letters.styles import Look

BENEFITS_ADVICE = (
    "If you get benefits, you may want to talk to an independent benefits "
    "adviser, such as Citizens Advice, about this payment."
)
WORK = {
    "delivery": "Delivery",
    "late_cancellation": "Late cancellation",
    "preparation": "Preparation",
    "travel_time": "Travel time",
}
COSTS = {
    "mileage": "Mileage",
    "public_transport": "Public transport",
    "parking": "Parking",
    "support_worker": "Support worker",
    "other": "Other",
}
METHODS = {
    "payroll": "Through payroll",
    "invoice": "By bank transfer, against your invoice",
    "honorarium": "As an honorarium, by bank transfer",
    "voucher": "As vouchers",
    "charity": "To {charity}, as you chose (your expenses are paid to you)",
    "expenses_only": "Expenses only, as you chose to volunteer without a fee",
    "declined": "Expenses only, as you chose not to take a fee",
    "expenses": "Expenses only: this letter pays back what you spent and has no fee in it",
}


def short_date(day) -> str:
    return f"{day.day} {day:%b %Y}"


def standard_payment(data: PaymentLetterData, look: Look) -> list[Flowable]:
    """The standard payment letter."""
    return [
        letterhead(data.org, data.reference, data.issued_on, look),
        Spacer(1, look.gap * 2),
        address(data.recipient.name, data.recipient.address_lines, look),
        Spacer(1, look.gap * 2),
        para("Payment for co-delivered training", look.title),
        para(f"Dear {text(data.recipient.name)},", look.body),
        para(
            f"This letter sets out what {text(data.org.name)} is paying you, what it is "
            "for, and how and when it will be paid.",
            look.body,
        ),
        *_pay_table(data.lines, look),
        *_expenses_table(data.expenses, look),
        para("Totals", look.heading),
        _totals(data, look),
        para("Payment", look.heading),
        para(
            f"Method of payment: {text(_method(data))}<br/>"
            f"Date of payment: {long_date(data.paid_on)}<br/>"
            f"Payment reference: {text(data.payment_reference)}",
            look.body,
        ),
        *_weekly_table(data.weekly_totals, look),
        para(BENEFITS_ADVICE, look.body),
        para(
            f"If you have any questions about this letter, please contact us at "
            f"{text(data.org.email)} or {text(data.org.phone)}, quoting reference "
            f"{text(data.reference)}.",
            look.body,
        ),
        *sign_off(data.org, look),
    ]


def _method(data: PaymentLetterData) -> str:
    wording = METHODS.get(data.method, data.method)
    return wording.format(charity=data.charity_name or "the charity you chose")


def _rate(line: LetterLine) -> str:
    return f"{money(line.rate_pence)}<br/>per {text(line.rate_per)}"


def _pay_table(lines: tuple[LetterLine, ...], look: Look) -> list[Flowable]:
    if not lines:
        return [para("There is no fee in this letter.", look.body)]
    rows = [
        [
            short_date(x.on),
            text(x.programme),
            text(x.role),
            WORK.get(x.kind, text(x.kind)),
            duration(x.minutes) if x.minutes else "-",
            _rate(x),
            money(x.amount_pence),
        ]
        for x in lines
    ]
    total = money(sum(x.amount_pence for x in lines))
    widths = shares(56, 90, 66, 78, 52, 58, 82)
    head = ["Date", "Programme", "Role", "Work", "Time", "Rate", "Amount"]
    return [
        para("Pay", look.heading),
        grid(head, rows, widths, look, right=(6,), foot=[["Total pay", *[""] * 5, total]]),
    ]


def _expenses_table(expenses: tuple[LetterExpense, ...], look: Look) -> list[Flowable]:
    if not expenses:
        return []
    rows = [
        [
            short_date(e.on),
            COSTS.get(e.kind, text(e.kind)),
            text(e.description),
            money(e.amount_pence),
        ]
        for e in expenses
    ]
    total = money(sum(e.amount_pence for e in expenses))
    widths = shares(64, 100, 248, 70)
    return [
        para("Expenses", look.heading),
        para("Expenses pay back what you spent. They are not earnings.", look.body),
        grid(
            ["Date", "Kind", "Description", "Amount"],
            rows,
            widths,
            look,
            right=(3,),
            foot=[["Total expenses", "", "", total]],
        ),
    ]


def _totals(data: PaymentLetterData, look: Look) -> Flowable:
    rows = [["Pay", money(data.pay_pence)], ["Expenses (not earnings)", money(data.expenses_pence)]]
    return grid(
        ["", "Amount"],
        rows,
        (FRAME_WIDTH * 0.6, FRAME_WIDTH * 0.2),
        look,
        right=(1,),
        foot=[["Total to be paid", money(data.total_pence)]],
    )


def _weekly_table(weeks: tuple[WeeklyTotal, ...], look: Look) -> list[Flowable]:
    if not weeks:
        return []
    rows = [
        [w.week, long_date(week_starts_on(w.week)), money(w.pay_pence), duration(w.minutes)]
        for w in weeks
    ]
    widths = shares(80, 150, 90, 162)
    return [
        para("Weekly earnings for benefits reporting", look.heading),
        para("Earnings in each week, Monday to Sunday. Expenses are not included.", look.body),
        grid(["Week", "Week starting", "Earnings", "Time"], rows, widths, look, right=(2,)),
    ]
