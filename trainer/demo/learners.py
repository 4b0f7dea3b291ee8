"""The demo's learners: employers (one with a booking contact), each programme's booking
settings, and learners on the demo's sessions: registers taken, certificates issued and
answers given for the sessions delivered, places and waiting lists for those to come."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from trainer.certificates.codes import new_code
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models import (
    Booking,
    BookingSettings,
    BookingSource,
    BookingStatus,
    Certificate,
    Employer,
    EmployerContact,
    EvaluationAnswer,
    EvaluationQuestion,
    EvaluationResponse,
    Learner,
    PartOne,
    ProgrammeKind,
    QuestionKind,
    Sector,
    SessionStatus,
    TrainingSession,
    User,
)
from trainer.timezones import to_local

FIRST = (
    "Ada Ben Cara Dan Eve Finn Gail Hari Iris Jon Kim Lee Mo Nia Oli Pat Ravi Sue Tia Vic".split()
)
LAST = "Ahmed Brown Clarke Davies Evans Flynn Green Hall Iqbal Jones Khan Lewis".split()
EMPLOYERS = (
    ("Riverside Care Homes", Sector.SOCIAL_CARE),
    ("Exampletown NHS Trust", Sector.HEALTH),
    ("Exampletown Borough Council", Sector.OTHER),
)
SETTINGS = {
    "tier1": ("Tier 1", 1, 24, "Oliver McGowan Mandatory Training (Tier 1)"),
    "tier2": ("Tier 2", 3, 48, "Oliver McGowan Mandatory Training (Tier 2)"),
}
ADJUSTMENTS = ("", "", "", "", "Hearing loop, please.", "Breaks every hour.", "Large print.")


def seed_learners(programmes, contact: User, provider: str) -> None:
    rng = random.Random(14)
    _settings(programmes)
    employers = _employers(contact)
    learners = _learners(employers, rng)
    sessions = db.session.scalars(select(TrainingSession).order_by(TrainingSession.starts_at))
    db.session.flush()
    for session in list(sessions):
        if session.programme.kind is not ProgrammeKind.TRAINING:
            continue  # review meetings have no learners
        if session.status is SessionStatus.DELIVERED:
            _delivered(session, learners, rng, provider)
        elif session.status is SessionStatus.SCHEDULED:
            _to_come(session, learners, rng)
    db.session.flush()


def _settings(programmes) -> None:
    for key, (tier, cutoff, hours, category) in SETTINGS.items():
        db.session.add(
            BookingSettings(
                programme=programmes[key],
                tier=tier,
                is_public=True,
                cutoff_days=cutoff,
                offer_hours=hours,
                is_accredited=False,
                training_category=category,
                valid_months=36,
                before_you_come=(
                    "Complete Part 1, the e-learning (about 90 minutes), before the live "
                    "session, and bring its certificate or date."
                ),
            )
        )


def _employers(contact: User) -> list[Employer]:
    employers = [Employer(name=name, sector=sector) for name, sector in EMPLOYERS]
    db.session.add_all(employers)
    db.session.add(EmployerContact(user=contact, employer=employers[0]))
    return employers


def _learners(employers: list[Employer], rng: random.Random) -> list[Learner]:
    learners = []
    for n, (first, last) in enumerate((f, la) for la in LAST for f in FIRST[:8]):
        employer = employers[n % 4] if n % 4 < 3 else None
        sector = employer.sector if employer else Sector.OTHER
        learners.append(
            Learner(
                full_name=f"{first} {last}",
                email=f"{first.lower()}.{last.lower()}@learners.example.org",
                employer=employer,
                organisation="" if employer else "Self-employed",
                job_role=rng.choice(["Care worker", "Nurse", "Receptionist", "Support worker"]),
                sector=sector,
                part_one=PartOne.DECLARED if n % 5 else PartOne.NOT_YET,
                adjustments=ADJUSTMENTS[n % len(ADJUSTMENTS)],
            )
        )
    db.session.add_all(learners)
    db.session.flush()
    return learners


def _book(session, learner, status: BookingStatus, **values) -> Booking:
    booking = Booking(
        session=session,
        learner=learner,
        employer_id=learner.employer_id,
        status=status,
        source=BookingSource.EMPLOYER if learner.employer_id else BookingSource.PUBLIC,
        placed_at=None
        if status is BookingStatus.WAITING
        else session.starts_at - timedelta(days=14),
        told_sequence=session.sequence,
        **values,
    )
    db.session.add(booking)
    return booking


def _delivered(session, learners, rng, provider: str) -> None:
    chosen = rng.sample(learners, min(session.capacity, 12))
    statuses = [BookingStatus.ATTENDED] * (len(chosen) - 3) + [
        BookingStatus.PARTIAL,
        BookingStatus.ABSENT,
        BookingStatus.CANCELLED,
    ]
    questions = list(
        db.session.scalars(select(EvaluationQuestion).order_by(EvaluationQuestion.position))
    )
    for learner, status in zip(chosen, statuses, strict=True):
        cancelled = status is BookingStatus.CANCELLED
        booking = _book(
            session,
            learner,
            status,
            cancelled_at=session.starts_at - timedelta(hours=20) if cancelled else None,
            cancel_reason="learner" if cancelled else "",
            is_late_cancellation=cancelled,
            has_evaluated=status is BookingStatus.ATTENDED and rng.random() < 0.7,
        )
        if status is BookingStatus.ATTENDED:
            _certificate(booking, provider)
        if booking.has_evaluated:
            _answers(session, questions, rng)
    session.learners_count = sum(
        s in (BookingStatus.ATTENDED, BookingStatus.PARTIAL) for s in statuses
    )


def _certificate(booking: Booking, provider: str) -> None:
    session = booking.session
    db.session.add(
        Certificate(
            booking=booking,
            code=new_code(),
            issued_at=session.ends_at,
            learner_name=booking.learner.full_name,
            programme=session.programme.name,
            tier=db.session.get(BookingSettings, session.programme_id).tier,
            session_on=to_local(session.starts_at).date(),
            delivery_mode="Online" if session.is_online else "In person",
            provider=provider,
        )
    )


SAID = ("Hearing from the co-trainers.", "The stories.", "Practical tips for my ward.", "")
CHANGE = ("", "", "More time for questions.", "A longer break in the middle.")


def _answers(session, questions, rng) -> None:
    answers = []
    for q in questions:
        if q.kind is QuestionKind.CONFIDENCE:
            before = rng.randint(1, 3)
            answers.append(
                EvaluationAnswer(question=q, before=before, value=before + rng.randint(0, 2))
            )
        elif q.kind is QuestionKind.YES_NO:
            answers.append(EvaluationAnswer(question=q, value=int(rng.random() < 0.9)))
        elif q.kind is QuestionKind.TEXT and (
            said := rng.choice(SAID if "useful" in q.wording else CHANGE)
        ):
            answers.append(EvaluationAnswer(question=q, text=said))
    db.session.add(
        EvaluationResponse(session_id=session.id, submitted_at=session.ends_at, answers=answers)
    )


def _to_come(session, learners, rng) -> None:
    now = utc_now()
    if session.starts_at <= now:
        return
    taken = rng.randint(session.capacity // 2, session.capacity)
    chosen = rng.sample(learners, min(len(learners), taken + 2))
    for n, learner in enumerate(chosen):
        if n < taken:
            _book(session, learner, BookingStatus.BOOKED)
        elif taken == session.capacity:
            _book(session, learner, BookingStatus.WAITING, queued_at=now - timedelta(days=n))
