"""Offers: a coordinator puts a person in a seat, the person answers, a coordinator takes
someone off. Services flush; the view commits once.

Putting a person in a seat first locks the session's and the person's rows, then checks the
hard rules against bookings read after the lock: two coordinators booking the same person
into overlapping sessions at the same moment cannot both succeed.
"""

from collections.abc import Collection
from datetime import timedelta

from sqlalchemy import select, text
from sqlalchemy.orm.attributes import set_committed_value

from trainer import audit, signals
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import (
    Assignment,
    DeliveryRole,
    OfferStatus,
    Person,
    SessionStatus,
    TrainingSession,
    User,
)
from trainer.teams import loader
from trainer.teams.facts import Evaluation
from trainer.teams.rules import check_candidate

LIVE = (SessionStatus.DRAFT, SessionStatus.SCHEDULED)
#: hard rules a written reason cannot set aside
NOT_OVERRIDABLE = {"same_session"}
#: how long a person can take back their "no" (the issue's "10-minute undo")
UNDO_TIME = timedelta(minutes=10)


def lock_rows(*, session_ids: Collection[int] = (), person_ids: Collection[int] = ()) -> None:
    """Hold these sessions' and people's rows until the transaction ends.

    PostgreSQL: SELECT ... FOR UPDATE, sessions first and then people, each in id order, so
    requests never wait on each other in a circle. SQLite: a no-op write takes the database's
    write lock now, before anything is read, so the checks see every earlier booking.
    """
    dialect = db.session.get_bind().dialect.name
    for model, ids in ((TrainingSession, session_ids), (Person, person_ids)):
        ids = sorted(set(ids))
        if not ids:
            continue
        if dialect == "postgresql":
            db.session.execute(
                select(model.id).where(model.id.in_(ids)).order_by(model.id).with_for_update()
            )
        else:
            db.session.execute(
                text(f"UPDATE {model.__tablename__} SET id = id WHERE id = :id"), {"id": ids[0]}
            )


def snapshot(assignment: Assignment) -> dict:
    return {
        "session_id": assignment.session_id,
        "person_id": assignment.person_id,
        "delivery_role_id": assignment.delivery_role_id,
        "offer_status": assignment.offer_status.value,
        "override_reason": assignment.override_reason,
    }


def current_team(session: TrainingSession) -> list[Assignment]:
    """The session's assignments as they are in the database now (read after the lock)."""
    query = (
        select(Assignment)
        .where(Assignment.session_id == session.id)
        .order_by(Assignment.id)
        .execution_options(populate_existing=True)
    )
    team = list(db.session.scalars(query))
    set_committed_value(session, "assignments", team)
    return team


def evaluate(session: TrainingSession, role: DeliveryRole, person: Person) -> Evaluation:
    """Every hard and soft reason for `person` in a `role` seat, from the database now."""
    facts = loader.for_candidate(session, person)
    team = {a.person_id for a in session.assignments if a.offer_status.holds_seat}
    [person_facts] = facts.people
    return check_candidate(
        facts.sessions[0],
        role.id,
        person_facts,
        facts.commitments.get(person.id, ()),
        team,
        facts.context,
    )


def check_seat_open(
    session: TrainingSession, role: DeliveryRole, person: Person, team: list[Assignment]
) -> None:
    if session.status not in LIVE or session.ends_at <= utc_now():
        state = "over" if session.status in LIVE else session.status.label.lower()
        raise DomainError(f"This session is {state}, so its team cannot change.")
    if not person.is_active:
        raise DomainError(f"{person.full_name} is archived. Restore them first.")
    seats = seats_for(session, role)
    if not seats:
        raise DomainError(f"This programme's team has no {role.name.lower()} seat.")
    holding = [a for a in team if a.offer_status.holds_seat]
    if any(a.person_id == person.id for a in holding):
        raise DomainError(f"{person.full_name} is already in this team.")
    if sum(a.delivery_role_id == role.id for a in holding) >= seats:
        raise DomainError(
            f"The {role.name.lower()} seat is already filled. Take someone off first."
        )


def seats_for(session: TrainingSession, role: DeliveryRole) -> int:
    """Seats of a role in the session: its observers' seats for a shadow role."""
    if role.is_shadow:
        return session.programme.shadow_seats
    return sum(s.count for s in session.programme.seats if s.delivery_role_id == role.id)


def offer_seat(
    session: TrainingSession,
    role: DeliveryRole,
    person: Person,
    *,
    actor: User | None,
    override_reason: str = "",
) -> Assignment:
    """Offer `person` the `role` seat; a hard rule blocks it unless a reason is given."""
    reason = (override_reason or "").strip()
    lock_rows(session_ids=[session.id], person_ids=[person.id])
    team = current_team(session)
    check_seat_open(session, role, person, team)
    hard = evaluate(session, role, person).hard
    fixed = [r for r in hard if r.code in NOT_OVERRIDABLE]
    if fixed:
        raise DomainError(f"{person.full_name}: {fixed[0].message}.")
    if hard and not reason:
        raise DomainError(
            f"{person.full_name} cannot take this seat: "
            f"{'; '.join(r.message for r in hard)}. "
            "To offer it anyway, give a reason.",
            "reason",
        )
    assignment = next((a for a in team if a.person_id == person.id), None)
    if assignment is None:
        assignment = Assignment(session=session, person=person)
        db.session.add(assignment)
    before = snapshot(assignment) if assignment.id else None
    assignment.delivery_role = role
    assignment.offer_status = OfferStatus.OFFERED
    assignment.offered_at, assignment.responded_at = utc_now(), None
    assignment.undo_status = None
    assignment.override_reason = reason if hard else ""
    db.session.flush()
    audit.record(
        "assignment.offered",
        assignment,
        actor=actor,
        before=before,
        after=snapshot(assignment),
        reason=assignment.override_reason,
    )
    if hard:
        audit.record(
            "assignment.overridden",
            assignment,
            actor=actor,
            reason=reason,
            after={"rules": [r.code for r in hard], "messages": [r.message for r in hard]},
        )
        signals.rules_set_aside.send(
            assignment,
            assignment=assignment,
            actor=actor,
            broken=[(r.code, r.message) for r in hard],
            reason=reason,
        )
    signals.offer_made.send(assignment, assignment=assignment, actor=actor)
    return assignment


def respond_to_offer(assignment: Assignment, *, accept: bool, actor: User | None) -> Assignment:
    """The person says yes or no; saying no empties the seat (after a yes too)."""
    status, session = assignment.offer_status, assignment.session
    if status is OfferStatus.WITHDRAWN:
        raise DomainError("This offer was taken back, so you do not need to answer it.")
    if status is OfferStatus.DECLINED:
        raise DomainError(
            "You already said no to this session. "
            + (
                "If you can do it after all, contact the coordinator."
                if accept
                else "You do not need to do anything else."
            )
        )
    if accept and status is OfferStatus.ACCEPTED:
        raise DomainError(
            "You already said yes to this session. You do not need to do anything else."
        )
    if session.status not in LIVE or session.ends_at <= utc_now():
        state = "over" if session.status in LIVE else session.status.label.lower()
        raise DomainError(f"This session is {state}. You do not need to answer.")
    before = snapshot(assignment)
    assignment.offer_status = OfferStatus.ACCEPTED if accept else OfferStatus.DECLINED
    assignment.responded_at = utc_now()
    #: a "no" can be taken back for a while (trainer/offers/answers.py)
    assignment.undo_status = None if accept else status
    db.session.flush()
    audit.record(
        f"assignment.{assignment.offer_status.value}",
        assignment,
        actor=actor,
        before=before,
        after=snapshot(assignment),
    )
    if accept:
        signals.offer_accepted.send(assignment, assignment=assignment, actor=actor)
        return assignment
    if status is OfferStatus.ACCEPTED:
        signals.seat_given_up.send(assignment, assignment=assignment, actor=actor)
    signals.seat_released.send(assignment, assignment=assignment, actor=actor)
    if status is OfferStatus.ACCEPTED:
        signals.person_withdrew.send(
            assignment,
            assignment=assignment,
            actor=actor,
            undo_until=assignment.responded_at + UNDO_TIME,
        )
    return assignment


def withdraw_offer(assignment: Assignment, *, actor: User | None, reason: str = "") -> Assignment:
    """A coordinator takes someone off the team; their seat is empty again."""
    session = assignment.session
    if not assignment.offer_status.holds_seat:
        raise DomainError(f"{assignment.person.full_name} is not in this team any more.")
    if session.status not in LIVE:
        raise DomainError(
            f"This session is {session.status.label.lower()}, so its team cannot change."
        )
    before = snapshot(assignment)
    was_accepted = assignment.offer_status is OfferStatus.ACCEPTED
    assignment.offer_status = OfferStatus.WITHDRAWN
    assignment.undo_status = None
    db.session.flush()
    audit.record(
        "assignment.withdrawn",
        assignment,
        actor=actor,
        before=before,
        after=snapshot(assignment),
        reason=(reason or "").strip(),
    )
    if was_accepted:
        signals.seat_given_up.send(assignment, assignment=assignment, actor=actor)
    signals.seat_released.send(assignment, assignment=assignment, actor=actor)
    return assignment
