"""The register on the day: each learner present, there for part of it, or absent.

Saving it sets the session's learner count (those present, whole or part), issues a
certificate to each learner who attended the whole session (and withdraws one from a learner
no longer marked so), and sends each learner who came their thanks, certificate and the
evaluation link, once.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import select

from trainer import audit
from trainer.certificates import service as certificates
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.learners import notices, places
from trainer.learners.settings import settings_for
from trainer.models import Booking, BookingStatus, SessionStatus, TrainingSession, User
from trainer.models.bookings import REGISTERED

#: who is on a session's register: everyone with a place, and anyone already marked
ON_REGISTER = (BookingStatus.BOOKED, *REGISTERED)
MARKS = {
    "attended": BookingStatus.ATTENDED,
    "partial": BookingStatus.PARTIAL,
    "absent": BookingStatus.ABSENT,
}


def register_bookings(session: TrainingSession) -> list[Booking]:
    """The learners on the register, by name."""
    query = (
        select(Booking)
        .where(Booking.session_id == session.id, Booking.status.in_(ON_REGISTER))
        .execution_options(populate_existing=True)
    )
    return sorted(db.session.scalars(query), key=lambda b: b.learner.full_name.casefold())


def opens_at(session: TrainingSession) -> datetime:
    return places.register_opens_at(session.starts_at, current_app.config["REGISTER_OPENS_HOURS"])


def is_open(session: TrainingSession, now: datetime | None = None) -> bool:
    return session.status is not SessionStatus.CANCELLED and (now or utc_now()) >= opens_at(session)


def register_count(session: TrainingSession) -> int | None:
    """Learners present (whole or part) by the register; None when it has not been taken."""
    query = select(Booking.status).where(
        Booking.session_id == session.id, Booking.status.in_(REGISTERED)
    )
    marked = list(db.session.scalars(query))
    if not marked:
        return None
    return sum(status is not BookingStatus.ABSENT for status in marked)


def save_register(
    session: TrainingSession,
    marks: dict[int, BookingStatus],
    *,
    actor: User | None,
    now: datetime | None = None,
) -> int:
    """Mark each booking (id -> ATTENDED, PARTIAL or ABSENT); returns the learner count."""
    now = now or utc_now()
    if not is_open(session, now):
        raise DomainError("The register is not open for this session.")
    bookings = {booking.id: booking for booking in register_bookings(session)}
    if set(marks) - set(bookings):
        raise DomainError("Someone on the form is not on this session's register. Reload it.")
    tier = settings_for(session.programme_id).tier
    for booking_id, mark in marks.items():
        _mark(bookings[booking_id], mark, tier=tier, actor=actor, now=now)
    db.session.flush()
    count = register_count(session)
    if count is not None and session.learners_count != count:
        before = {"learners_count": session.learners_count}
        session.learners_count = count
        audit.record(
            "session.learners_counted", session, actor=actor, before=before, after={"count": count}
        )
    return count or 0


def _mark(booking: Booking, mark: BookingStatus, *, tier: str, actor, now: datetime) -> None:
    if mark not in REGISTERED:
        raise DomainError("Mark each learner present, partial or absent.")
    if booking.status is mark:
        return
    before = {"status": booking.status.value}
    booking.move_to(mark)
    db.session.flush()
    audit.record(
        "booking.marked", booking, actor=actor, before=before, after={"status": mark.value}
    )
    if mark is BookingStatus.ATTENDED:
        certificate = certificates.issue(booking, tier=tier, actor=actor, now=now)
        certificate_url = notices.manage_url(booking) if certificate else None
    else:
        certificates.withdraw(booking, actor=actor, now=now)
        certificate_url = None
    if mark is not BookingStatus.ABSENT:
        notices.after_the_session(booking, certificate_url=certificate_url)
