"""Held seats checked again with the same hard rules as booking, many seats at once.

A held seat (offered or accepted) is checked as if it were being booked now: the person's
other bookings in the weeks and months around it, the rest of its team, the venue and the
programme as they are today. Two things a seat cannot break are left out: it is in its own
team, and its person did not say no. The programme's team is checked too, as booking does:
a role taken out of the team, or fewer seats of a role than people holding them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from trainer.extensions import db
from trainer.models import Assignment, OfferStatus, Person, SessionStatus, TrainingSession
from trainer.teams.context_facts import do_not_pair_marks
from trainer.teams.facts import Commitment, SchedulingContext, SessionFacts
from trainer.teams.limit_facts import esa_amounts, pay_day_of_month
from trainer.teams.loader import (
    PAY_PERIOD_REACH,
    all_roles,
    booking_window,
    counts_by_pay_day,
    load_commitments,
    session_facts,
    with_pay_period_reach,
)
from trainer.teams.people_facts import load_people
from trainer.teams.rules import HARD_RULES
from trainer.teams.seat_pay import SeatPay
from trainer.timezones import local_zone

HELD = (OfferStatus.OFFERED, OfferStatus.ACCEPTED)
LIVE = (SessionStatus.DRAFT, SessionStatus.SCHEDULED)
#: reasons a held seat cannot have: it is in its own team, and its person did not say no
NOT_FOR_HELD = frozenset({"same_session", "declined"})


@dataclass(frozen=True, slots=True)
class Break:
    """One hard rule a held seat breaks, in the words booking uses."""

    code: str
    message: str


def held_seats(
    *,
    now: datetime,
    person_ids: Collection[int] | None = None,
    session_ids: Collection[int] | None = None,
    venue_id: int | None = None,
    programme_id: int | None = None,
    include_past: bool = False,
) -> list[Assignment]:
    """Seats held in sessions still to be delivered and not yet over (with `include_past`,
    every held seat of a session not cancelled), optionally only these people's, these
    sessions', or those at a venue or of a programme."""
    query = (
        select(Assignment)
        .join(TrainingSession, TrainingSession.id == Assignment.session_id)
        .where(Assignment.offer_status.in_(HELD))
        .options(joinedload(Assignment.session))
        .order_by(TrainingSession.starts_at, Assignment.id)
    )
    if include_past:
        query = query.where(TrainingSession.status != SessionStatus.CANCELLED)
    else:
        query = query.where(TrainingSession.status.in_(LIVE), TrainingSession.ends_at > now)
    if person_ids is not None:
        query = query.where(Assignment.person_id.in_(list(person_ids)))
    if session_ids is not None:
        query = query.where(Assignment.session_id.in_(list(session_ids)))
    if venue_id is not None:
        query = query.where(TrainingSession.venue_id == venue_id)
    if programme_id is not None:
        query = query.where(TrainingSession.programme_id == programme_id)
    return list(db.session.scalars(query).unique())


def check_seats(seats: list[Assignment]) -> dict[int, list[Break]]:
    """Every hard rule each seat breaks now, by assignment id (an empty list: none)."""
    if not seats:
        return {}
    roles, pay = all_roles(), SeatPay(local_zone())
    sessions = {seat.session_id: seat.session for seat in seats}
    facts = {sid: session_facts(session, roles, pay) for sid, session in sessions.items()}
    windows = [booking_window(s.starts_at, s.ends_at) for s in sessions.values()]
    start, end = min(w[0] for w in windows), max(w[1] for w in windows)
    person_ids = {seat.person_id for seat in seats}
    people = {
        p.id: p
        for p in load_people(
            role_ids=None, window=(start, end), person_ids=person_ids, active_only=False
        )
    }
    booked = load_commitments(start, end, roles, pay, person_ids=person_ids)
    booked = with_pay_period_reach(booked, people.values(), (start, end), roles, pay)
    teams = team_members(list(sessions))
    context = _context(roles, people, teams)
    return {
        seat.id: _breaks(seat, facts[seat.session_id], people, booked, teams, context)
        for seat in seats
    }


def _breaks(seat, session: SessionFacts, people, booked, teams, context) -> list[Break]:
    person = people[seat.person_id]
    lo, hi = booking_window(session.starts_at, session.ends_at)
    if counts_by_pay_day(person):
        lo, hi = lo - PAY_PERIOD_REACH, hi + PAY_PERIOD_REACH
    nearby = [c for c in booked.get(person.id, ()) if _near(c, session.id, lo, hi)]
    holders = teams.get(session.id, [])
    team = [person_id for _, person_id, _ in holders if person_id != person.id]
    args = (session, seat.delivery_role_id, person, nearby, team, context)
    found = [
        Break(reason.code, reason.message)
        for rule in HARD_RULES
        for reason in rule(*args)
        if reason.code not in NOT_FOR_HELD
    ]
    return found + seat_fit(seat, session, holders, context)


def _near(other: Commitment, session_id: int, lo: datetime, hi: datetime) -> bool:
    return other.session_id != session_id and other.starts_at < hi and other.ends_at > lo


def seat_fit(seat, session: SessionFacts, holders, context: SchedulingContext) -> list[Break]:
    """The programme's team as booking checks it: the role has a seat, and no more people
    hold it than there are seats (the latest offered are the ones over)."""
    role_id, role = seat.delivery_role_id, context.role_name(seat.delivery_role_id)
    if role_id in context.shadow_role_ids:
        seats = session.shadow_seats
        holders = [h for h in holders if h[2] == role_id]
    else:
        seats = session.seats.get(role_id, 0)
    if not seats:
        return [Break("seat_gone", f"The programme's team has no {role} seat now")]
    same_role = [assignment_id for assignment_id, _, rid in holders if rid == role_id]
    if len(same_role) > seats and same_role.index(seat.id) >= seats:
        return [
            Break(
                "seat_count",
                f"{len(same_role)} people hold the {role} seat"
                f"{'s' if seats > 1 else ''}; the programme's team has {seats}",
            )
        ]
    return []


def team_members(session_ids: list[int]) -> dict[int, list[tuple[int, int, int]]]:
    """session id -> (assignment id, person id, role id) of every held seat, oldest first."""
    teams: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    query = (
        select(
            Assignment.session_id,
            Assignment.id,
            Assignment.person_id,
            Assignment.delivery_role_id,
        )
        .where(Assignment.session_id.in_(session_ids), Assignment.offer_status.in_(HELD))
        .order_by(Assignment.id)
    )
    for session_id, assignment_id, person_id, role_id in db.session.execute(query):
        teams[session_id].append((assignment_id, person_id, role_id))
    return teams


def _context(roles, people, teams) -> SchedulingContext:
    """What the hard rules read beyond people and sessions: names, marks, the buffer."""
    ids = {person_id for holders in teams.values() for _, person_id, _ in holders}
    names = {p.id: p.name for p in people.values()}
    missing = ids - set(names)
    if missing:
        query = select(Person.id, Person.full_name).where(Person.id.in_(missing))
        names.update((pid, name) for pid, name in db.session.execute(query))
    return SchedulingContext(
        timezone=local_zone(),
        travel_buffer_minutes=current_app.config["TRAVEL_BUFFER_MINUTES"],
        do_not_pair=do_not_pair_marks(),
        role_names={rid: role.name.lower() for rid, role in roles.items()},
        person_names=names,
        shadow_role_ids=frozenset(rid for rid, role in roles.items() if role.is_shadow),
        role_stages={rid: role.needs_stage.rank for rid, role in roles.items() if role.needs_stage},
        esa_amounts=esa_amounts(),
        pay_day_of_month=pay_day_of_month(),
    )
