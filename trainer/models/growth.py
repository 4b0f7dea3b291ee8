"""Room to grow: progression steps, reflection check-ins, and review meetings' outcomes."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.extensions import db
from trainer.models.accounts import User
from trainer.models.base import TimestampMixin, enum_type
from trainer.models.people import Person
from trainer.models.programmes import ProgressionStage
from trainer.models.sessions import Assignment, TrainingSession
from trainer.models.types import UTCDateTime


class ProgressionStep(TimestampMixin, db.Model):
    """A stage a person reached, when, and the evidence for it."""

    __tablename__ = "progression_steps"
    __table_args__ = (UniqueConstraint("person_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    stage: Mapped[ProgressionStage] = mapped_column(
        enum_type(ProgressionStage, "progression_stage")
    )
    reached_on: Mapped[date] = mapped_column(Date)
    #: what shows it: a course completed, the session shadowed or co-delivered
    evidence: Mapped[str] = mapped_column(Text, default="")
    #: the session that showed it, when it came from one
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="SET NULL")
    )
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    person: Mapped[Person] = relationship()
    session: Mapped[TrainingSession | None] = relationship()


class Feeling(enum.Enum):
    """How a person feels after a session, chosen from pictures."""

    HAPPY = "happy"
    OKAY = "okay"
    TIRED = "tired"
    WORRIED = "worried"
    SAD = "sad"

    @property
    def label(self) -> str:
        return {
            "happy": "Happy",
            "okay": "Okay",
            "tired": "Tired",
            "worried": "Worried",
            "sad": "Sad",
        }[self.value]


class CheckIn(TimestampMixin, db.Model):
    """A person's reflection after a session: private to them and their named lead."""

    __tablename__ = "check_ins"
    __table_args__ = (Index("ix_check_ins_lead_open", "lead_id", "support_answered_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), unique=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    #: the lead who may read it, as named when it was written
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    feeling: Mapped[Feeling] = mapped_column(enum_type(Feeling, "feeling"))
    went_well: Mapped[str] = mapped_column(Text, default="")
    was_hard: Mapped[str] = mapped_column(Text, default="")
    would_help: Mapped[str] = mapped_column(Text, default="")
    wants_support: Mapped[bool] = mapped_column(default=False)
    #: when the lead said they had contacted the person
    support_answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    assignment: Mapped[Assignment] = relationship()
    person: Mapped[Person] = relationship()
    lead: Mapped[User | None] = relationship()


class ReviewOutcome(TimestampMixin, db.Model):
    """'You said, we did': what a review meeting asked for, who does it, and by when."""

    __tablename__ = "review_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True
    )
    you_said: Mapped[str] = mapped_column(Text)
    we_did: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(120))
    due_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    session: Mapped[TrainingSession] = relationship()
