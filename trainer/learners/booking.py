"""Places on a session: book (or join the waiting list), cancel, and move the waiting list on.
Services flush; the view commits once.

Every change that takes or frees a place first locks the session's row, then counts the places
held: two requests at the same moment cannot both take the last place (PostgreSQL: SELECT ...
FOR UPDATE; SQLite: a no-op write takes the database's write lock). A freed place is offered
to the next person waiting, who must confirm it by link before the offer runs out; an offer
that runs out is cancelled, and the place passes on.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, text

from trainer import audit
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.learners import notices, places
from trainer.learners.settings import settings_for
from trainer.models import (
    Booking,
    BookingSource,
    BookingStatus,
    Employer,
    Learner,
    SessionStatus,
    TrainingSession,
    User,
)
from trainer.models.bookings import HOLDING_PLACE
from trainer.timezones import local_zone

OPEN_SESSION = (SessionStatus.DRAFT, SessionStatus.SCHEDULED)


def lock_session(session: TrainingSession) -> None:
    """Hold the session's row until the transaction ends, before counting its places."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(
            select(TrainingSession.id).where(TrainingSession.id == session.id).with_for_update()
        )
    else:
        db.session.execute(
            text("UPDATE training_sessions SET id = id WHERE id = :id"), {"id": session.id}
        )


def places_held(session: TrainingSession) -> int:
    query = select(func.count()).where(
        Booking.session_id == session.id, Booking.status.in_(HOLDING_PLACE)
    )
    return db.session.scalar(query) or 0


def places_left(session: TrainingSession) -> int:
    return places.places_left(session.capacity, places_held(session))


def _waiting(session: TrainingSession) -> list[Booking]:
    query = (
        select(Booking)
        .where(Booking.session_id == session.id, Booking.status == BookingStatus.WAITING)
        .order_by(Booking.queued_at, Booking.id)
        .execution_options(populate_existing=True)
    )
    return list(db.session.scalars(query))


def snapshot(booking: Booking) -> dict:
    return {
        "session_id": booking.session_id,
        "learner_id": booking.learner_id,
        "status": booking.status.value if booking.status else None,
        "employer_id": booking.employer_id,
    }


def find_booking(session: TrainingSession, learner: Learner) -> Booking | None:
    query = select(Booking).where(
        Booking.session_id == session.id, Booking.learner_id == learner.id
    )
    return db.session.scalar(query.execution_options(populate_existing=True))


def book(
    session: TrainingSession,
    learner: Learner,
    *,
    source: BookingSource,
    actor: User | None,
    employer: Employer | None = None,
    now: datetime | None = None,
) -> Booking:
    """A place if one is free (and nobody is waiting for it), else the waiting list."""
    now = now or utc_now()
    if session.status not in OPEN_SESSION or session.ends_at <= now:
        raise DomainError("This session is not taking bookings.")
    lock_session(session)
    expire_lapsed_offers(session, now=now)
    booking = find_booking(session, learner)
    if booking is not None and booking.status is not BookingStatus.CANCELLED:
        raise DomainError(_already(learner, booking), "email")
    before = snapshot(booking) if booking else None
    free = places_left(session) > 0 and not _waiting(session)
    if booking is None:
        booking = Booking(session=session, learner=learner, status=BookingStatus.CANCELLED)
        db.session.add(booking)
    booking.source, booking.booked_by_id = source, actor.id if actor else None
    booking.employer_id = employer.id if employer else learner.employer_id
    booking.cancelled_at, booking.cancel_reason, booking.is_late_cancellation = None, "", False
    booking.offer_expires_at = None
    if free:
        booking.move_to(BookingStatus.BOOKED)
        booking.placed_at, booking.queued_at = now, None
    else:
        booking.move_to(BookingStatus.WAITING)
        booking.queued_at = now
    db.session.flush()
    audit.saved("booking", booking, actor=actor, before=before, after=snapshot(booking))
    if free:
        notices.joining_instructions(booking)
    else:
        notices.on_waiting_list(booking)
    return booking


def _already(learner: Learner, booking: Booking) -> str:
    if booking.status is BookingStatus.WAITING:
        return f"{learner.email} is already on this session's waiting list."
    return f"{learner.email} already has a place on this session."


def cancel(booking: Booking, *, by: str, actor: User | None, now: datetime | None = None):
    """Give up a place (or leave the waiting list); the place goes to the next person
    waiting. Late when booking had already closed."""
    now = now or utc_now()
    session = booking.session
    lock_session(session)
    db.session.refresh(booking)
    if booking.status not in (BookingStatus.BOOKED, BookingStatus.WAITING, BookingStatus.OFFERED):
        raise DomainError(f"This place is {booking.status.label.lower()}: it cannot be cancelled.")
    before = snapshot(booking)
    held = booking.status is BookingStatus.BOOKED
    settings = settings_for(session.programme_id)
    zone = local_zone()
    booking.move_to(BookingStatus.CANCELLED)
    booking.cancelled_at, booking.cancel_reason = now, by
    booking.is_late_cancellation = (
        held and by != "session_cancelled"
    ) and places.is_late_cancellation(now, session.starts_at, settings.cutoff_days, zone)
    booking.offer_expires_at = None
    db.session.flush()
    audit.record(
        "booking.cancelled", booking, actor=actor, before=before, after=snapshot(booking), reason=by
    )
    if by != "session_cancelled":
        notices.place_cancelled(booking)
        offer_free_places(session, now=now)
    return booking


def offer_free_places(session: TrainingSession, *, now: datetime | None = None) -> list[Booking]:
    """Offer each free place to the next person waiting (call with the session locked)."""
    now = now or utc_now()
    if session.status not in OPEN_SESSION or not places.can_offer(now, session.starts_at):
        return []
    hours = settings_for(session.programme_id).offer_hours
    offered = []
    for booking in _waiting(session)[: places_left(session)]:
        booking.move_to(BookingStatus.OFFERED)
        booking.offer_expires_at = places.offer_expires_at(now, hours, session.starts_at)
        db.session.flush()
        audit.record("booking.offered", booking, actor=None, after=snapshot(booking))
        notices.place_offered(booking)
        offered.append(booking)
    return offered


def expire_lapsed_offers(session: TrainingSession, *, now: datetime | None = None) -> int:
    """Offers not confirmed in time are cancelled and their places offered on (call with
    the session locked). Returns how many ran out."""
    now = now or utc_now()
    lapsed = list(
        db.session.scalars(
            select(Booking)
            .where(
                Booking.session_id == session.id,
                Booking.status == BookingStatus.OFFERED,
                Booking.offer_expires_at <= now,
            )
            .execution_options(populate_existing=True)
        )
    )
    for booking in lapsed:
        before = snapshot(booking)
        booking.move_to(BookingStatus.CANCELLED)
        booking.cancelled_at, booking.cancel_reason = now, "offer_lapsed"
        db.session.flush()
        audit.record("booking.lapsed", booking, actor=None, before=before, after=snapshot(booking))
        notices.offer_lapsed(booking)
    if lapsed:
        offer_free_places(session, now=now)
    return len(lapsed)


def confirm_offer(booking: Booking, *, now: datetime | None = None) -> Booking:
    """The learner takes up the place offered to them, if the offer is still open."""
    now = now or utc_now()
    lock_session(booking.session)
    expire_lapsed_offers(booking.session, now=now)
    db.session.refresh(booking)
    if booking.status is BookingStatus.BOOKED:
        return booking  # confirmed already: the link pressed twice
    if booking.status is not BookingStatus.OFFERED:
        raise DomainError("This offer has run out, so the place has gone to the next person.")
    before = snapshot(booking)
    booking.move_to(BookingStatus.BOOKED)
    booking.placed_at, booking.offer_expires_at = now, None
    db.session.flush()
    audit.record("booking.confirmed", booking, actor=None, before=before, after=snapshot(booking))
    notices.joining_instructions(booking)
    return booking


def decline_offer(booking: Booking, *, now: datetime | None = None) -> Booking:
    """The learner does not want the place offered: it goes to the next person."""
    if booking.status is not BookingStatus.OFFERED:
        raise DomainError("There is no place waiting for an answer on this booking.")
    return cancel(booking, by="offer_declined", actor=None, now=now)
