"""Rows behind the CSV exports, read with a server-side cursor a few hundred at a time: a
year of bookings never sits in memory whole."""

from __future__ import annotations

from collections.abc import Iterator

from flask import current_app, url_for
from sqlalchemy import and_, select

from trainer.extensions import db
from trainer.models import (
    Booking,
    BookingSettings,
    BookingStatus,
    Certificate,
    Employer,
    Learner,
    Programme,
    TrainingSession,
    Venue,
)
from trainer.reports.exports import Completion
from trainer.reports.tallies import Period
from trainer.timezones import local_zone

BATCH = 500


def _streamed(query):
    return db.session.execute(query.execution_options(yield_per=BATCH))


def booking_rows(period: Period) -> Iterator[list]:
    """One row per booking on a session in the period (BOOKING_COLUMNS' order)."""
    zone = local_zone()
    query = (
        select(
            TrainingSession.id,
            TrainingSession.starts_at,
            Programme.name,
            BookingSettings.tier,
            Venue.is_online,
            TrainingSession.status,
            Learner.id,
            Learner.full_name,
            Employer.name,
            Learner.organisation,
            Learner.job_role,
            Learner.sector,
            Booking.source,
            Booking.status,
            Booking.is_late_cancellation,
            Certificate.code,
        )
        .select_from(Booking)
        .join(TrainingSession, TrainingSession.id == Booking.session_id)
        .join(Programme, Programme.id == TrainingSession.programme_id)
        .outerjoin(BookingSettings, BookingSettings.programme_id == Programme.id)
        .outerjoin(Venue, Venue.id == TrainingSession.venue_id)
        .join(Learner, Learner.id == Booking.learner_id)
        .outerjoin(Employer, Employer.id == Booking.employer_id)
        .outerjoin(
            Certificate,
            and_(Certificate.booking_id == Booking.id, Certificate.withdrawn_at.is_(None)),
        )
        .where(
            TrainingSession.starts_at >= period.starts_at,
            TrainingSession.starts_at < period.ends_at,
        )
        .order_by(TrainingSession.starts_at, TrainingSession.id, Booking.id)
    )
    for row in _streamed(query):
        (
            session_id,
            starts_at,
            programme,
            tier,
            online,
            session_status,
            learner_id,
            name,
            employer,
            organisation,
            job_role,
            sector,
            source,
            status,
            late,
            code,
        ) = row
        yield [
            session_id,
            starts_at.astimezone(zone).date().isoformat(),
            programme,
            tier or "",
            "online" if online is None or online else "in person",
            session_status.value,
            learner_id,
            name,
            employer or organisation,
            job_role,
            sector.value,
            source.value,
            status.value,
            "yes" if late else "no",
            code or "",
        ]


def completions(*, employer_id: int | None = None, period: Period | None = None):
    """Each learner who attended a whole session and holds its certificate, oldest first."""
    provider = current_app.config["ORG_NAME"]
    query = (
        select(Certificate, Learner, Employer.name, BookingSettings)
        .select_from(Certificate)
        .join(Booking, Booking.id == Certificate.booking_id)
        .join(Learner, Learner.id == Booking.learner_id)
        .join(TrainingSession, TrainingSession.id == Booking.session_id)
        .outerjoin(BookingSettings, BookingSettings.programme_id == TrainingSession.programme_id)
        .outerjoin(Employer, Employer.id == Booking.employer_id)
        .where(Certificate.withdrawn_at.is_(None), Booking.status == BookingStatus.ATTENDED)
        .order_by(Certificate.session_on, Certificate.id)
    )
    if employer_id is not None:
        query = query.where(Booking.employer_id == employer_id)
    if period is not None:
        query = query.where(
            TrainingSession.starts_at >= period.starts_at,
            TrainingSession.starts_at < period.ends_at,
        )
    for certificate, learner, employer, settings in _streamed(query):
        yield Completion(
            learner_name=learner.full_name,
            learner_email=learner.email,
            employer=employer or learner.organisation,
            job_role=learner.job_role,
            category=settings.training_category if settings else "",
            title=certificate.programme,
            accredited=bool(settings and settings.is_accredited),
            completed_on=certificate.session_on,
            valid_months=settings.valid_months if settings else None,
            code=certificate.code,
            delivery_mode=certificate.delivery_mode,
            provider=provider,
            verify_url=url_for("certificates.verify", code=certificate.code, _external=True),
        )
