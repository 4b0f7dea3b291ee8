"""Demo teams built with the booking rules themselves, so the demo data obeys its own rules:
each seat goes to the first candidate (in a shuffled order) whom no hard rule blocks, given
everything booked before it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from flask import current_app

from trainer.teams.context_facts import do_not_pair_marks
from trainer.teams.facts import (
    Commitment,
    PersonFacts,
    SchedulingContext,
    SessionFacts,
    commitment_for,
    local,
)
from trainer.teams.limit_facts import esa_amounts, pay_day_of_month
from trainer.teams.rules import HARD_RULES
from trainer.timezones import local_zone


def demo_context(people: Iterable[PersonFacts], role_names: dict[int, str]) -> SchedulingContext:
    """The rules' context as the app has it: zone, travel buffer, "do not pair" marks, names."""
    return SchedulingContext(
        timezone=local_zone(),
        travel_buffer_minutes=current_app.config["TRAVEL_BUFFER_MINUTES"],
        do_not_pair=do_not_pair_marks(),
        role_names=role_names,
        person_names={p.id: p.name for p in people},
        esa_amounts=esa_amounts(),
        pay_day_of_month=pay_day_of_month(),
    )


class Staffer:
    """Seats filled one by one, each checked against every booking made before it."""

    def __init__(self, people: Iterable[PersonFacts], context: SchedulingContext):
        self.people = {person.id: person for person in people}
        self.context = context
        #: person -> (year, month) -> bookings that month
        self.booked: dict[int, dict[tuple[int, int], list[Commitment]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.teams: dict[int, set[int]] = defaultdict(set)

    def _month(self, moment: datetime) -> tuple[int, int]:
        day = local(moment, self.context.timezone)
        return day.year, day.month

    def _nearby(self, person_id: int, session: SessionFacts) -> list[Commitment]:
        """Bookings in the two months either side: enough for weeks, months, clashes and
        Universal Credit periods (pay counts on the day it is received)."""
        year, month = self._month(session.starts_at)
        months = [
            (year + (month + k - 1) // 12, (month + k - 1) % 12 + 1) for k in (-2, -1, 0, 1, 2)
        ]
        return [c for key in months for c in self.booked[person_id].get(key, ())]

    def fits(self, session: SessionFacts, role_id: int, person_id: int) -> bool:
        """True when no hard rule blocks `person_id` from the seat."""
        person = self.people.get(person_id)
        if person is None:
            return False
        team = [other for other in self.teams[session.id] if other != person_id]
        args = (session, role_id, person, self._nearby(person_id, session), team, self.context)
        return not any(rule(*args) for rule in HARD_RULES)

    def book(self, session: SessionFacts, role_id: int, person_id: int) -> None:
        self.booked[person_id][self._month(session.starts_at)].append(
            commitment_for(session, role_id)
        )
        self.teams[session.id].add(person_id)

    def choose(self, session: SessionFacts, role_id: int, candidates: Iterable[int]) -> int | None:
        """The first candidate who fits, booked into the seat; None when nobody fits."""
        for person_id in candidates:
            if self.fits(session, role_id, person_id):
                self.book(session, role_id, person_id)
                return person_id
        return None
