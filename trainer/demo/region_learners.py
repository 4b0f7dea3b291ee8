"""The region data set's learners: 12 on every session (60,000 learners for 5,000 sessions),
with registers, certificates and evaluation answers for the sessions delivered, so a year's
report has a year's worth to count. Written in bulk, as the rest of the region set."""

from __future__ import annotations

import random

from flask import current_app
from sqlalchemy import insert, select

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
    QuestionKind,
    Sector,
    SessionStatus,
    TrainingSession,
    User,
    Venue,
)
from trainer.timezones import to_local

PER_SESSION = 12
EMPLOYERS = 60
ROLES = ("Care worker", "Nurse", "Support worker", "Receptionist", "Porter", "Manager")
#: what happened to a place on a delivered session, and how often
PAST = (
    (BookingStatus.ATTENDED, 0.85),
    (BookingStatus.PARTIAL, 0.05),
    (BookingStatus.ABSENT, 0.06),
    (BookingStatus.CANCELLED, 0.04),
)


def build_region_learners(programmes, contact: User | None) -> int:
    """Learners, places, certificates and answers for every region session; returns how many
    learners."""
    rng = random.Random(60000)
    _settings(programmes)
    employers = _employers(contact)
    sessions = db.session.execute(
        select(
            TrainingSession.id,
            TrainingSession.status,
            TrainingSession.starts_at,
            TrainingSession.ends_at,
            TrainingSession.programme_id,
            Venue.is_online,
        )
        .outerjoin(Venue, Venue.id == TrainingSession.venue_id)
        .order_by(TrainingSession.id)
    ).all()
    learners = _learners(len(sessions) * PER_SESSION, employers, rng)
    bookings = _bookings(sessions, learners, rng)
    _certificates(bookings, sessions, programmes)
    _answers([b for b in bookings if b["status"] is BookingStatus.ATTENDED], rng)
    return len(learners)


def _settings(programmes) -> None:
    for key, tier in (("tier1", "Tier 1"), ("tier2", "Tier 2")):
        db.session.add(
            BookingSettings(
                programme_id=programmes[key].id,
                tier=tier,
                is_public=True,
                cutoff_days=2,
                offer_hours=48,
                is_accredited=False,
                training_category=f"Oliver McGowan Mandatory Training ({tier})",
                valid_months=36,
                before_you_come="Complete Part 1 before the live session.",
            )
        )
    db.session.flush()


def _employers(contact: User | None) -> list[tuple[int, Sector]]:
    sectors = (Sector.HEALTH, Sector.SOCIAL_CARE, Sector.SOCIAL_CARE, Sector.OTHER)
    rows = [
        {"name": f"Region Employer {n + 1:03d}", "sector": sectors[n % 4], "is_active": True}
        for n in range(EMPLOYERS)
    ]
    ids = list(db.session.scalars(insert(Employer).returning(Employer.id), rows))
    if contact is not None:
        db.session.add(EmployerContact(user_id=contact.id, employer_id=ids[0]))
    return [(i, row["sector"]) for i, row in zip(ids, rows, strict=True)]


def _learners(total: int, employers, rng) -> list[tuple[int, int | None]]:
    rows, employer_of = [], []
    for n in range(total):
        employer = employers[n % len(employers)] if rng.random() < 0.8 else None
        rows.append(
            {
                "full_name": f"Region Learner {n + 1:05d}",
                "email": f"learner.{n + 1:05d}@region.example.org",
                "employer_id": employer[0] if employer else None,
                "organisation": "" if employer else "Agency staff",
                "job_role": ROLES[n % len(ROLES)],
                "sector": employer[1] if employer else Sector.OTHER,
                "part_one": PartOne.DECLARED,
                "adjustments": "Large print, please." if n % 40 == 0 else "",
            }
        )
        employer_of.append(employer[0] if employer else None)
    ids = _insert_in_order(Learner, rows)
    return list(zip(ids, employer_of, strict=True))


def _insert_in_order(model, rows: list[dict]) -> list[int]:
    """Insert the rows with one executemany (no RETURNING: the ORM's splices results row by
    row, quadratic in 60,000 rows); their ids are the table's newest, in the same order."""
    db.session.execute(insert(model.__table__), rows)
    newest = select(model.id).order_by(model.id.desc()).limit(len(rows))
    return sorted(db.session.scalars(newest))


def _status(rng) -> BookingStatus:
    roll, total = rng.random(), 0.0
    for status, share in PAST:
        total += share
        if roll < total:
            return status
    return BookingStatus.ATTENDED


def _bookings(sessions, learners, rng) -> list[dict]:
    rows = []
    for index, session in enumerate(sessions):
        delivered = session.status is SessionStatus.DELIVERED
        for learner_id, employer_id in learners[index * PER_SESSION : (index + 1) * PER_SESSION]:
            status = _status(rng) if delivered else BookingStatus.BOOKED
            cancelled = status is BookingStatus.CANCELLED
            rows.append(
                {
                    "session_id": session.id,
                    "learner_id": learner_id,
                    "employer_id": employer_id,
                    "status": status,
                    "source": BookingSource.EMPLOYER if employer_id else BookingSource.PUBLIC,
                    "placed_at": session.starts_at,
                    "cancelled_at": session.starts_at if cancelled else None,
                    "cancel_reason": "learner" if cancelled else "",
                    "is_late_cancellation": cancelled and rng.random() < 0.5,
                    "told_sequence": 0,
                    "has_evaluated": False,
                }
            )
    ids = _insert_in_order(Booking, rows)
    for row, booking_id in zip(rows, ids, strict=True):
        row["id"] = booking_id
    return rows


def _certificates(bookings, sessions, programmes) -> None:
    by_id = {session.id: session for session in sessions}
    tiers = {programmes["tier1"].id: "Tier 1", programmes["tier2"].id: "Tier 2"}
    names = {programme.id: programme.name for programme in programmes.values()}
    learner_names = dict(db.session.execute(select(Learner.id, Learner.full_name)).all())
    provider = current_app.config["ORG_NAME"]
    rows = []
    for booking in bookings:
        if booking["status"] is not BookingStatus.ATTENDED:
            continue
        session = by_id[booking["session_id"]]
        rows.append(
            {
                "booking_id": booking["id"],
                "code": new_code(),
                "issued_at": session.ends_at,
                "learner_name": learner_names[booking["learner_id"]],
                "programme": names[session.programme_id],
                "tier": tiers[session.programme_id],
                "session_on": to_local(session.starts_at).date(),
                "delivery_mode": "Online" if session.is_online in (None, True) else "In person",
                "provider": provider,
            }
        )
    if rows:
        db.session.execute(insert(Certificate), rows)


def _answers(attended: list[dict], rng) -> None:
    """Half of those who attended answer: confidence on both aims, and recommending."""
    questions = list(
        db.session.scalars(
            select(EvaluationQuestion).where(
                EvaluationQuestion.kind.in_((QuestionKind.CONFIDENCE, QuestionKind.YES_NO))
            )
        )
    )
    answering = [b for b in attended if rng.random() < 0.5]
    if not answering or not questions:
        return
    now = utc_now()
    rows = [
        {"session_id": b["session_id"], "submitted_at": now, "learner_name": ""} for b in answering
    ]
    ids = _insert_in_order(EvaluationResponse, rows)
    answers = []
    for response_id in ids:
        for question in questions:
            if question.kind is QuestionKind.CONFIDENCE:
                before = rng.randint(1, 3)
                answers.append(
                    {
                        "response_id": response_id,
                        "question_id": question.id,
                        "before": before,
                        "value": min(5, before + rng.randint(0, 2)),
                        "text": "",
                    }
                )
            else:
                answers.append(
                    {
                        "response_id": response_id,
                        "question_id": question.id,
                        "before": None,
                        "value": int(rng.random() < 0.9),
                        "text": "",
                    }
                )
    db.session.execute(insert(EvaluationAnswer), answers)
