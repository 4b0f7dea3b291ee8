"""Co-produced review meetings: a kind of session (its programme's kind is "review"), paid by
its own rates on the rate card, whose outcomes are "You said, we did" items with an owner
and a date, shown to everyone in Easy Read."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from trainer import audit
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import (
    Programme,
    ProgrammeKind,
    ReviewOutcome,
    SessionStatus,
    TrainingSession,
    User,
)

MAX_TEXT = 1000


@dataclass(frozen=True)
class OutcomeDetails:
    you_said: str
    we_did: str
    owner: str
    due_on: date
    done_on: date | None = None


def is_review(session: TrainingSession) -> bool:
    return session.programme.kind is ProgrammeKind.REVIEW


def outcomes_of(session: TrainingSession) -> list[ReviewOutcome]:
    query = (
        select(ReviewOutcome)
        .where(ReviewOutcome.session_id == session.id)
        .order_by(ReviewOutcome.due_on, ReviewOutcome.id)
    )
    return list(db.session.scalars(query))


def all_outcomes() -> list[ReviewOutcome]:
    """Every outcome of every review meeting, newest meeting first: what everyone sees."""
    query = (
        select(ReviewOutcome)
        .join(TrainingSession, TrainingSession.id == ReviewOutcome.session_id)
        .join(Programme, Programme.id == TrainingSession.programme_id)
        .where(
            Programme.kind == ProgrammeKind.REVIEW,
            TrainingSession.status != SessionStatus.CANCELLED,
        )
        .order_by(TrainingSession.starts_at.desc(), ReviewOutcome.due_on, ReviewOutcome.id)
    )
    return list(db.session.scalars(query))


def _check(details: OutcomeDetails) -> None:
    for field in ("you_said", "owner"):
        if not getattr(details, field).strip():
            raise DomainError(
                "Write what people said." if field == "you_said" else "Say who will do it.", field
            )
    for field in ("you_said", "we_did"):
        if len(getattr(details, field)) > MAX_TEXT:
            raise DomainError(f"Write at most {MAX_TEXT} characters.", field)
    if details.done_on and not details.we_did.strip():
        raise DomainError("Say what was done before giving the day it was done.", "we_did")


def add_outcome(
    session: TrainingSession, details: OutcomeDetails, *, actor: User | None
) -> ReviewOutcome:
    """A "You said, we did" item from a review meeting."""
    if not is_review(session):
        raise DomainError("Only a review meeting has \u201cYou said, we did\u201d outcomes.")
    if session.status is SessionStatus.CANCELLED:
        raise DomainError("This review meeting was cancelled.")
    _check(details)
    outcome = ReviewOutcome(session=session, recorded_by_id=actor.id if actor else None)
    _fill(outcome, details)
    db.session.add(outcome)
    db.session.flush()
    audit.record("review_outcome.added", outcome, actor=actor, after=_snapshot(outcome))
    return outcome


def update_outcome(
    outcome: ReviewOutcome, details: OutcomeDetails, *, actor: User | None
) -> ReviewOutcome:
    """What was done, and when, as it happens."""
    _check(details)
    before = _snapshot(outcome)
    _fill(outcome, details)
    db.session.flush()
    audit.record(
        "review_outcome.changed", outcome, actor=actor, before=before, after=_snapshot(outcome)
    )
    return outcome


def _fill(outcome: ReviewOutcome, details: OutcomeDetails) -> None:
    outcome.you_said = details.you_said.strip()
    outcome.we_did = details.we_did.strip()
    outcome.owner = details.owner.strip()
    outcome.due_on = details.due_on
    outcome.done_on = details.done_on


def _snapshot(outcome: ReviewOutcome) -> dict:
    return {
        "session_id": outcome.session_id,
        "you_said": outcome.you_said,
        "we_did": outcome.we_did,
        "owner": outcome.owner,
        "due_on": outcome.due_on.isoformat(),
        "done_on": outcome.done_on.isoformat() if outcome.done_on else None,
    }
