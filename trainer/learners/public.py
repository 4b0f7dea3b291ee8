"""Booking on the public page: no account, only an email address confirmed by the link sent
to it. Requests are counted in the database per address typed and per network address, so
the limits hold across workers; only a SHA-256 hash of each link's token is kept."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update

from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.learners import booking as places_service
from trainer.learners import notices, places
from trainer.learners.employers import match_employer
from trainer.learners.records import LearnerDetails, check_details, learner_for
from trainer.learners.settings import settings_for
from trainer.models import (
    Booking,
    BookingRequest,
    BookingSource,
    ProgrammeKind,
    SessionStatus,
    TrainingSession,
)
from trainer.timezones import local_zone

THROTTLED = "You have asked for a lot of bookings. Wait 1 hour, then try again."
SPENT = "This link does not work any more. Book again to get a new one."
#: requests older than this are forgotten (they no longer count, and cannot be confirmed)
KEEP_REQUESTS = timedelta(days=7)


@dataclass(frozen=True)
class Limits:
    per_email: int
    per_address: int
    window_minutes: int
    link_hours: int


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_bookable(session: TrainingSession, now: datetime | None = None) -> bool:
    """Listed publicly, training (not a review meeting), scheduled, and booking not yet
    closed."""
    settings = settings_for(session.programme_id)
    return (
        settings.is_public
        and session.programme.kind is ProgrammeKind.TRAINING
        and session.status is SessionStatus.SCHEDULED
        and places.is_open(now or utc_now(), session.starts_at, settings.cutoff_days, local_zone())
    )


def _recent(column, value: str, since: datetime) -> int:
    query = select(func.count()).where(column == value, BookingRequest.requested_at >= since)
    return db.session.scalar(query) or 0


def request_booking(
    session: TrainingSession, details: LearnerDetails, address: str, *, limits: Limits
) -> BookingRequest:
    """Note the request and email its confirmation link (flushes); nothing is booked yet."""
    details = check_details(details)
    email, address = details.email, (address or "unknown")[:64]
    now = utc_now()
    since = now - timedelta(minutes=limits.window_minutes)
    if (
        _recent(BookingRequest.email, email, since) >= limits.per_email
        or _recent(BookingRequest.address, address, since) >= limits.per_address
    ):
        raise DomainError(THROTTLED)
    if not is_bookable(session, now):
        raise DomainError("Booking for this session has closed. Choose another session.")
    db.session.execute(
        delete(BookingRequest).where(BookingRequest.requested_at < now - KEEP_REQUESTS)
    )
    token = secrets.token_urlsafe(32)
    request = BookingRequest(
        session=session,
        email=email,
        address=address,
        requested_at=now,
        token_hash=hash_token(token),
        details={**details.as_json(), "email": email},
    )
    db.session.add(request)
    db.session.flush()
    notices.confirm_email(request, token, hours=limits.link_hours)
    return request


def find_request(token: str, *, link_hours: int) -> BookingRequest | None:
    """The request this link confirms, while it still can be (nothing is changed)."""
    if not token or len(token) > 100:
        return None
    return db.session.scalar(
        select(BookingRequest).where(
            BookingRequest.token_hash == hash_token(token),
            BookingRequest.requested_at > utc_now() - timedelta(hours=link_hours),
        )
    )


def confirm_request(token: str, *, link_hours: int) -> Booking:
    """The email address is the learner's: book them (or put them on the waiting list).
    Spent once; pressing the link again shows the booking it made."""
    request = find_request(token, link_hours=link_hours)
    if request is None:
        raise DomainError(SPENT)
    if request.booking_id is not None:
        return db.session.get(Booking, request.booking_id)
    spent = db.session.execute(
        update(BookingRequest)
        .where(BookingRequest.id == request.id, BookingRequest.confirmed_at.is_(None))
        .values(confirmed_at=utc_now())
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:
        raise DomainError(SPENT)
    details = LearnerDetails.from_json(request.details)
    employer = match_employer(details.organisation)
    details = replace(details, employer_id=employer.id if employer else None)
    learner = learner_for(details, actor=None, may_update=lambda learner: True)
    booking = places_service.book(request.session, learner, source=BookingSource.PUBLIC, actor=None)
    request.booking_id = booking.id
    db.session.flush()
    return booking


def is_open_for_employers(session: TrainingSession, now: datetime | None = None) -> bool:
    """Employers book their staff onto any scheduled session until booking closes."""
    settings = settings_for(session.programme_id)
    return session.status is SessionStatus.SCHEDULED and places.is_open(
        now or utc_now(), session.starts_at, settings.cutoff_days, local_zone()
    )
