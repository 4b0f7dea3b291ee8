"""A person's money and letters as their home page shows them, in Easy Read words.

Read from the payments service (trainer/payments/queries.py): this module only groups its
answers, money owed by session day and money paid by the day it was paid.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from flask import url_for

from trainer.models import LineKind, Person
from trainer.payments import queries as payments
from trainer.timezones import to_local

COSTS = "Money back for your costs"
SESSION = "Your session"


@dataclass(frozen=True)
class MoneyLine:
    what: str
    amount_pence: int
    #: the session's day (money owed) or the day it was paid (money paid)
    on: date | None = None


@dataclass
class Money:
    owed: list[MoneyLine] = field(default_factory=list)
    paid: list[MoneyLine] = field(default_factory=list)

    @property
    def owed_pence(self) -> int:
        return sum(line.amount_pence for line in self.owed)


@dataclass(frozen=True)
class Letter:
    title: str
    url: str
    on: date | None = None
    #: the same letter as an accessible page
    page_url: str = ""


def money_for(person: Person) -> Money:
    """What is owed to the person (by session day) and what was paid (by payment day)."""
    owed_lines, paid_lines = payments.person_money(person)
    owed: dict[tuple[date, str], int] = defaultdict(int)
    for line in owed_lines:
        what = COSTS if line.kind is LineKind.EXPENSE else SESSION
        owed[to_local(line.starts_at).date(), what] += line.amount_pence
    paid: dict[date | None, int] = defaultdict(int)
    for line in paid_lines:
        paid[line.paid_on] += line.amount_pence
    return Money(
        owed=[MoneyLine(what, pence, day) for (day, what), pence in owed.items() if pence],
        paid=[MoneyLine("", pence, day) for day, pence in paid.items() if pence],
    )


def letters_for(person: Person) -> list[Letter]:
    """The person's own letters, newest first, each with its download link."""
    return [
        Letter(
            record.kind.label,
            url_for("payments.download_letter", letter_id=record.id),
            record.issued_on,
            url_for("letter_pages.show_letter", letter_id=record.id),
        )
        for record in payments.list_person_letters(person)
    ]
