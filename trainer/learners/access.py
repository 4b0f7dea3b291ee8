"""Who may see a session's learners: coordinators, and the people on the session's team."""

from __future__ import annotations

from sqlalchemy import select

from trainer.auth.permissions import is_coordinating
from trainer.extensions import db
from trainer.models import Assignment, OfferStatus, TrainingSession, User


def on_team(user: User, session: TrainingSession) -> bool:
    """True for someone who accepted a seat in the session's team."""
    person = getattr(user, "person", None)
    if person is None:
        return False
    query = select(Assignment.id).where(
        Assignment.session_id == session.id,
        Assignment.person_id == person.id,
        Assignment.offer_status == OfferStatus.ACCEPTED,
    )
    return db.session.scalar(query) is not None


def can_see_learners(user: User, session: TrainingSession) -> bool:
    return is_coordinating(user) or on_team(user, session)
