"""Evaluation: the questions (set by coordinators), learners' answers, and each session's
results. Services flush; the view commits.

Answers are anonymous unless the learner chooses to give their name. Through a learner's own
emailed link they answer once; the session's link (and its QR code, for the room) takes
answers from anyone who has it, limited per network address.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from trainer import audit
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.evaluation import summary
from trainer.extensions import db
from trainer.learners import places
from trainer.models import (
    Assignment,
    Booking,
    BookingStatus,
    EvaluationAnswer,
    EvaluationQuestion,
    EvaluationResponse,
    OfferStatus,
    QuestionKind,
    SessionStatus,
    TrainingSession,
    User,
)

THROTTLED = "A lot of answers have come from your network. Try again in an hour."


@dataclass(frozen=True)
class Given:
    """One question's answer as typed: before and value are 1-5 (yes/no: 1/0)."""

    question_id: int
    before: int | None = None
    value: int | None = None
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return self.before is None and self.value is None and not self.text.strip()


def active_questions() -> list[EvaluationQuestion]:
    query = (
        select(EvaluationQuestion)
        .where(EvaluationQuestion.is_active.is_(True))
        .order_by(EvaluationQuestion.position, EvaluationQuestion.id)
    )
    return list(db.session.scalars(query))


def all_questions() -> list[EvaluationQuestion]:
    query = select(EvaluationQuestion).order_by(
        EvaluationQuestion.is_active.desc(), EvaluationQuestion.position, EvaluationQuestion.id
    )
    return list(db.session.scalars(query))


def save_question(
    question: EvaluationQuestion | None,
    *,
    kind: QuestionKind,
    wording: str,
    is_recommend: bool,
    actor: User | None,
) -> EvaluationQuestion:
    """Add or reword a question. A question with answers keeps its kind (answers stay
    comparable): to ask something else, archive it and add another."""
    if question is not None and question.kind is not kind and _has_answers(question):
        raise DomainError("People have answered this question, so its kind cannot change.", "kind")
    if is_recommend and kind is not QuestionKind.YES_NO:
        raise DomainError("Only a yes or no question can count as recommending.", "is_recommend")
    before = {"wording": question.wording, "kind": question.kind.value} if question else None
    if question is None:
        last = db.session.scalar(select(func.max(EvaluationQuestion.position))) or 0
        question = EvaluationQuestion(position=last + 1, is_active=True)
        db.session.add(question)
    question.kind, question.wording, question.is_recommend = kind, wording, is_recommend
    db.session.flush()
    audit.saved(
        "evaluation_question", question, actor=actor, before=before, after={"wording": wording}
    )
    return question


def _has_answers(question: EvaluationQuestion) -> bool:
    query = select(EvaluationAnswer.id).where(EvaluationAnswer.question_id == question.id)
    return db.session.scalar(query.limit(1)) is not None


def set_question_active(question: EvaluationQuestion, active: bool, *, actor: User | None):
    question.is_active = active
    db.session.flush()
    action = "restored" if active else "archived"
    audit.record(f"evaluation_question.{action}", question, actor=actor)


def move_question(question: EvaluationQuestion, step: int, *, actor: User | None) -> None:
    """Swap a question with the one above (step -1) or below (+1) it."""
    order = active_questions()
    if question not in order:
        return
    index = order.index(question)
    other = index + step
    if not 0 <= other < len(order):
        return
    order[index], order[other] = order[other], order[index]
    for position, each in enumerate(order, start=1):
        each.position = position
    db.session.flush()
    audit.record("evaluation_question.moved", question, actor=actor, after={"step": step})


def is_open(session: TrainingSession, now: datetime | None = None) -> bool:
    """From when the session's register opens until EVALUATION_OPEN_DAYS after its end."""
    now = now or utc_now()
    config = current_app.config
    opens = places.register_opens_at(session.starts_at, config["REGISTER_OPENS_HOURS"])
    closes = session.ends_at + timedelta(days=config["EVALUATION_OPEN_DAYS"])
    return session.status is not SessionStatus.CANCELLED and opens <= now < closes


def address_hash(address: str, session: TrainingSession) -> str:
    """A keyed hash of the network address: counts answers without keeping the address."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{session.id}:{address}".encode(), hashlib.sha256).hexdigest()


def submit(
    session: TrainingSession,
    given: list[Given],
    *,
    address: str,
    booking: Booking | None = None,
    name: str = "",
) -> EvaluationResponse:
    """Keep one learner's answers (flushes). `booking` is the learner's own link: it is used
    once. Their name is kept only when they chose to give it."""
    if not is_open(session):
        raise DomainError("This session is not taking answers now.")
    if booking is not None:
        _check_own_link(booking, session)
    digest = address_hash(address or "unknown", session)
    since = utc_now() - timedelta(hours=1)
    recent = db.session.scalar(
        select(func.count()).where(
            EvaluationResponse.session_id == session.id,
            EvaluationResponse.address_hash == digest,
            EvaluationResponse.submitted_at >= since,
        )
    )
    if (recent or 0) >= current_app.config["EVALUATION_MAX_PER_ADDRESS"]:
        raise DomainError(THROTTLED)
    answers = [g for g in given if not g.is_empty]
    if not answers:
        raise DomainError("Answer at least one question.")
    named = bool(name.strip())
    response = EvaluationResponse(
        session_id=session.id,
        learner_name=name.strip() if named else "",
        booking_id=booking.id if booking is not None and named else None,
        address_hash=digest,
        answers=[
            EvaluationAnswer(question_id=g.question_id, before=g.before, value=g.value, text=g.text)
            for g in answers
        ],
    )
    db.session.add(response)
    if booking is not None:
        booking.has_evaluated = True
    db.session.flush()
    return response


def _check_own_link(booking: Booking, session: TrainingSession) -> None:
    if booking.session_id != session.id:
        raise DomainError("This link is for another session.")
    if booking.has_evaluated:
        raise DomainError("You have answered already. Thank you.")
    if booking.status not in (BookingStatus.ATTENDED, BookingStatus.PARTIAL):
        raise DomainError("The questions are for people who came to the session.")


def results(session: TrainingSession) -> summary.Summary:
    """The session's answers, summed up question by question."""
    questions = [
        summary.Question(q.id, q.kind.value, q.wording, q.is_recommend) for q in all_questions()
    ]
    rows = db.session.execute(
        select(
            EvaluationAnswer.response_id,
            EvaluationAnswer.question_id,
            EvaluationAnswer.before,
            EvaluationAnswer.value,
            EvaluationAnswer.text,
        )
        .join(EvaluationResponse, EvaluationResponse.id == EvaluationAnswer.response_id)
        .where(EvaluationResponse.session_id == session.id)
        .order_by(EvaluationAnswer.id)
    )
    return summary.summarise(questions, [summary.Answer(*row) for row in rows])


def named_responses(session: TrainingSession) -> int:
    query = select(func.count()).where(
        EvaluationResponse.session_id == session.id, EvaluationResponse.learner_name != ""
    )
    return db.session.scalar(query) or 0


def given_lately(person, days: int) -> list[TrainingSession]:
    """Sessions over in the last `days` where `person` held an accepted seat, latest first."""
    now = utc_now()
    query = (
        select(TrainingSession)
        .join(Assignment, Assignment.session_id == TrainingSession.id)
        .where(
            Assignment.person_id == person.id,
            Assignment.offer_status == OfferStatus.ACCEPTED,
            TrainingSession.status != SessionStatus.CANCELLED,
            TrainingSession.ends_at <= now,
            TrainingSession.ends_at > now - timedelta(days=days),
        )
        .order_by(TrainingSession.starts_at.desc())
        .limit(10)
    )
    return list(db.session.scalars(query))
