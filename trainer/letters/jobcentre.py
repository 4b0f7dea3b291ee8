"""A letter the person can show their Jobcentre: the role, the hours and the pay.

Standard and Easy Read. It states facts (sessions worked and booked, their hours and pay,
how the person chose to be paid), never a diagnosis, and says that expenses paid back are
not pay.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, Spacer

from trainer.letters.contents import Organisation, Recipient, duration, long_date, money
from trainer.letters.document import Letter, Meta, render
from trainer.letters.parts import address, grid, letterhead, para, say, shares, sign_off, text
from trainer.letters.styles import Look, look


@dataclass(frozen=True)
class WorkDay:
    """One session: worked (pay as recorded) or booked (pay as expected)."""

    day: date
    programme: str
    minutes: int
    pay_pence: int
    is_booked: bool = False


@dataclass(frozen=True)
class JobcentreLetterData:
    reference: str
    issued_on: date
    recipient: Recipient
    role: str
    org: Organisation
    #: how they are paid, in words ("through payroll, with tax and National Insurance")
    payment_words: str
    #: the rates: ("Oliver McGowan Tier 2", "£150.00 a session")
    rates: tuple[tuple[str, str], ...]
    work: tuple[WorkDay, ...]
    #: the weeks the worked sessions are taken from
    weeks_back: int = 13


def _a(role: str) -> str:
    """'an expert co-trainer', 'a facilitating trainer'."""
    return f"{'an' if role[:1] in 'aeiou' else 'a'} {text(role)}"


def jobcentre_letter_pdf(data: JobcentreLetterData, *, easy_read: bool) -> bytes:
    """The letter as PDF bytes."""
    style = look(easy_read)
    story = easy_letter(data, style) if easy_read else standard_letter(data, style)
    meta = Meta(
        title=f"Work and pay: {data.recipient.name}",
        author=data.org.name,
        subject="A letter for the Jobcentre about work and pay",
    )
    pdf, _ = render([Letter(story, data.reference, style)], meta)
    return pdf


def _rows(work: tuple[WorkDay, ...]) -> list[list[str]]:
    return [
        [
            long_date(w.day),
            text(w.programme),
            duration(w.minutes),
            money(w.pay_pence),
            "booked" if w.is_booked else "worked",
        ]
        for w in work
    ]


def standard_letter(data: JobcentreLetterData, style: Look) -> list[Flowable]:
    name = text(data.recipient.name)
    worked = [w for w in data.work if not w.is_booked]
    booked = [w for w in data.work if w.is_booked]
    story = [
        letterhead(data.org, data.reference, data.issued_on, style),
        Spacer(1, style.gap * 2),
        address(data.recipient.name, data.recipient.address_lines, style),
        Spacer(1, style.gap * 2),
        para("To whom it may concern: work and pay", style.title),
        para(
            f"{name} works with {text(data.org.name)} as {_a(data.role.lower())}, "
            "co-delivering training session by session. There is no contract of set hours: "
            "each session is offered, and they choose whether to take it.",
            style.body,
        ),
        para(f"<b>Pay.</b> {text(data.payment_words)}", style.body),
    ]
    if data.rates:
        story.append(
            grid(["Programme", "Rate"], [list(r) for r in data.rates], shares(60, 40), style)
        )
        story.append(Spacer(1, style.gap))
    total_minutes = sum(w.minutes for w in worked)
    total_pay = sum(w.pay_pence for w in worked)
    story.append(
        para(
            f"<b>Hours.</b> In the last {data.weeks_back} weeks they worked "
            f"{len(worked)} session{'' if len(worked) == 1 else 's'}: "
            f"{duration(total_minutes)} in all, paid {money(total_pay)}. "
            f"They are booked for {len(booked)} more.",
            style.body,
        )
    )
    if data.work:
        story.append(
            grid(
                ["Date", "Programme", "Hours", "Pay", "Status"],
                _rows(data.work),
                shares(24, 30, 18, 14, 14),
                style,
            )
        )
        story.append(Spacer(1, style.gap))
    story += [
        para(
            "Pay is before tax and National Insurance. Costs we pay back, such as travel and a "
            "supporter's costs, are not pay and are not included.",
            style.body,
        ),
        *sign_off(data.org, style),
    ]
    return story


def easy_letter(data: JobcentreLetterData, style: Look) -> list[Flowable]:
    worked = [w for w in data.work if not w.is_booked]
    booked = [w for w in data.work if w.is_booked]
    story = [
        letterhead(data.org, data.reference, data.issued_on, style),
        Spacer(1, style.gap),
        say("letter", f"This letter is about your work with {text(data.org.name)}.", style),
        say("letter", "You can show it to the Jobcentre.", style),
        say("person", f"You work with us as {_a(data.role.lower())}.", style),
        say(
            "calendar", "We ask you for each training session. You choose to say yes or no.", style
        ),
        say("coin", f"Pay: {text(data.payment_words)}", style),
    ]
    story += [say("coin", f"{text(p)}: {text(r)}.", style) for p, r in data.rates]
    story += [
        say(
            "clock",
            f"In the last {data.weeks_back} weeks you worked {len(worked)} "
            f"session{'' if len(worked) == 1 else 's'}.",
            style,
        ),
        say("clock", f"That was {duration(sum(w.minutes for w in worked))} of work.", style),
        say("coin", f"Your pay for them was {money(sum(w.pay_pence for w in worked))}.", style),
        say("calendar", f"You are booked for {len(booked)} more.", style),
    ]
    story += [
        say(
            "calendar",
            f"{long_date(w.day)}: {duration(w.minutes)}, {money(w.pay_pence)}"
            f"{' (booked)' if w.is_booked else ''}.",
            style,
        )
        for w in data.work
    ]
    story += [
        say("coin", "Costs we pay back, like travel, are not pay.", style),
        *sign_off(data.org, style),
    ]
    return story
