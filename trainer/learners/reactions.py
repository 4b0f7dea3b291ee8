"""Learners follow changes to their sessions: new details when the time or place changes,
a cancellation when the session is cancelled, offers when more places open up."""

from __future__ import annotations

from sqlalchemy import select

from trainer import signals
from trainer.extensions import db
from trainer.learners import booking as places
from trainer.learners import notices
from trainer.models import Booking, BookingStatus, SessionStatus, TrainingSession

TOLD = (BookingStatus.BOOKED, BookingStatus.OFFERED)
STILL_OPEN = (BookingStatus.BOOKED, BookingStatus.OFFERED, BookingStatus.WAITING)


def subscribe() -> None:
    """Connect once; connecting again is harmless (blinker keeps one of each receiver)."""
    signals.session_changed.connect(_session_changed)


def _session_changed(sender, *, session, actor) -> None:
    session_changed(session, actor=actor)


def _bookings(session: TrainingSession, statuses) -> list[Booking]:
    db.session.flush()
    query = select(Booking).where(Booking.session_id == session.id, Booking.status.in_(statuses))
    return list(db.session.scalars(query.order_by(Booking.id)))


def session_changed(session: TrainingSession, *, actor) -> None:
    """Runs in the change's transaction (flushes, never commits)."""
    if session.status is SessionStatus.CANCELLED:
        return session_cancelled(session, actor=actor)
    if session.status is SessionStatus.DELIVERED:
        return None
    for booking in _bookings(session, TOLD):
        notices.session_changed(booking)
    places.lock_session(session)
    places.offer_free_places(session)
    return None


def session_cancelled(session: TrainingSession, *, actor) -> None:
    """Every place and waiting-list entry is cancelled, and each learner told."""
    for booking in _bookings(session, STILL_OPEN):
        places.cancel(booking, by="session_cancelled", actor=actor)
        notices.session_cancelled(booking)
