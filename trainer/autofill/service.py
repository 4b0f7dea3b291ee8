"""Auto-fill through the app: propose teams for every empty seat in a date range, then make
the offers a coordinator confirmed, re-checking each one against the database as it is now."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from trainer import audit
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import Assignment, OfferStatus, TrainingSession, User
from trainer.offers.service import lock_rows, snapshot
from trainer.teams import loader
from trainer.teams.explain import EmptySeat
from trainer.teams.facts import Commitment, Placement, commitment_for
from trainer.teams.rules import check_candidate
from trainer.teams.shadow_fill import propose_shadows
from trainer.teams.solver import Plan, auto_fill

#: the longest range one auto-fill may cover
MAX_DAYS = 62
#: the solver's deterministic budget, as seconds on a quiet machine (see docs/autofill.md)
TIME_LIMIT_S = 8.0
#: the clock only stops a solve after this long, so a busy machine gives the same plan later
SAFETY_NET_S = 20.0


@dataclass(frozen=True)
class Preview:
    facts: loader.Facts
    plan: Plan
    sessions: list[TrainingSession]
    #: observers proposed for sessions with room for one (never a team's seat)
    shadows: list[Placement] = field(default_factory=list)

    def proposed(self) -> dict[int, list[Placement]]:
        by_session: dict[int, list[Placement]] = {}
        for placement in self.plan.placements:
            by_session.setdefault(placement.session_id, []).append(placement)
        return by_session

    def shadows_by_session(self) -> dict[int, list[Placement]]:
        by_session: dict[int, list[Placement]] = {}
        for placement in self.shadows:
            by_session.setdefault(placement.session_id, []).append(placement)
        return by_session

    def empty(self) -> dict[int, list[EmptySeat]]:
        by_session: dict[int, list[EmptySeat]] = {}
        for seat in self.plan.empty_seats:
            by_session.setdefault(seat.session_id, []).append(seat)
        return by_session


@dataclass
class Applied:
    offered: list[Assignment] = field(default_factory=list)
    #: (placement, why it was not made)
    skipped: list[tuple[Placement, str]] = field(default_factory=list)


def check_range(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise DomainError("The end date must be the same as or after the start date.", "date_to")
    if (date_to - date_from).days + 1 > MAX_DAYS:
        raise DomainError(f"Choose at most {MAX_DAYS} days at a time.", "date_to")


def propose(
    date_from: date,
    date_to: date,
    *,
    now: datetime,
    programme_id: int | None = None,
    time_limit_s: float = TIME_LIMIT_S,
) -> Preview:
    """The solver's plan for every empty seat in sessions still to come in the range."""
    check_range(date_from, date_to)
    facts = loader.for_range(date_from, date_to, now=now, programme_id=programme_id)
    plan = auto_fill(
        facts.sessions,
        facts.people,
        facts.commitments,
        facts.context,
        time_limit_s=time_limit_s,
        safety_net_s=max(SAFETY_NET_S, time_limit_s),
    )
    sessions = load_sessions([s.id for s in facts.sessions])
    shadows = propose_shadows(
        facts.sessions, facts.people, facts.commitments, plan.placements, facts.context
    )
    return Preview(facts, plan, sessions, shadows)


def load_sessions(ids: list[int]) -> list[TrainingSession]:
    if not ids:
        return []
    query = (
        select(TrainingSession)
        .where(TrainingSession.id.in_(ids))
        .options(selectinload(TrainingSession.assignments))
        .order_by(TrainingSession.starts_at, TrainingSession.id)
    )
    return list(db.session.scalars(query).unique())


def apply_plan(
    placements: list[Placement],
    date_from: date,
    date_to: date,
    *,
    now: datetime,
    actor: User | None,
    programme_id: int | None = None,
) -> Applied:
    """Offer each confirmed placement that still passes every hard rule; skip the rest."""
    check_range(date_from, date_to)
    lock_rows(
        session_ids={p.session_id for p in placements}, person_ids={p.person_id for p in placements}
    )
    facts = loader.for_range(date_from, date_to, now=now, programme_id=programme_id)
    sessions = {s.id: s for s in facts.sessions}
    people = {p.id: p for p in facts.people}
    booked = {pid: list(bookings) for pid, bookings in facts.commitments.items()}
    teams: dict[int, set[int]] = {}
    taken: Counter[tuple[int, int]] = Counter()
    for pid, bookings in booked.items():
        for booking in bookings:
            teams.setdefault(booking.session_id, set()).add(pid)
            taken[booking.session_id, booking.role_id] += 1
    rows = old_rows(list(sessions))
    applied = Applied()
    order = sorted(
        set(placements),
        key=lambda p: (
            sessions[p.session_id].starts_at if p.session_id in sessions else now,
            p.session_id,
            p.role_id,
            p.person_id,
        ),
    )
    for placement in order:
        problem = placement_problem(
            placement, sessions, people, booked, teams, taken, facts.context
        )
        if problem:
            applied.skipped.append((placement, problem))
            continue
        session = sessions[placement.session_id]
        booked.setdefault(placement.person_id, []).append(
            commitment_for(session, placement.role_id)
        )
        teams.setdefault(session.id, set()).add(placement.person_id)
        taken[session.id, placement.role_id] += 1
        applied.offered.append(offer_row(placement, rows, now))
    db.session.flush()
    for assignment in applied.offered:
        audit.record(
            "assignment.offered",
            assignment,
            actor=actor,
            after=snapshot(assignment),
            reason="Auto-fill",
        )
    return applied


def placement_problem(
    placement: Placement,
    sessions,
    people,
    booked: dict[int, list[Commitment]],
    teams: dict[int, set[int]],
    taken: Counter,
    context,
) -> str:
    """Why this placement cannot be made now, or '' when it can."""
    session = sessions.get(placement.session_id)
    if session is None:
        return "The session is not in the range, is over, or is no longer draft or scheduled."
    if placement.role_id in context.shadow_role_ids:
        seats = session.shadow_seats
    else:
        seats = session.seats.get(placement.role_id, 0)
    if taken[session.id, placement.role_id] >= seats:
        return "The seat has been filled since the preview."
    person = people.get(placement.person_id)
    if person is None:
        return "The person is archived."
    evaluation = check_candidate(
        session,
        placement.role_id,
        person,
        booked.get(person.id, ()),
        teams.get(session.id, set()),
        context,
    )
    return "; ".join(r.message for r in evaluation.hard)


def old_rows(session_ids: list[int]) -> dict[tuple[int, int], Assignment]:
    """Withdrawn (or declined) rows, which an offer to the same person reuses."""
    if not session_ids:
        return {}
    query = select(Assignment).where(
        Assignment.session_id.in_(session_ids),
        Assignment.offer_status.in_((OfferStatus.WITHDRAWN, OfferStatus.DECLINED)),
    )
    return {(a.session_id, a.person_id): a for a in db.session.scalars(query)}


def offer_row(placement: Placement, rows: dict, now: datetime) -> Assignment:
    assignment = rows.get((placement.session_id, placement.person_id))
    if assignment is None:
        assignment = Assignment(session_id=placement.session_id, person_id=placement.person_id)
        db.session.add(assignment)
    assignment.delivery_role_id = placement.role_id
    assignment.offer_status = OfferStatus.OFFERED
    assignment.offered_at, assignment.responded_at = now, None
    assignment.override_reason = ""
    return assignment


def default_range(today: date) -> tuple[date, date]:
    """The next four weeks."""
    return today, today + timedelta(days=27)
