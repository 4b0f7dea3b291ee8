"""Shadow seats: observers who watch a session before they co-deliver. They never count
towards the team's composition, are paid by the shadow role's rates on the rate card, and
are offered like any seat (or taken by the person themselves when a session has room)."""

from datetime import datetime

from sqlalchemy import select

from trainer import audit, signals
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import (
    Assignment,
    DeliveryRole,
    OfferStatus,
    Person,
    ProgrammeKind,
    ProgressionStage,
    SessionStatus,
    TrainingSession,
    User,
)
from trainer.offers import service as offers
from trainer.sessions.seats import shadow_room
from trainer.teams import loader
from trainer.teams.facts import Evaluation
from trainer.teams.rules import check_candidate

LIVE = (SessionStatus.DRAFT, SessionStatus.SCHEDULED)
#: people still learning: shadowing is offered to them first
LEARNING = {0, ProgressionStage.TRAINED.rank, ProgressionStage.SHADOWED.rank}


def shadow_role() -> DeliveryRole | None:
    """The observer role (the first active one), or None when none is set up."""
    query = (
        select(DeliveryRole)
        .where(DeliveryRole.is_shadow.is_(True), DeliveryRole.is_active.is_(True))
        .order_by(DeliveryRole.sort_order, DeliveryRole.id)
    )
    return db.session.scalars(query).first()


def shadow_candidates(
    session: TrainingSession, role: DeliveryRole
) -> list[tuple[Person, Evaluation]]:
    """People still learning who could shadow the session, best first (eligible only)."""
    facts = loader.for_session(session, any_role=True)
    team = {a.person_id for a in session.assignments if a.offer_status.holds_seat}
    found = []
    for person in facts.people:
        if person.id in team or person.stage not in LEARNING or not person.role_ids:
            continue
        evaluation = check_candidate(
            facts.sessions[0],
            role.id,
            person,
            facts.commitments.get(person.id, ()),
            team,
            facts.context,
        )
        if evaluation.eligible:
            found.append((person, evaluation))
    found.sort(key=lambda pair: (pair[0].stage, -pair[1].score, pair[0].name))
    people = {
        p.id: p
        for p in db.session.scalars(select(Person).where(Person.id.in_([f.id for f, _ in found])))
    }
    return [(people[f.id], evaluation) for f, evaluation in found]


def sessions_to_shadow(person: Person, now: datetime, *, limit: int = 8) -> list[TrainingSession]:
    """Training sessions still to come, with room for an observer, that the person is not in
    and could shadow by every hard rule: soonest first."""
    role = shadow_role()
    if role is None:
        return []
    mine = select(Assignment.session_id).where(
        Assignment.person_id == person.id, Assignment.offer_status.in_(loader.HOLDING)
    )
    query = (
        select(TrainingSession)
        .where(
            TrainingSession.status.in_(LIVE),
            TrainingSession.starts_at > now,
            TrainingSession.id.not_in(mine),
        )
        .order_by(TrainingSession.starts_at, TrainingSession.id)
        .limit(60)
    )
    found = []
    for session in db.session.scalars(query).unique():
        if session.programme.kind is not ProgrammeKind.TRAINING or shadow_room(session) <= 0:
            continue
        if not offers.evaluate(session, role, person).hard:
            found.append(session)
            if len(found) == limit:
                break
    return found


def ask_to_shadow(session: TrainingSession, person: Person, *, actor: User | None) -> Assignment:
    """The person takes an observer's seat themselves: every hard rule must pass."""
    role = shadow_role()
    if role is None:
        raise DomainError("Shadowing is not set up yet. Please ask the coordinator.")
    if session.programme.kind is not ProgrammeKind.TRAINING or session.status not in LIVE:
        raise DomainError("You cannot shadow this session.")
    offers.lock_rows(session_ids=[session.id], person_ids=[person.id])
    team = offers.current_team(session)
    if session.ends_at <= utc_now():
        raise DomainError("This session is over.")
    if any(a.person_id == person.id and a.offer_status.holds_seat for a in team):
        raise DomainError("You are already in this session.")
    if shadow_room(session) <= 0:
        raise DomainError("Someone else is shadowing this session. Please choose another one.")
    hard = offers.evaluate(session, role, person).hard
    if hard:
        raise DomainError(
            "You cannot shadow this session. " + " ".join(easy_reason(r.code) for r in hard)
        )
    assignment = next((a for a in team if a.person_id == person.id), None)
    if assignment is None:
        assignment = Assignment(session=session, person=person)
        db.session.add(assignment)
    before = offers.snapshot(assignment) if assignment.id else None
    now = utc_now()
    assignment.delivery_role = role
    assignment.offer_status = OfferStatus.ACCEPTED
    assignment.offered_at = assignment.responded_at = now
    assignment.override_reason = ""
    db.session.flush()
    audit.record(
        "assignment.shadow_asked",
        assignment,
        actor=actor,
        before=before,
        after=offers.snapshot(assignment),
    )
    signals.offer_accepted.send(assignment, assignment=assignment, actor=actor)
    return assignment


EASY_REASONS = {
    "overlap": "You have another session at that time.",
    "travel": "You would not have time to travel between sessions.",
    "unavailable": "You said you are not free then.",
    "availability": "You do not work at that time.",
    "access": "The place does not have the access you need.",
    "progression": "You need to finish your training first.",
    "do_not_pair": "Please ask the coordinator about this session.",
    "declined": "You said no to this session before.",
}


def easy_reason(code: str) -> str:
    """One short Easy Read sentence for a rule that blocks shadowing."""
    if code.startswith("cap_"):
        return "It would take you over your limit."
    return EASY_REASONS.get(code, "Please ask the coordinator.")
