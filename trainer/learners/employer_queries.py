"""Reads for an employer's booking contact: only their own organisation's places."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload

from trainer.extensions import db
from trainer.models import Booking, BookingStatus, Employer, Learner, TrainingSession

COMING = (BookingStatus.BOOKED, BookingStatus.WAITING, BookingStatus.OFFERED)


def coming_bookings(employer: Employer, now: datetime) -> list[Booking]:
    """The employer's places (and waits) on sessions still to come, soonest first."""
    query = (
        select(Booking)
        .join(TrainingSession, TrainingSession.id == Booking.session_id)
        .where(
            Booking.employer_id == employer.id,
            Booking.status.in_(COMING),
            TrainingSession.ends_at > now,
        )
        .options(joinedload(Booking.session))
        .order_by(TrainingSession.starts_at, Booking.id)
    )
    return list(db.session.scalars(query))


def staff(employer: Employer) -> list[tuple[Learner, int, int]]:
    """Each learner the employer has booked: (learner, places booked, sessions completed)."""
    completed = func.sum(case((Booking.status == BookingStatus.ATTENDED, 1), else_=0))
    query = (
        select(Learner, func.count(Booking.id), func.coalesce(completed, 0))
        .join(Booking, Booking.learner_id == Learner.id)
        .where(Booking.employer_id == employer.id)
        .group_by(Learner.id)
        .order_by(Learner.full_name, Learner.id)
    )
    return [(learner, booked, int(done)) for learner, booked, done in db.session.execute(query)]
