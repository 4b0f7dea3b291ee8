"""Helpers for message tests: a team with everything a message tells, each kind of message
written for one person, and what arrived read back."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from tests import factories
from tests.calendars.app_factories import make_team
from tests.payments.factories import make_rate
from trainer import jobs
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.messages import events, schedule
from trainer.models import (
    InformationFormat,
    Message,
    MessageChoice,
    MessageStatus,
    OfferStatus,
    SessionStatus,
)

_venues = iter(range(1, 10**6))
PERSON_KINDS = ("offer", "offer_reminder", "reminder", "changed", "cancelled", "removed")


@dataclass
class Scene:
    team: object
    assignment: object

    @property
    def person(self):
        return self.team.person

    @property
    def session(self):
        return self.team.session


def make_scene(*, style=InformationFormat.EASY_READ, text=False, starts_at=None, **values):
    """An in-person session with arrival words, a contact and things to bring, and a
    co-trainer with support needs who chose `style` (and text messages when `text`)."""
    team = make_team(
        starts_at=starts_at,
        email="robin@example.org",
        name="Robin Tester",
        phone="07700 900123",
        preferred_format=style,
        support_needs="A quiet room to rest at lunch",
        needs_step_free=True,
        venue_values={
            "name": f"Riverside Centre {next(_venues)}",
            "arrival_instructions": "Use the side door and sign in at reception.",
            "contact_name": "Jo Green",
            "contact_phone": "0100 111 2222",
        },
        **values,
    )
    team.session.what_to_bring = "Your lunch\nYour badge"
    make_rate(programme=team.session.programme, role=team.role, delivery_pence=12_500)
    assignment = next(a for a in team.session.assignments if a.person_id == team.person.id)
    choice = MessageChoice.defaults(team.person.id)
    choice.by_text, choice.quiet_from, choice.quiet_until = text, None, None
    db.session.add(choice)
    db.session.flush()
    return Scene(team, assignment)


def write_kind(kind: str, scene: Scene) -> None:
    """Make `kind` of message happen to the scene's person, as the app would."""
    assignment, session = scene.assignment, scene.session
    if kind in ("offer", "offer_reminder"):
        assignment.offer_status = OfferStatus.OFFERED
        assignment.offered_at = factories.days_ahead(-7)
        db.session.flush()
        (events.offer_made if kind == "offer" else events.offer_reminder)(assignment)
    elif kind == "reminder":
        assert schedule.send_reminders(utc_now()) == 1, "no reminder due"
    elif kind == "changed":
        session.sequence += 1
        events.session_changed(session, change="Moved to a bigger room")
    elif kind == "cancelled":
        session.status, session.sequence = SessionStatus.CANCELLED, session.sequence + 1
        db.session.flush()
        events.session_cancelled(session)
    elif kind == "removed":
        assignment.offer_status = OfferStatus.WITHDRAWN
        db.session.flush()
        events.answered(assignment, actor=None)


def deliver() -> int:
    """Commit, and let the queue run the send jobs the commit queued (the tests' queue runs
    them at once); how many messages are now sent."""
    db.session.commit()
    jobs.run_committed()
    return db.session.scalar(
        select(func.count()).select_from(Message).where(Message.status == MessageStatus.SENT)
    )


def read_outbox(folder: Path) -> tuple[list[email.message.EmailMessage], list[str]]:
    """The .eml emails and .txt text messages written to the outbox folder."""
    files = sorted(folder.glob("*")) if folder.exists() else []
    emails = [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        for p in files
        if p.suffix == ".eml"
    ]
    texts = [p.read_text(encoding="utf-8") for p in files if p.suffix == ".txt"]
    return emails, texts


def parts(message) -> tuple[str, str]:
    """(plain text, HTML or '') of an email."""
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    return text.get_content(), html.get_content() if html is not None else ""
