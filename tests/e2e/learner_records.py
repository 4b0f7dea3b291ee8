"""Records the browser tests need for learners' pages: a session open for booking on a
programme of its own (booking closes at the start, so it takes bookings and its register is
open), and one real id, code or signed link of each learner kind on the demo data."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.learners import tokens
from trainer.learners.settings import save_booking_settings, settings_for
from trainer.models import (
    Booking,
    BookingStatus,
    Certificate,
    DeliveryMode,
    Employer,
    EmployerContact,
    EvaluationQuestion,
    PartOneUpload,
    Programme,
    SessionStatus,
    TeamSeat,
    TrainingSession,
    Venue,
)
from trainer.sessions.service import SessionDetails, create_session

JOURNEY_PROGRAMME = "Oliver McGowan Tier 1 (drop-in)"


def learner_records(coordinator) -> dict:
    journey = _journey_session(coordinator)
    employer = db.session.scalar(select(Employer).join(EmployerContact).order_by(Employer.id))
    certified = db.session.scalar(
        select(Booking)
        .join(Certificate, Certificate.booking_id == Booking.id)
        .where(Booking.employer_id == employer.id, Certificate.withdrawn_at.is_(None))
        .order_by(Booking.id)
    )
    booked = db.session.scalar(
        select(Booking)
        .where(Booking.employer_id == employer.id, Booking.status == BookingStatus.BOOKED)
        .order_by(Booking.id)
    )
    answering = db.session.scalar(
        select(Booking)
        .where(Booking.status == BookingStatus.ATTENDED, Booking.has_evaluated.is_(False))
        .order_by(Booking.id.desc())
    )
    open_session = db.session.scalar(
        select(TrainingSession)
        .where(
            TrainingSession.status == SessionStatus.SCHEDULED,
            TrainingSession.starts_at > utc_now() + timedelta(days=7),
        )
        .order_by(TrainingSession.starts_at)
    )
    db.session.add(
        PartOneUpload(
            learner_id=booked.learner_id,
            filename="part-1-certificate.pdf",
            content_type="application/pdf",
            content=b"%PDF-1.4 a learner's Part 1 certificate",
        )
    )
    return {
        "journey_session": journey.id,
        "journey_starts_at": journey.starts_at.isoformat(),
        "journey_programme": JOURNEY_PROGRAMME,
        "employer": employer.id,
        "learner": booked.learner_id,
        "booking": booked.id,
        "certified_booking": certified.id,
        "certified_session": certified.session_id,
        "certificate": db.session.scalar(
            select(Certificate.code).where(Certificate.booking_id == certified.id)
        ),
        "contact": db.session.scalar(select(EmployerContact.id)),
        "open_session": open_session.id,
        "question": db.session.scalar(
            select(EvaluationQuestion.id).order_by(EvaluationQuestion.id)
        ),
        "booking_token": tokens.make("booking", booked.id),
        "offer_token": tokens.make("offer", booked.id, utc_now()),
        "evaluation_token": tokens.make("session-evaluation", answering.session_id),
        "evaluate_token": tokens.make("evaluate", answering.id),
    }


def _journey_session(coordinator) -> TrainingSession:
    """A drop-in Tier 1 session starting in three hours, open for public booking until then."""
    tier1 = db.session.scalar(select(Programme).where(Programme.name == "Oliver McGowan Tier 1"))
    programme = Programme(
        name=JOURNEY_PROGRAMME,
        delivery_mode=DeliveryMode.ONLINE,
        duration_minutes=60,
        capacity=20,
        default_start_time=tier1.default_start_time,
        seats=[TeamSeat(delivery_role=seat.delivery_role, count=1) for seat in tier1.seats],
        description="A live online session you can book until it starts.",
    )
    db.session.add(programme)
    db.session.flush()
    values = {
        name: getattr(settings_for(tier1), name)
        for name in (
            "tier",
            "training_category",
            "before_you_come",
            "is_accredited",
            "valid_months",
            "offer_hours",
        )
    }
    save_booking_settings(
        settings_for(programme), {**values, "is_public": True, "cutoff_days": 0}, actor=coordinator
    )
    online = db.session.scalar(select(Venue).where(Venue.is_online))
    start = (utc_now() + timedelta(hours=3)).replace(second=0, microsecond=0)
    session = create_session(
        SessionDetails(
            programme=programme, venue=online, starts_at=start, ends_at=start + timedelta(hours=1)
        ),
        actor=coordinator,
    )
    session.status = SessionStatus.SCHEDULED
    db.session.flush()
    return session
