"""The demo's sessions: six weeks delivered (and one past session still waiting for its
attendance) and eight weeks to come, their teams built with the booking rules."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from trainer.clock import local_today, utc_now
from trainer.demo.staffing import Staffer, demo_context
from trainer.demo.teams import PATTERNS
from trainer.extensions import db
from trainer.models import Assignment, OfferStatus, SessionStatus, TrainingSession
from trainer.teams.loader import all_roles, session_facts
from trainer.teams.people_facts import load_people
from trainer.teams.seat_pay import SeatPay
from trainer.timezones import local_to_utc, local_zone

#: the demo co-trainer's sign-in: they have a past session delivered and paid
DEMO_CO_TRAINER = "Jamie Clarke"


@dataclass(frozen=True)
class Planned:
    day: date
    tier2: bool
    status: SessionStatus
    #: a person to try first for their seat
    prefer: str = ""


def day_at(day: date, clock: time) -> datetime:
    return local_to_utc(day, clock)


def plan(today: date) -> list[Planned]:
    """Which sessions the demo has: the first one the demo co-trainer's, on a day they work."""
    works = PATTERNS[DEMO_CO_TRAINER][0]
    first = next(
        today + timedelta(days=n)
        for n in range(-42, -35)
        if (today + timedelta(days=n)).weekday() in works
    )
    planned = [Planned(first, False, SessionStatus.DELIVERED, DEMO_CO_TRAINER)]
    for offset in [-33, -26, -19, -12, -5, *range(1, 57, 2)]:
        day = today + timedelta(days=offset)
        if day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())
        status = SessionStatus.DELIVERED if offset < 0 else SessionStatus.DRAFT
        planned.append(Planned(day, offset % 3 == 0, status))
    waiting = today - timedelta(days=1)
    while waiting.weekday() >= 5:
        waiting -= timedelta(days=1)
    planned.append(Planned(waiting, False, SessionStatus.SCHEDULED))  # attendance to record
    return sorted(planned, key=lambda p: p.day)


def sessions(programmes, venues, people, roles) -> list[TrainingSession]:
    """Sessions with their teams; each seat to someone no hard rule blocks."""
    rng = random.Random(2026)
    made = []
    for planned in plan(local_today(local_zone())):
        programme = programmes["tier2" if planned.tier2 else "tier1"]
        venue = rng.choice(venues[1:]) if planned.tier2 else venues[0]
        start = day_at(planned.day, programme.default_start_time)
        session = TrainingSession(
            programme=programme,
            venue=venue,
            starts_at=start,
            capacity=programme.capacity,
            ends_at=start + timedelta(minutes=programme.duration_minutes),
            status=planned.status,
        )
        if planned.status is not SessionStatus.DRAFT:
            session.learners_count = rng.randint(8, programme.capacity)
        made.append((session, planned))
    db.session.add_all(session for session, _ in made)
    db.session.flush()
    staff(made, people, roles, rng)
    db.session.flush()
    return [session for session, _ in made]


def staff(made, people, roles, rng) -> None:
    by_id, pay = all_roles(), SeatPay(local_zone())
    sessions = [session for session, _ in made]
    window = (sessions[0].starts_at - timedelta(days=62), sessions[-1].ends_at + timedelta(days=62))
    facts = load_people(role_ids=None, window=window)
    staffer = Staffer(facts, demo_context(facts, {i: r.name.lower() for i, r in by_id.items()}))
    names = {p.full_name: p.id for p in people}
    by_role = {key: [p.id for p in people if roles[key] in p.delivery_roles] for key in roles}
    for session, planned in made:
        seats = session_facts(session, by_id, pay)
        past = planned.status is not SessionStatus.DRAFT
        full = past or rng.random() < 0.6
        for key, role in roles.items():
            if not full and key != "facilitator" and rng.random() < 0.5:
                continue
            candidates = rng.sample(by_role[key], len(by_role[key]))
            if planned.prefer in names:
                candidates.insert(0, names[planned.prefer])
            person_id = staffer.choose(seats, role.id, candidates)
            if person_id is not None:
                session.assignments.append(_seat(session, role, person_id, past, rng))
    for session, planned in made:
        held = session.assignments
        if planned.status is SessionStatus.DRAFT and len(held) == session.programme.team_size:
            if all(a.offer_status is OfferStatus.ACCEPTED for a in held):
                session.status = SessionStatus.SCHEDULED


def _seat(session, role, person_id: int, past: bool, rng) -> Assignment:
    offered = min(
        session.starts_at - timedelta(days=rng.randint(5, 20)),
        utc_now() - timedelta(days=rng.randint(1, 6)),
    )
    status = OfferStatus.ACCEPTED if past or rng.random() < 0.7 else OfferStatus.OFFERED
    return Assignment(
        person_id=person_id,
        delivery_role=role,
        offer_status=status,
        offered_at=offered,
        responded_at=offered + timedelta(days=1) if status is OfferStatus.ACCEPTED else None,
    )
