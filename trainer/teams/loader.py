"""Rows to facts: load what the pure rules and the solver reason about, in a few queries.

`for_session` gathers one session's candidates, `for_range` every open seat in a date range;
either costs the same handful of queries whatever the number of people or sessions.
Bookings are loaded for whole local weeks and months around the sessions, so the caps see
every other session in the same week or month.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from trainer.extensions import db
from trainer.models import (
    Assignment,
    DeliveryRole,
    OfferStatus,
    Person,
    SessionStatus,
    TrainingSession,
)
from trainer.money.limits import Basis
from trainer.teams.context_facts import load_context
from trainer.teams.facts import Commitment, PersonFacts, SchedulingContext, SessionFacts
from trainer.teams.people_facts import load_people
from trainer.teams.seat_pay import SeatPay
from trainer.timezones import local_to_utc, local_zone, to_local

HOLDING = (OfferStatus.OFFERED, OfferStatus.ACCEPTED)
LIVE = (SessionStatus.DRAFT, SessionStatus.SCHEDULED)


@dataclass(frozen=True, slots=True)
class Facts:
    sessions: list[SessionFacts]
    people: list[PersonFacts]
    commitments: dict[int, list[Commitment]]
    context: SchedulingContext


def session_facts(
    session: TrainingSession, roles: dict[int, DeliveryRole], pay: SeatPay
) -> SessionFacts:
    """One session as facts (its programme, venue and seats are loaded with it)."""
    venue = session.venue
    seats = {seat.delivery_role_id: seat.count for seat in session.programme.seats}
    return SessionFacts(
        id=session.id,
        programme_id=session.programme_id,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        venue_id=session.venue_id,
        is_online=session.is_online,
        seats=seats,
        shadow_seats=session.programme.shadow_seats,
        pay_pence_by_role={
            rid: pay(session, rid)
            for rid in set(seats) | {r.id for r in roles.values() if r.is_shadow}
            if rid in roles
        },
        minutes=session.duration_minutes,
        venue_access=venue.access_features if venue else frozenset(),
        venue_lat=venue.latitude if venue else None,
        venue_lon=venue.longitude if venue else None,
        programme_name=session.programme.name,
        venue_name=venue.name if venue else "",
    )


def for_session(session: TrainingSession, *, any_role: bool = False) -> Facts:
    """One session, everyone active who holds one of its seats' roles (or any role, for its
    observers' seats), and their bookings."""
    roles, pay = all_roles(), SeatPay(local_zone())
    facts = session_facts(session, roles, pay)
    start, end = booking_window(session.starts_at, session.ends_at)
    people = load_people(role_ids=None if any_role else set(facts.seats), window=(start, end))
    commitments = load_commitments(start, end, roles, pay)
    commitments = with_pay_period_reach(commitments, people, (start, end), roles, pay)
    team = {a.person_id for a in session.assignments if a.offer_status.holds_seat}
    context = load_context(
        {p.id for p in people} | team,
        roles,
        people=people,
        sessions=[session],
        recent=(session.starts_at, session.ends_at),
        together_with=team,
    )
    return Facts([facts], people, commitments, context)


def for_range(
    date_from: date, date_to: date, *, now: datetime, programme_id: int | None = None
) -> Facts:
    """Sessions still to come (draft or scheduled) starting on local days date_from..date_to,
    everyone active who holds a role, and all bookings around them."""
    first, last = local_to_utc(date_from, time()), local_to_utc(date_to + timedelta(days=1), time())
    query = (
        select(TrainingSession)
        .where(
            TrainingSession.starts_at >= max(first, now),
            TrainingSession.starts_at < last,
            TrainingSession.status.in_(LIVE),
        )
        .order_by(TrainingSession.starts_at, TrainingSession.id)
    )
    if programme_id:
        query = query.where(TrainingSession.programme_id == programme_id)
    sessions = list(db.session.scalars(query).unique())
    roles, pay = all_roles(), SeatPay(local_zone())
    start, end = booking_window(first, last)
    people = load_people(role_ids=None, window=(start, end))
    commitments = load_commitments(start, end, roles, pay)
    commitments = with_pay_period_reach(commitments, people, (start, end), roles, pay)
    ids = {p.id for p in people} | set(commitments)
    context = load_context(ids, roles, people=people, sessions=sessions, recent=(first, last))
    return Facts([session_facts(s, roles, pay) for s in sessions], people, commitments, context)


#: how far apart two pieces of work can be and still be paid in one assessment period
PAY_PERIOD_REACH = timedelta(days=62)


def counts_by_pay_day(person: PersonFacts) -> bool:
    """A Universal Credit limit: pay counts on the day it is received, so work up to two
    months either side can share a period."""
    return any(limit.basis is Basis.PAY_PERIOD for limit in person.limits.limits())


def with_pay_period_reach(
    commitments: dict[int, list[Commitment]],
    people: Collection[PersonFacts],
    window: tuple[datetime, datetime],
    roles: dict[int, DeliveryRole],
    pay: SeatPay,
) -> dict[int, list[Commitment]]:
    """People whose pay counts by pay day get their bookings two months either side of the
    window (one more query, only when there are such people)."""
    ids = [person.id for person in people if counts_by_pay_day(person)]
    if not ids:
        return commitments
    start, end = window[0] - PAY_PERIOD_REACH, window[1] + PAY_PERIOD_REACH
    wider = load_commitments(start, end, roles, pay, person_ids=ids)
    return commitments | {person_id: wider.get(person_id, []) for person_id in ids}


def all_roles() -> dict[int, DeliveryRole]:
    return {role.id: role for role in db.session.scalars(select(DeliveryRole))}


def booking_window(starts_at: datetime, ends_at: datetime) -> tuple[datetime, datetime]:
    """From the earlier of the local week's and month's start to the later of their ends,
    with a day either side for the travel buffer across midnight."""
    first, last = to_local(starts_at).date(), to_local(ends_at).date()
    begin = min(first - timedelta(days=first.weekday()), first.replace(day=1))
    next_month = (last.replace(day=28) + timedelta(days=4)).replace(day=1)
    finish = max(last + timedelta(days=7 - last.weekday()), next_month)
    return (
        local_to_utc(begin - timedelta(days=1), time()),
        local_to_utc(finish + timedelta(days=1), time()),
    )


def for_candidate(session: TrainingSession, person: Person) -> Facts:
    """One session and one person (archived or not), with their bookings and the team."""
    roles, pay = all_roles(), SeatPay(local_zone())
    start, end = booking_window(session.starts_at, session.ends_at)
    people = load_people(
        role_ids=None, window=(start, end), person_ids=[person.id], active_only=False
    )
    commitments = load_commitments(start, end, roles, pay, person_ids=[person.id])
    commitments = with_pay_period_reach(commitments, people, (start, end), roles, pay)
    team = {a.person_id for a in session.assignments if a.offer_status.holds_seat}
    context = load_context(
        team | {person.id},
        roles,
        people=people,
        sessions=[session],
        recent=(session.starts_at, session.ends_at),
        together_with=team,
    )
    return Facts([session_facts(session, roles, pay)], people, commitments, context)


def load_commitments(
    start: datetime,
    end: datetime,
    roles: dict[int, DeliveryRole],
    pay: SeatPay,
    *,
    person_ids: Collection[int] | None = None,
) -> dict[int, list[Commitment]]:
    """Every seat held (offered or accepted) in sessions not cancelled between start and end:
    the sessions once each, then the seats as plain rows."""
    in_window = (
        TrainingSession.status != SessionStatus.CANCELLED,
        TrainingSession.starts_at < end,
        TrainingSession.ends_at > start,
    )
    seats = (
        select(Assignment.person_id, Assignment.delivery_role_id, Assignment.session_id)
        .join(TrainingSession, TrainingSession.id == Assignment.session_id)
        .where(Assignment.offer_status.in_(HOLDING), *in_window)
        .order_by(TrainingSession.starts_at, Assignment.id)
    )
    if person_ids is not None:
        seats = seats.where(Assignment.person_id.in_(list(person_ids)))
    sessions = {
        s.id: s
        for s in db.session.scalars(
            select(TrainingSession).where(
                *in_window,
                TrainingSession.id.in_(
                    seats.with_only_columns(Assignment.session_id).order_by(None)
                ),
            )
        ).unique()
    }
    made: dict[tuple[int, int], Commitment] = {}
    booked: dict[int, list[Commitment]] = {}
    for person_id, role_id, session_id in db.session.execute(seats):
        key = (session_id, role_id)
        if key not in made:
            made[key] = booking(sessions[session_id], role_id, roles, pay)
        booked.setdefault(person_id, []).append(made[key])
    return booked


def booking(
    session: TrainingSession, role_id: int, roles: dict[int, DeliveryRole], pay: SeatPay
) -> Commitment:
    role = roles.get(role_id)
    where = "Online" if session.is_online else (session.venue.name if session.venue else "a venue")
    return Commitment(
        session.id,
        session.starts_at,
        session.ends_at,
        session.venue_id,
        session.is_online,
        pay(session, role_id) if role else 0,
        session.duration_minutes,
        role_id,
        f"{session.programme.name} at {where}",
    )
