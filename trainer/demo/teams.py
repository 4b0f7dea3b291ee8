"""Demo data for team building: working times, time off, partners, "do not pair" marks,
open offers and sessions with empty seats, so a newcomer sees suggestions, warnings and
auto-fill at work."""

import random
from datetime import time, timedelta

from sqlalchemy import select, update

from trainer.clock import local_today, utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import (
    Assignment,
    AvailabilityWindow,
    DoNotPair,
    OfferStatus,
    Person,
    PreferredPartner,
    SessionStatus,
    TrainingSession,
    UnavailablePeriod,
)
from trainer.offers.service import offer_seat
from trainer.sessions.seats import team_seats
from trainer.timezones import local_to_utc, local_zone

WEEKDAYS, MONDAY_TO_THURSDAY = range(5), range(4)
#: name -> (weekdays, start, end); people not listed may be offered any time
PATTERNS = {
    "Morgan Ellis": (WEEKDAYS, time(8, 30), time(18)),
    "Priya Shah": ((0, 1, 2), time(9), time(17)),
    "Tom Okafor": (MONDAY_TO_THURSDAY, time(9), time(20)),
    "Gina Hughes": ((1, 3), time(9), time(17)),
    "Rosa Morgan": ((0, 2, 4), time(9), time(17)),
    "Jamie Clarke": ((0, 2, 3), time(9, 30), time(16, 30)),
    "Bea Fraser": ((1, 2, 3, 4), time(10), time(15)),
    "Dev Patel": (WEEKDAYS, time(9), time(17)),
    "Liam Jones": ((0, 1), time(9), time(17)),
    "Femi Green": ((2, 3, 4), time(9), time(17)),
    "Alex Nolan": (WEEKDAYS, time(9), time(13)),
    "Isla Davies": (WEEKDAYS, time(9), time(17)),
    "Sami Khan": ((1, 3), time(9), time(17)),
    "Kate Lewis": ((0, 2, 4), time(9), time(17)),
    "Vik Evans": (WEEKDAYS, time(9), time(17)),
}
#: name -> (days from today, length in days or (start, end) clock on one day, reason)
TIME_OFF = {
    "Isla Davies": (3, 8, "Holiday"),
    "Harun Iqbal": (7, (time(12), time(15)), "Hospital appointment"),
    "Vik Evans": (15, 7, "Holiday"),
}
PARTNERS = [
    ("Jamie Clarke", "Morgan Ellis"),
    ("Sami Khan", "Priya Shah"),
    ("Bea Fraser", "Rosa Morgan"),
    ("Morgan Ellis", "Jamie Clarke"),
]
DO_NOT_PAIR = [
    (
        "Tom Okafor",
        "Kate Lewis",
        "Asked not to work together after a difficult session in January.",
    ),
    ("Liam Jones", "Vik Evans", "Liam finds Vik's style overwhelming; revisit in the spring."),
]


def seed_availability(people: list[Person]) -> None:
    """Working times, time off, partners and "do not pair" marks: before any team is built,
    so every team keeps to them."""
    rng = random.Random(3)
    by_name = {p.full_name: p for p in people}
    today = local_today(local_zone())
    for name, (days, start, end) in PATTERNS.items():
        db.session.add_all(
            AvailabilityWindow(person=by_name[name], weekday=d, start_time=start, end_time=end)
            for d in days
        )
    for name, (offset, length, reason) in TIME_OFF.items():
        first = today + timedelta(days=offset)
        if isinstance(length, int):
            after = first + timedelta(days=length)
            span = (local_to_utc(first, time()), local_to_utc(after, time()))
        else:
            span = (local_to_utc(first, length[0]), local_to_utc(first, length[1]))
        db.session.add(
            UnavailablePeriod(
                person=by_name[name], starts_at=span[0], ends_at=span[1], reason=reason
            )
        )
    for person in people:
        person.home_latitude = 51.76 + rng.uniform(-0.08, 0.08)
        person.home_longitude = -1.27 + rng.uniform(-0.1, 0.1)
    db.session.add_all(PreferredPartner(person=by_name[a], partner=by_name[b]) for a, b in PARTNERS)
    for a, b, reason in DO_NOT_PAIR:
        low, high = sorted((by_name[a], by_name[b]), key=lambda p: p.id)
        db.session.add(DoNotPair(person=low, other_person=high, reason=reason))
    db.session.flush()


def seed_team_building(people: list[Person], sessions: list[TrainingSession]) -> None:
    """Some empty sessions, and open offers for the demo sign-ins (made through the same
    service as the web, so the booking rules apply)."""
    by_name = {p.full_name: p for p in people}
    sessions = sessions + _empty_sessions(sessions, local_today(local_zone()))
    _open_offers([by_name["Jamie Clarke"], by_name["Morgan Ellis"]], sessions)


def _empty_sessions(sessions: list[TrainingSession], today) -> list[TrainingSession]:
    """A few draft sessions three to six weeks ahead with nobody in their team yet."""
    tier1 = next(s for s in sessions if s.programme.delivery_mode.value == "online")
    tier2 = next(s for s in sessions if s.programme.delivery_mode.value == "in_person")
    made = []
    for offset, model, clock in (
        (22, tier1, time(14)),
        (25, tier2, time(9, 30)),
        (31, tier1, time(10)),
        (36, tier2, time(9, 30)),
        (39, tier1, time(15)),
        (44, tier1, time(10)),
    ):
        day = today + timedelta(days=offset)
        day += timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)
        start = local_to_utc(day, clock)
        made.append(
            TrainingSession(
                programme=model.programme,
                venue=model.venue,
                starts_at=start,
                ends_at=start + timedelta(minutes=model.programme.duration_minutes),
                capacity=model.capacity,
                status=SessionStatus.DRAFT,
            )
        )
    db.session.add_all(made)
    db.session.flush()
    return made


def _open_offers(people: list[Person], sessions: list[TrainingSession]) -> None:
    """Give the demo sign-ins (a co-trainer and a trainer) offers to answer."""
    now = utc_now()
    for person in people:
        made = 0
        for session in sorted(sessions, key=lambda s: s.starts_at):
            empty = {seat.role.id for seat in team_seats(session) if seat.is_empty}
            role = next((r for r in person.delivery_roles if r.id in empty), None)
            if made == 2 or session.starts_at < now + timedelta(days=2) or role is None:
                continue
            try:
                with db.session.begin_nested():
                    offer_seat(session, role, person, actor=None)
                made += 1
            except DomainError:
                continue


def open_region_month(first_day, last_day, *, share: float = 0.4, seed: int = 2026) -> int:
    """Turn a month of the region data set (full teams, nobody's working times recorded)
    into a realistic auto-fill problem: weekly patterns, time off and "do not pair" marks
    for its people, and `share` of that month's seats emptied. Returns the seats emptied."""
    rng = random.Random(seed)
    people = db.session.scalars(
        select(Person).where(Person.is_active.is_(True)).order_by(Person.id)
    ).all()
    start, end = local_to_utc(first_day, time()), local_to_utc(last_day + timedelta(days=1), time())
    for person in people:
        if rng.random() < 0.85:
            days = sorted(rng.sample(range(5), rng.choice((2, 3, 3, 4, 5))))
            clock = rng.choice(((time(8), time(18)), (time(9), time(17)), (time(8, 30), time(20))))
            db.session.add_all(
                AvailabilityWindow(
                    person_id=person.id, weekday=d, start_time=clock[0], end_time=clock[1]
                )
                for d in days
            )
        if rng.random() < 0.1:
            first = first_day + timedelta(days=rng.randrange(max((last_day - first_day).days, 1)))
            db.session.add(
                UnavailablePeriod(
                    person_id=person.id,
                    starts_at=local_to_utc(first, time()),
                    ends_at=local_to_utc(first + timedelta(days=rng.randint(2, 7)), time()),
                    reason="Holiday",
                )
            )
    for _ in range(len(people) // 30):
        low, high = sorted(rng.sample([p.id for p in people], 2))
        if not db.session.scalar(
            select(DoNotPair.id).where(
                DoNotPair.person_id == low, DoNotPair.other_person_id == high
            )
        ):
            db.session.add(DoNotPair(person_id=low, other_person_id=high, reason="Demo"))
    month = db.session.scalars(
        select(Assignment)
        .join(Assignment.session)
        .where(
            TrainingSession.starts_at >= start,
            TrainingSession.starts_at < end,
            Assignment.offer_status.in_((OfferStatus.OFFERED, OfferStatus.ACCEPTED)),
        )
        .order_by(Assignment.id)
    ).all()
    emptied = [a for a in month if rng.random() < share]
    for assignment in emptied:
        assignment.offer_status = OfferStatus.WITHDRAWN
    for session_id in {a.session_id for a in emptied}:
        db.session.execute(
            update(TrainingSession)
            .where(TrainingSession.id == session_id)
            .values(status=SessionStatus.DRAFT)
        )
    db.session.flush()
    return len(emptied)
