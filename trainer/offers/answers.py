"""Answers a person can take back: a "no" (to an offer, or after a yes) can be undone for
`UNDO_TIME`, if the seat is still theirs to have. Services flush; the view commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from trainer import audit, signals
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import Assignment, OfferStatus, User
from trainer.money.limits import LIMIT_CODES
from trainer.offers.service import (
    NOT_OVERRIDABLE,
    UNDO_TIME,
    check_seat_open,
    current_team,
    evaluate,
    lock_rows,
    snapshot,
)

PHONE_US = "Please phone the coordinator."
#: hard rules that other bookings made since the "no" can break: they stop an undo (the
#: rest are checked again as problems once the seat is back, like any other change)
BOOKED_SINCE = {*NOT_OVERRIDABLE, "overlap", "travel", *LIMIT_CODES}


def undo_until(assignment: Assignment) -> datetime | None:
    """Until when the person's last "no" can be undone; None when there is nothing to undo."""
    if assignment.offer_status is not OfferStatus.DECLINED or assignment.undo_status is None:
        return None
    if assignment.responded_at is None:
        return None
    return assignment.responded_at + UNDO_TIME


def can_undo(assignment: Assignment, now: datetime | None = None) -> bool:
    until = undo_until(assignment)
    return until is not None and (now or utc_now()) < until


def undo_answer(assignment: Assignment, *, actor: User | None) -> Assignment:
    """Put the person back as they were before their "no", if the seat is still free."""
    if not can_undo(assignment):
        raise DomainError(f"It is too late to undo your answer here. {PHONE_US}")
    session, person, role = assignment.session, assignment.person, assignment.delivery_role
    lock_rows(session_ids=[session.id], person_ids=[person.id])
    team = current_team(session)
    try:
        check_seat_open(session, role, person, team)
    except DomainError:
        raise DomainError(f"Someone else has this place now. {PHONE_US}") from None
    clashes = [r for r in evaluate(session, role, person).hard if r.code in BOOKED_SINCE]
    if clashes:
        raise DomainError(f"You have something else booked at that time now. {PHONE_US}")
    return _restore(assignment, actor=actor)


def _restore(assignment: Assignment, *, actor: User | None) -> Assignment:
    before = snapshot(assignment)
    restored = assignment.undo_status
    assignment.offer_status, assignment.undo_status = restored, None
    db.session.flush()
    audit.record(
        "assignment.answer_undone",
        assignment,
        actor=actor,
        before=before,
        after=snapshot(assignment),
    )
    if restored is OfferStatus.ACCEPTED:
        signals.offer_accepted.send(assignment, assignment=assignment, actor=actor)
    signals.answer_undone.send(assignment, assignment=assignment, actor=actor, restored=restored)
    return assignment


def undoable(person_id: int, now: datetime | None = None) -> list[Assignment]:
    """The person's answers they can still take back, soonest to run out first."""
    now = now or utc_now()
    query = (
        select(Assignment)
        .where(
            Assignment.person_id == person_id,
            Assignment.offer_status == OfferStatus.DECLINED,
            Assignment.undo_status.is_not(None),
            Assignment.responded_at > now - UNDO_TIME,
        )
        .order_by(Assignment.responded_at)
    )
    return list(db.session.scalars(query))
