"""Keyword-only factories for learners, bookings, employers and their contacts; each flushes.
Also what the learner forms are sent, and reading learners' emails back."""

from __future__ import annotations

import email
import email.policy
import re
from itertools import count
from pathlib import Path

from sqlalchemy import select

from tests import factories
from trainer.certificates import service as certificates
from trainer.extensions import db
from trainer.learners import tokens
from trainer.models import (
    Booking,
    BookingSettings,
    BookingSource,
    BookingStatus,
    Employer,
    EmployerContact,
    EvaluationQuestion,
    Learner,
    PartOne,
    PartOneUpload,
    Sector,
    SessionStatus,
    User,
)

_ids = count(1)


def make_settings(programme, **values) -> BookingSettings:
    settings = db.session.get(BookingSettings, programme.id) or BookingSettings(
        programme_id=programme.id
    )
    defaults = {
        "tier": "Tier 1",
        "is_public": True,
        "cutoff_days": 2,
        "offer_hours": 48,
        "is_accredited": False,
        "training_category": "Oliver McGowan Mandatory Training (Tier 1)",
        "valid_months": 36,
        "before_you_come": "Complete Part 1 before you come.",
    }
    for name, value in {**defaults, **values}.items():
        setattr(settings, name, value)
    db.session.add(settings)
    db.session.flush()
    return settings


def open_session(*, capacity: int = 20, days: int = 14, **settings):
    """A scheduled session whose programme is open for public booking."""
    programme = factories.make_programme(capacity=capacity)
    make_settings(programme, **settings)
    return factories.make_session(
        programme=programme, status=SessionStatus.SCHEDULED, starts_at=factories.days_ahead(days)
    )


def make_employer(*, name: str | None = None, sector: Sector = Sector.SOCIAL_CARE) -> Employer:
    employer = Employer(name=name or f"Employer {next(_ids)}", sector=sector)
    db.session.add(employer)
    db.session.flush()
    return employer


def make_contact(employer: Employer | None = None, user: User | None = None) -> User:
    """A booking contact's account for `employer` (a new employer when none is given)."""
    employer = employer or make_employer()
    user = user or factories.make_user(roles={"employer"})
    db.session.add(EmployerContact(user=user, employer=employer))
    db.session.flush()
    return user


def link_to_an_employer(user: User) -> User:
    """Make an employer-role account a contact of the first employer (or of a new one)."""
    employer = db.session.scalar(select(Employer).order_by(Employer.id)) or make_employer()
    return make_contact(employer, user)


def make_learner(*, name: str | None = None, employer: Employer | None = None, **values):
    n = next(_ids)
    learner = Learner(
        full_name=name or f"Learner {n}",
        email=values.pop("email", f"learner{n}@example.org"),
        employer=employer,
        sector=values.pop("sector", Sector.HEALTH),
        part_one=values.pop("part_one", PartOne.DECLARED),
        **values,
    )
    db.session.add(learner)
    db.session.flush()
    return learner


def make_booking(*, session, learner=None, status=BookingStatus.BOOKED, **values) -> Booking:
    learner = learner or make_learner()
    booking = Booking(
        session=session,
        learner=learner,
        employer_id=values.pop("employer_id", learner.employer_id),
        status=status,
        source=values.pop("source", BookingSource.COORDINATOR),
        **values,
    )
    db.session.add(booking)
    db.session.flush()
    return booking


def learner_data(**changes) -> dict:
    """What a learner form is sent (public page, employer or coordinator)."""
    n = next(_ids)
    data = {
        "full_name": f"Sam Learner {n}",
        "email": f"sam{n}@example.org",
        "organisation": "Riverside Care Homes",
        "job_role": "Care worker",
        "sector": "social_care",
        "part_one": "declared",
        "part_one_on": "",
        "adjustments": "",
        "agree": "y",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def emails(folder: Path, to: str | None = None) -> list[email.message.EmailMessage]:
    """Messages written to the outbox folder, oldest first (to one address, if given)."""
    found = []
    for path in sorted(folder.glob("*.eml"), key=lambda p: (p.stat().st_mtime, p.name)):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if to is None or message["To"] == to:
            found.append(message)
    return found


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(message, pattern: str) -> str:
    """The first link in the message's text whose path matches `pattern`."""
    found = re.search(rf"https?://[^/\s]+({pattern}\S*)", text_of(message))
    assert found, f"no link matching {pattern} in:\n{text_of(message)}"
    return found.group(1)


def make_learner_records(*, programme, session) -> dict:
    """One saved record of each learner kind for the permission matrix (ids, a certificate's
    code and signed links), on `session` (a draft a week ahead) and an open one."""
    employer = make_employer()
    make_settings(programme)
    open_ = open_session()
    booked = make_booking(session=session, learner=make_learner(employer=employer))
    attended = make_booking(
        session=session, learner=make_learner(employer=employer), status=BookingStatus.ATTENDED
    )
    certificate = certificates.issue(attended, tier="Tier 1", actor=None)
    db.session.add(
        PartOneUpload(
            learner_id=booked.learner_id,
            filename="part-1.pdf",
            content_type="application/pdf",
            content=b"%PDF-1.4 sample",
        )
    )
    elsewhere = EmployerContact(
        user=factories.make_user(roles={"employer"}), employer=make_employer()
    )
    db.session.add(elsewhere)
    db.session.flush()
    question = db.session.scalar(select(EvaluationQuestion.id).order_by(EvaluationQuestion.id))
    return {
        "employer": employer.id,
        "learner": booked.learner_id,
        "booking": booked.id,
        "certified_booking": attended.id,
        "certificate": certificate.code,
        "contact": elsewhere.id,
        "open_session": open_.id,
        "question": question,
        "booking_token": tokens.make("booking", booked.id),
        "offer_token": tokens.make("offer", booked.id, session.starts_at),
        "evaluation_token": tokens.make("session-evaluation", session.id),
        "evaluate_token": tokens.make("evaluate", attended.id),
    }
