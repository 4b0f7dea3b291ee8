"""Reads for a session's team page: candidates for each empty seat with their reasons,
offers waiting for an answer, and the overrides recorded on the session."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from trainer.extensions import db
from trainer.models import AuditEvent, DeliveryRole, TrainingSession
from trainer.sessions.seats import team_seats
from trainer.teams import loader
from trainer.teams.facts import Evaluation
from trainer.teams.rules import rank_candidates

#: how many eligible and how many blocked candidates a seat lists
SHOW_ELIGIBLE, SHOW_BLOCKED = 10, 30


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str
    evaluation: Evaluation

    @property
    def eligible(self) -> bool:
        return self.evaluation.eligible


@dataclass(frozen=True)
class SeatCandidates:
    role: DeliveryRole
    empty: int
    eligible: list[Candidate]
    blocked: list[Candidate]
    more_eligible: int
    more_blocked: int


def seat_candidates(session: TrainingSession) -> list[SeatCandidates]:
    """For each role with an empty seat, everyone who holds it, best first, with reasons."""
    empty: dict[int, int] = {}
    roles: dict[int, DeliveryRole] = {}
    for seat in team_seats(session):
        if seat.is_empty:
            empty[seat.role.id] = empty.get(seat.role.id, 0) + 1
            roles[seat.role.id] = seat.role
    if not empty:
        return []
    facts = loader.for_session(session)
    team = {a.person_id for a in session.assignments if a.offer_status.holds_seat}
    names = {p.id: p.name for p in facts.people}
    result = []
    for role_id, count in empty.items():
        holders = [p for p in facts.people if role_id in p.role_ids]
        ranked = rank_candidates(
            facts.sessions[0], role_id, holders, facts.commitments, team, facts.context
        )
        rows = [Candidate(e.person_id, names[e.person_id], e) for e in ranked]
        eligible = [c for c in rows if c.eligible]
        blocked = [c for c in rows if not c.eligible]
        result.append(
            SeatCandidates(
                roles[role_id],
                count,
                eligible[:SHOW_ELIGIBLE],
                blocked[:SHOW_BLOCKED],
                max(len(eligible) - SHOW_ELIGIBLE, 0),
                max(len(blocked) - SHOW_BLOCKED, 0),
            )
        )
    return result


@dataclass(frozen=True)
class Override:
    at: datetime
    by: str
    what: str
    reason: str


def session_overrides(session: TrainingSession) -> list[Override]:
    """Hard rules set aside for this session, newest first, from the audit log."""
    assignment_ids = [a.id for a in session.assignments]
    query = (
        select(AuditEvent)
        .where(
            or_(
                (AuditEvent.entity_type == "training_sessions")
                & (AuditEvent.entity_id == session.id)
                & (AuditEvent.action == "session.scheduled")
                & (AuditEvent.reason != ""),
                (AuditEvent.entity_type == "assignments")
                & AuditEvent.entity_id.in_(assignment_ids)
                & (AuditEvent.action == "assignment.overridden"),
            )
        )
        .order_by(AuditEvent.id.desc())
    )
    by_id = {a.id: a for a in session.assignments}
    overrides = []
    for event in db.session.scalars(query):
        who = event.actor.email if event.actor else "Unknown"
        if event.action == "session.scheduled":
            what = "Scheduled before the team was ready"
        else:
            assignment = by_id[event.entity_id]
            broken = "; ".join((event.after or {}).get("messages", []))
            done = "kept in" if (event.after or {}).get("kept") else "offered"
            what = (
                f"{assignment.person.full_name} {done} the "
                f"{assignment.delivery_role.name.lower()} seat although: {broken}"
            )
        overrides.append(Override(event.occurred_at, who, what, event.reason))
    return overrides
