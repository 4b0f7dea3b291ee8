"""Rows to facts: load what the pure rules and the solver reason about, in a few queries.

`for_session` gathers one session's candidates, `for_range` every open seat in a date range;
either costs the same handful of queries whatever the number of people or sessions.
Bookings are loaded for whole local weeks and months around the sessions, so the caps see
every other session in the same week or month.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased

from trainer.extensions import db
from trainer.models import (
    Assignment,
    AvailabilityWindow,
    DeliveryRole,
    DoNotPair,
    OfferStatus,
    Person,
    PreferredPartner,
    SessionStatus,
    TrainingSession,
    UnavailablePeriod,
)
from trainer.models.people import person_delivery_roles, person_qualifications
from trainer.teams.facts import Commitment, PersonFacts, SchedulingContext, SessionFacts
from trainer.teams.projected_pay import projected_pay_pence
from trainer.timezones import local_to_utc, local_zone, to_local

HOLDING = (OfferStatus.OFFERED, OfferStatus.ACCEPTED)
LIVE = (SessionStatus.DRAFT, SessionStatus.SCHEDULED)
#: "fair share" counts sessions this far either side of the sessions being filled
RECENT = timedelta(weeks=4)
#: "delivered together" and "usual venue" look back this far
HISTORY = timedelta(days=365)
#: a venue counts as usual after this many sessions there
USUAL_VENUE_SESSIONS = 2


@dataclass(frozen=True, slots=True)
class Facts:
    sessions: list[SessionFacts]
    people: list[PersonFacts]
    commitments: dict[int, list[Commitment]]
    context: SchedulingContext


def session_facts(session: TrainingSession, roles: dict[int, DeliveryRole]) -> SessionFacts:
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
        pay_pence_by_role={
            rid: projected_pay_pence(session, roles[rid]) for rid in seats if rid in roles
        },
        minutes=session.duration_minutes,
        venue_access=venue.access_features if venue else frozenset(),
        venue_lat=venue.latitude if venue else None,
        venue_lon=venue.longitude if venue else None,
        programme_name=session.programme.name,
        venue_name=venue.name if venue else "",
    )


def for_session(session: TrainingSession) -> Facts:
    """One session, everyone active who holds one of its seats' roles, and their bookings."""
    roles = all_roles()
    facts = session_facts(session, roles)
    start, end = booking_window(session.starts_at, session.ends_at)
    people = load_people(role_ids=set(facts.seats), window=(start, end))
    commitments = load_commitments(start, end, roles)
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
    roles = all_roles()
    start, end = booking_window(first, last)
    people = load_people(role_ids=None, window=(start, end))
    commitments = load_commitments(start, end, roles)
    ids = {p.id for p in people} | set(commitments)
    context = load_context(ids, roles, people=people, sessions=sessions, recent=(first, last))
    return Facts([session_facts(s, roles) for s in sessions], people, commitments, context)


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
    roles = all_roles()
    start, end = booking_window(session.starts_at, session.ends_at)
    people = load_people(
        role_ids=None, window=(start, end), person_ids=[person.id], active_only=False
    )
    commitments = load_commitments(start, end, roles, person_ids=[person.id])
    team = {a.person_id for a in session.assignments if a.offer_status.holds_seat}
    context = load_context(
        team | {person.id},
        roles,
        people=people,
        sessions=[session],
        recent=(session.starts_at, session.ends_at),
        together_with=team,
    )
    return Facts([session_facts(session, roles)], people, commitments, context)


def load_people(
    *,
    role_ids: Collection[int] | None,
    window: tuple[datetime, datetime],
    person_ids: Collection[int] | None = None,
    active_only: bool = True,
) -> list[PersonFacts]:
    """People (holding one of `role_ids`, or any role) as facts: eight queries."""
    chosen = select(Person.id)
    if active_only:
        chosen = chosen.where(Person.is_active.is_(True))
    if person_ids is not None:
        chosen = chosen.where(Person.id.in_(list(person_ids)))
    if role_ids is not None:
        chosen = chosen.where(
            Person.id.in_(
                select(person_delivery_roles.c.person_id).where(
                    person_delivery_roles.c.delivery_role_id.in_(list(role_ids))
                )
            )
        )
    rows = db.session.execute(
        select(
            Person.id,
            Person.full_name,
            Person.needs_step_free,
            Person.needs_hearing_loop,
            Person.needs_quiet_room,
            Person.needs_accessible_toilet,
            Person.max_sessions_per_week,
            Person.max_minutes_per_week,
            Person.max_pence_per_week,
            Person.max_pence_per_month,
            Person.home_latitude,
            Person.home_longitude,
        )
        .where(Person.id.in_(chosen))
        .order_by(Person.id)
    ).all()
    roles = _pairs(
        select(person_delivery_roles.c.person_id, person_delivery_roles.c.delivery_role_id).where(
            person_delivery_roles.c.person_id.in_(chosen)
        )
    )
    courses = _pairs(
        select(person_qualifications.c.person_id, person_qualifications.c.programme_id).where(
            person_qualifications.c.person_id.in_(chosen)
        )
    )
    partners = _pairs(
        select(PreferredPartner.person_id, PreferredPartner.partner_id).where(
            PreferredPartner.person_id.in_(chosen)
        )
    )
    patterns = weekly_patterns(chosen)
    leave = unavailable(chosen, window)
    usual = usual_venues(chosen, window[0])
    return [
        PersonFacts(
            id=row.id,
            name=row.full_name,
            role_ids=frozenset(roles.get(row.id, ())),
            qualified_programme_ids=frozenset(courses.get(row.id, ())),
            access_needs=frozenset(
                k
                for k, flag in (
                    ("step_free", row.needs_step_free),
                    ("hearing_loop", row.needs_hearing_loop),
                    ("quiet_room", row.needs_quiet_room),
                    ("accessible_toilet", row.needs_accessible_toilet),
                )
                if flag
            ),
            max_sessions_per_week=row.max_sessions_per_week,
            max_minutes_per_week=row.max_minutes_per_week,
            max_pence_per_week=row.max_pence_per_week,
            max_pence_per_month=row.max_pence_per_month,
            weekly_availability=patterns.get(row.id),
            unavailable=tuple(leave.get(row.id, ())),
            home_lat=row.home_latitude,
            home_lon=row.home_longitude,
            preferred_partner_ids=frozenset(partners.get(row.id, ())),
            usual_venue_ids=frozenset(usual.get(row.id, ())),
        )
        for row in rows
    ]


def _pairs(query) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = {}
    for key, value in db.session.execute(query):
        grouped.setdefault(key, []).append(value)
    return grouped


def weekly_patterns(chosen) -> dict[int, tuple]:
    """person_id -> ((weekday, start, end), ...); people with no windows have no pattern."""
    query = (
        select(
            AvailabilityWindow.person_id,
            AvailabilityWindow.weekday,
            AvailabilityWindow.start_time,
            AvailabilityWindow.end_time,
        )
        .where(AvailabilityWindow.person_id.in_(chosen))
        .order_by(
            AvailabilityWindow.person_id, AvailabilityWindow.weekday, AvailabilityWindow.start_time
        )
    )
    patterns: dict[int, list] = {}
    for person_id, weekday, start, end in db.session.execute(query):
        patterns.setdefault(person_id, []).append((weekday, start, end))
    return {pid: tuple(windows) for pid, windows in patterns.items()}


def unavailable(chosen, window: tuple[datetime, datetime]) -> dict[int, list]:
    query = (
        select(UnavailablePeriod.person_id, UnavailablePeriod.starts_at, UnavailablePeriod.ends_at)
        .where(
            UnavailablePeriod.person_id.in_(chosen),
            UnavailablePeriod.starts_at < window[1],
            UnavailablePeriod.ends_at > window[0],
        )
        .order_by(UnavailablePeriod.person_id, UnavailablePeriod.starts_at)
    )
    periods: dict[int, list] = {}
    for person_id, start, end in db.session.execute(query):
        periods.setdefault(person_id, []).append((start, end))
    return periods


def usual_venues(chosen, before: datetime) -> dict[int, list[int]]:
    """Venues where a person delivered at least twice in the last year."""
    query = (
        select(Assignment.person_id, TrainingSession.venue_id)
        .join(TrainingSession, TrainingSession.id == Assignment.session_id)
        .where(
            Assignment.person_id.in_(chosen),
            Assignment.offer_status == OfferStatus.ACCEPTED,
            TrainingSession.status == SessionStatus.DELIVERED,
            TrainingSession.venue_id.is_not(None),
            TrainingSession.starts_at >= before - HISTORY,
        )
        .group_by(Assignment.person_id, TrainingSession.venue_id)
        .having(func.count() >= USUAL_VENUE_SESSIONS)
    )
    return _pairs(query)


def load_commitments(
    start: datetime,
    end: datetime,
    roles: dict[int, DeliveryRole],
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
            made[key] = booking(sessions[session_id], role_id, roles)
        booked.setdefault(person_id, []).append(made[key])
    return booked


def booking(session: TrainingSession, role_id: int, roles: dict[int, DeliveryRole]) -> Commitment:
    role = roles.get(role_id)
    where = "Online" if session.is_online else (session.venue.name if session.venue else "a venue")
    return Commitment(
        session.id,
        session.starts_at,
        session.ends_at,
        session.venue_id,
        session.is_online,
        projected_pay_pence(session, role) if role else 0,
        session.duration_minutes,
        role_id,
        f"{session.programme.name} at {where}",
    )


def load_context(
    person_ids: set[int],
    roles: dict[int, DeliveryRole],
    *,
    people: Iterable[PersonFacts],
    sessions: Iterable[TrainingSession],
    recent: tuple[datetime, datetime],
    together_with: Collection[int] | None = None,
) -> SchedulingContext:
    """Travel buffer, do-not-pair marks, history, workloads and names for these people."""
    names = {p.id: p.name for p in people}
    missing = person_ids - set(names)
    if missing:
        names.update(
            (pid, name)
            for pid, name in db.session.execute(
                select(Person.id, Person.full_name).where(Person.id.in_(missing))
            )
        )
    session_ids = [s.id for s in sessions]
    return SchedulingContext(
        timezone=local_zone(),
        travel_buffer_minutes=current_app.config["TRAVEL_BUFFER_MINUTES"],
        do_not_pair=do_not_pair_marks(),
        delivered_together=delivered_together(recent[0], together_with),
        recent_sessions=recent_sessions(recent[0] - RECENT, recent[1] + RECENT),
        role_names={rid: role.name.lower() for rid, role in roles.items()},
        person_names=names,
        declined=declined(session_ids),
    )


def do_not_pair_marks() -> frozenset[frozenset[int]]:
    rows = db.session.execute(select(DoNotPair.person_id, DoNotPair.other_person_id))
    return frozenset(frozenset(pair) for pair in rows)


def delivered_together(before: datetime, with_ids: Collection[int] | None) -> dict:
    """frozenset({a, b}) -> sessions both delivered in the last year (only pairs with
    `with_ids` when given)."""
    mine, theirs = aliased(Assignment), aliased(Assignment)
    query = (
        select(mine.person_id, theirs.person_id, func.count())
        .join(
            theirs, and_(theirs.session_id == mine.session_id, theirs.person_id != mine.person_id)
        )
        .join(TrainingSession, TrainingSession.id == mine.session_id)
        .where(
            mine.offer_status == OfferStatus.ACCEPTED,
            theirs.offer_status == OfferStatus.ACCEPTED,
            TrainingSession.status == SessionStatus.DELIVERED,
            TrainingSession.starts_at >= before - HISTORY,
        )
        .group_by(mine.person_id, theirs.person_id)
    )
    if with_ids is not None:
        if not with_ids:
            return {}
        query = query.where(theirs.person_id.in_(list(with_ids)))
    else:
        query = query.where(mine.person_id < theirs.person_id)
    return {frozenset((a, b)): n for a, b, n in db.session.execute(query)}


def recent_sessions(start: datetime, end: datetime) -> dict[int, int]:
    query = (
        select(Assignment.person_id, func.count())
        .join(TrainingSession, TrainingSession.id == Assignment.session_id)
        .where(
            Assignment.offer_status.in_(HOLDING),
            TrainingSession.status != SessionStatus.CANCELLED,
            TrainingSession.starts_at >= start,
            TrainingSession.starts_at < end,
        )
        .group_by(Assignment.person_id)
    )
    return dict(db.session.execute(query).all())


def declined(session_ids: list[int]) -> frozenset[tuple[int, int]]:
    if not session_ids:
        return frozenset()
    query = select(Assignment.session_id, Assignment.person_id).where(
        Assignment.session_id.in_(session_ids), Assignment.offer_status == OfferStatus.DECLINED
    )
    return frozenset((sid, pid) for sid, pid in db.session.execute(query))
