"""How sessions went: the questions learners are asked, and their (anonymous) answers."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models.base import enum_type
from trainer.models.types import UTCDateTime


class QuestionKind(enum.Enum):
    #: how confident before, and after, on one of the training's aims (1 to 5 each)
    CONFIDENCE = "confidence"
    YES_NO = "yes_no"
    #: a score from 1 to 5
    SCALE = "scale"
    TEXT = "text"

    @property
    def label(self) -> str:
        return {
            "confidence": "Confidence before and after (1 to 5)",
            "yes_no": "Yes or no",
            "scale": "A score from 1 to 5",
            "text": "Their own words",
        }[self.value]


class EvaluationQuestion(db.Model):
    __tablename__ = "evaluation_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[QuestionKind] = mapped_column(enum_type(QuestionKind, "question_kind"))
    wording: Mapped[str] = mapped_column(String(300))
    #: a yes/no question whose "yes" is counted as "would recommend it" in reports
    is_recommend: Mapped[bool] = mapped_column(default=False)
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class EvaluationResponse(db.Model):
    """One learner's answers about one session; anonymous unless they chose to give their
    name (then `learner_name` and `booking_id` are set)."""

    __tablename__ = "evaluation_responses"
    __table_args__ = (Index("ix_evaluation_responses_session_id", "session_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id", ondelete="CASCADE"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    learner_name: Mapped[str] = mapped_column(String(120), default="")
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id", ondelete="SET NULL"))
    #: a keyed hash of the network address, for the rate limit only (not reversible)
    address_hash: Mapped[str] = mapped_column(String(64), default="")

    answers: Mapped[list[EvaluationAnswer]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )


class EvaluationAnswer(db.Model):
    __tablename__ = "evaluation_answers"
    __table_args__ = (
        CheckConstraint("before BETWEEN 1 AND 5", name="before_range"),
        CheckConstraint("value BETWEEN 0 AND 5", name="value_range"),
        Index("ix_evaluation_answers_response_id", "response_id"),
        Index("ix_evaluation_answers_question_id", "question_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation_responses.id", ondelete="CASCADE")
    )
    question_id: Mapped[int] = mapped_column(ForeignKey("evaluation_questions.id"))
    #: confidence before (confidence questions only)
    before: Mapped[int | None]
    #: confidence after, the score, or 1/0 for yes/no
    value: Mapped[int | None]
    text: Mapped[str] = mapped_column(Text, default="")

    response: Mapped[EvaluationResponse] = relationship(back_populates="answers")
    question: Mapped[EvaluationQuestion] = relationship(lazy="joined")
