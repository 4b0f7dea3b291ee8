"""Work that waits for a time rather than a request: offers that run out, and reminders.
Idempotent: running it twice sends nothing twice. `flask sweep-learners` runs it; the job
queue will run it on a schedule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.learners import booking as places
from trainer.learners import notices
from trainer.models import Booking, BookingStatus, SessionStatus, TrainingSession


@dataclass(frozen=True)
class Swept:
    lapsed: int
    reminded: int


def run_due(now: datetime | None = None) -> Swept:
    """Cancel offers that ran out (offering their places on) and remind learners of
    sessions starting soon. Flushes; the caller commits."""
    now = now or utc_now()
    return Swept(lapsed=expire_offers(now), reminded=send_reminders(now))


def expire_offers(now: datetime) -> int:
    query = (
        select(TrainingSession)
        .join(Booking, Booking.session_id == TrainingSession.id)
        .where(Booking.status == BookingStatus.OFFERED, Booking.offer_expires_at <= now)
        .distinct()
    )
    lapsed = 0
    for session in db.session.scalars(query).all():
        places.lock_session(session)
        lapsed += places.expire_lapsed_offers(session, now=now)
    return lapsed


def send_reminders(now: datetime) -> int:
    """A reminder to each learner with a place on a session starting within the reminder
    window (LEARNER_REMINDER_DAYS), once per booking and start time."""
    soon = now + timedelta(days=current_app.config["LEARNER_REMINDER_DAYS"])
    query = (
        select(Booking)
        .join(TrainingSession, TrainingSession.id == Booking.session_id)
        .where(
            Booking.status == BookingStatus.BOOKED,
            Booking.reminded_at.is_(None),
            TrainingSession.status.in_((SessionStatus.DRAFT, SessionStatus.SCHEDULED)),
            TrainingSession.starts_at > now,
            TrainingSession.starts_at <= soon,
        )
        .order_by(Booking.id)
    )
    reminded = 0
    for booking in db.session.scalars(query).all():
        notices.reminder(booking)
        booking.reminded_at = now
        reminded += 1
    db.session.flush()
    return reminded
