"""Reads for learner pages: lists, a session's places, sessions open for booking."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from trainer.extensions import db
from trainer.learners import places
from trainer.learners.settings import settings_for
from trainer.models import (
    Booking,
    BookingStatus,
    Certificate,
    Learner,
    Programme,
    ProgrammeKind,
    SessionStatus,
    TrainingSession,
)
from trainer.models.bookings import HOLDING_PLACE
from trainer.timezones import local_zone

PER_PAGE = 50


@dataclass(frozen=True)
class Places:
    capacity: int
    held: int
    waiting: int
    offered: int
    registered: int

    @property
    def left(self) -> int:
        return places.places_left(self.capacity, self.held)


def list_learners(*, search: str = "", employer_id: int | None = None, page: int = 1):
    """Learners by name, matching `search` in name or email; a page of PER_PAGE."""
    query = select(Learner).order_by(Learner.full_name, Learner.id)
    if search:
        like = f"%{search.lower()}%"
        query = query.where(or_(func.lower(Learner.full_name).like(like), Learner.email.like(like)))
    if employer_id is not None:
        query = query.where(Learner.employer_id == employer_id)
    return db.paginate(query, page=max(page, 1), per_page=PER_PAGE, error_out=False)


def session_bookings(session: TrainingSession) -> dict[BookingStatus, list[Booking]]:
    """Everyone on the session, by status; the waiting list in its order."""
    query = (
        select(Booking)
        .where(Booking.session_id == session.id)
        .order_by(Booking.queued_at, Booking.placed_at, Booking.id)
    )
    grouped: dict[BookingStatus, list[Booking]] = {status: [] for status in BookingStatus}
    for booking in db.session.scalars(query):
        grouped[booking.status].append(booking)
    return grouped


def places_of(session: TrainingSession) -> Places:
    counts = Counter(
        dict(
            db.session.execute(
                select(Booking.status, func.count())
                .where(Booking.session_id == session.id)
                .group_by(Booking.status)
            ).all()
        )
    )
    return Places(
        capacity=session.capacity,
        held=sum(counts[status] for status in HOLDING_PLACE),
        waiting=counts[BookingStatus.WAITING],
        offered=counts[BookingStatus.OFFERED],
        registered=sum(
            counts[s] for s in (BookingStatus.ATTENDED, BookingStatus.PARTIAL, BookingStatus.ABSENT)
        ),
    )


def learner_bookings(learner: Learner, *, employer_id: int | None = None) -> list[Booking]:
    """A learner's bookings, newest session first (one employer's only, when given)."""
    query = (
        select(Booking)
        .join(TrainingSession, TrainingSession.id == Booking.session_id)
        .where(Booking.learner_id == learner.id)
        .options(joinedload(Booking.session))
        .order_by(TrainingSession.starts_at.desc())
    )
    if employer_id is not None:
        query = query.where(Booking.employer_id == employer_id)
    return list(db.session.scalars(query))


def certificates_by_booking(bookings: list[Booking]) -> dict[int, Certificate]:
    """Each booking's certificate in force."""
    ids = [booking.id for booking in bookings]
    if not ids:
        return {}
    query = select(Certificate).where(
        Certificate.booking_id.in_(ids), Certificate.withdrawn_at.is_(None)
    )
    return {certificate.booking_id: certificate for certificate in db.session.scalars(query)}


def open_sessions(
    now: datetime, *, programme: Programme | None = None, public_only: bool = False
) -> list[tuple[TrainingSession, int]]:
    """Scheduled sessions still taking bookings, soonest first, with places left."""
    query = (
        select(TrainingSession)
        .where(TrainingSession.status == SessionStatus.SCHEDULED, TrainingSession.starts_at > now)
        .order_by(TrainingSession.starts_at)
        .limit(200)
    )
    if programme is not None:
        query = query.where(TrainingSession.programme_id == programme.id)
    sessions = list(db.session.scalars(query))
    held = _held(sessions)
    found = []
    for session in sessions:
        settings = settings_for(session.programme_id)
        if public_only and (
            not settings.is_public or session.programme.kind is not ProgrammeKind.TRAINING
        ):
            continue
        if places.is_open(now, session.starts_at, settings.cutoff_days, local_zone()):
            found.append((session, places.places_left(session.capacity, held[session.id])))
    return found


def _held(sessions: list[TrainingSession]) -> Counter:
    ids = [session.id for session in sessions]
    if not ids:
        return Counter()
    rows = db.session.execute(
        select(Booking.session_id, func.count())
        .where(Booking.session_id.in_(ids), Booking.status.in_(HOLDING_PLACE))
        .group_by(Booking.session_id)
    )
    return Counter(dict(rows.all()))


def public_programmes() -> list[Programme]:
    """Programmes listed on the public booking pages."""
    from_settings = (
        select(Programme)
        .where(Programme.is_active.is_(True), Programme.kind == ProgrammeKind.TRAINING)
        .order_by(Programme.name)
    )
    return [p for p in db.session.scalars(from_settings) if settings_for(p).is_public]
