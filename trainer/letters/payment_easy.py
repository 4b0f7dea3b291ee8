"""The Easy Read payment letter: short sentences, one idea a line, pictures beside."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from trainer.letters.contents import PaymentLetterData, duration, long_date, money, week_starts_on
from trainer.letters.parts import address, grid, letterhead, para, say, shares, sign_off, text
from trainer.letters.styles import Look

#: The same words throughout: "pay" for fees, "costs" for expenses, "training" for delivery.
WORK = {
    "delivery": "Training",
    "late_cancellation": "Training cancelled late",
    "preparation": "Getting ready",
    "travel_time": "Travel time",
}
COSTS = {
    "mileage": "Driving",
    "public_transport": "Bus or train",
    "parking": "Parking",
    "support_worker": "Support worker",
    "other": "Other costs",
}
METHODS = {
    "payroll": ["Your pay goes into your bank account, like wages."],
    "invoice": ["We pay your invoice into your bank account."],
    "honorarium": ["We pay you a thank-you payment.", "It goes into your bank account."],
    "voucher": ["You chose to get your pay as vouchers."],
    "charity": ["You chose to give your pay to {charity}.", "We will send your pay to them."],
    "expenses_only": ["You chose to give your time for free.", "We still pay back your costs."],
    "declined": ["You chose not to get pay.", "We still pay back your costs."],
    "expenses": ["This letter is only about your costs.", "There is no pay in it."],
}
BENEFITS_EASY = [
    "If you get benefits, you may want to talk to a benefits adviser.",
    "Citizens Advice can help. Their advice is free and independent.",
]


def easy_payment(data: PaymentLetterData, look: Look) -> list[Flowable]:
    """The Easy Read payment letter."""
    return [
        letterhead(data.org, data.reference, data.issued_on, look),
        Spacer(1, look.gap),
        address(data.recipient.name, data.recipient.address_lines, look),
        Spacer(1, look.gap),
        para("Your pay", look.title),
        say("person", f"Dear {text(data.recipient.name)},", look),
        say("letter", "This letter is about your pay for training.", look),
        *_sessions(data, look),
        *_costs(data, look),
        say("coin", f"In total, we will pay you <b>{money(data.total_pence)}</b>.", look),
        *_how_and_when(data, look),
        *_weeks(data, look),
        say("speech", BENEFITS_EASY[0], look),
        say(None, BENEFITS_EASY[1], look),
        say("phone", f"Do you have questions? Call us on {text(data.org.phone)}.", look),
        say("envelope", f"Or email us at {text(data.org.email)}.", look),
        *sign_off(data.org, look),
    ]


def _sessions(data: PaymentLetterData, look: Look) -> list[Flowable]:
    if not data.lines:
        return [say("coin", "There is no pay in this letter.", look)]
    rows = [
        [
            long_date(x.on),
            WORK.get(x.kind, text(x.kind)),
            duration(x.minutes) if x.minutes else "-",
            money(x.amount_pence),
        ]
        for x in data.lines
    ]
    widths = shares(150, 130, 112, 90)
    return [
        say("calendar", "You gave training on these days.", look),
        grid(["Date", "Work", "Time", "Pay"], rows, widths, look, right=(3,)),
        Spacer(1, look.gap),
        say("coin", f"Your pay is <b>{money(data.pay_pence)}</b>.", look),
    ]


def _costs(data: PaymentLetterData, look: Look) -> list[Flowable]:
    if not data.expenses:
        return []
    rows = [
        [
            long_date(e.on),
            COSTS.get(e.kind, text(e.kind))
            if e.kind != "other"
            else text(e.description) or COSTS["other"],
            money(e.amount_pence),
        ]
        for e in data.expenses
    ]
    widths = shares(170, 200, 112)
    return [
        say("coin", "We also pay back your costs, like travel.", look),
        grid(["Date", "Cost", "Money"], rows, widths, look, right=(2,)),
        Spacer(1, look.gap),
        say("coin", f"Your costs are <b>{money(data.expenses_pence)}</b>.", look),
    ]


def _how_and_when(data: PaymentLetterData, look: Look) -> list[Flowable]:
    charity = text(data.charity_name or "the charity you chose")
    lines = [line.format(charity=charity) for line in METHODS.get(data.method, [])]
    return [
        *[say("coin" if n == 0 else None, line, look) for n, line in enumerate(lines)],
        say("calendar", f"We will pay on {long_date(data.paid_on)}.", look),
        say("letter", f"Your payment reference is {text(data.payment_reference)}.", look),
    ]


def _weeks(data: PaymentLetterData, look: Look) -> list[Flowable]:
    if not data.weekly_totals:
        return []
    rows = [
        [long_date(week_starts_on(w.week)), money(w.pay_pence), duration(w.minutes)]
        for w in data.weekly_totals
    ]
    widths = shares(200, 120, 162)
    return [
        say("calendar", "This table shows your pay for each week.", look),
        say(None, "A week starts on a Monday. Costs are not pay.", look),
        grid(["Week starting", "Pay", "Time"], rows, widths, look, right=(1,)),
        Spacer(1, look.gap),
    ]
