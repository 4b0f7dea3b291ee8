"""Calendar feeds, reminder choices, each person's copy of a session, and the email outbox."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models.accounts import User
from trainer.models.base import TimestampMixin, enum_type
from trainer.models.people import Person
from trainer.models.sessions import TrainingSession
from trainer.models.types import UTCDateTime


def new_feed_token() -> str:
    """256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


class CalendarFeed(db.Model):
    """A secret feed link: a person's own sessions, or (for a coordinator's account) all of them.

    The token is kept as is, not hashed: its owner and coordinators must be able to see the
    link again. Revoking deletes the row, so the old link answers 404.
    """

    __tablename__ = "calendar_feeds"
    __table_args__ = (
        CheckConstraint("(person_id IS NULL) <> (user_id IS NULL)", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_feed_token)
    #: a personal feed of this person's sessions
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), unique=True
    )
    #: a coordinator's feed of every session
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    person: Mapped[Person | None] = relationship()
    user: Mapped[User | None] = relationship()


class Reminders(enum.Enum):
    """A person's choice of calendar reminders."""

    DAY_BEFORE_AND_TWO_HOURS = "day_before_and_2_hours"
    DAY_BEFORE = "day_before"
    TWO_HOURS = "2_hours"
    ONE_HOUR = "1_hour"
    NONE = "none"

    @property
    def minutes(self) -> tuple[int, ...]:
        return {
            "day_before_and_2_hours": (1440, 120),
            "day_before": (1440,),
            "2_hours": (120,),
            "1_hour": (60,),
            "none": (),
        }[self.value]

    @property
    def label(self) -> str:
        return {
            "day_before_and_2_hours": "The day before, and 2 hours before",
            "day_before": "The day before",
            "2_hours": "2 hours before",
            "1_hour": "1 hour before",
            "none": "No reminders",
        }[self.value]


DEFAULT_REMINDERS = Reminders.DAY_BEFORE_AND_TWO_HOURS


class ReminderChoice(db.Model):
    """Which reminders a person's calendar copies carry (no row: the default)."""

    __tablename__ = "reminder_choices"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    reminders: Mapped[Reminders] = mapped_column(
        enum_type(Reminders, "reminders"), default=DEFAULT_REMINDERS
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)


class CalendarCopy(TimestampMixin, db.Model):
    """One person's copy of a session's event, where it differs from the team's.

    Taking someone off a session raises their copy's SEQUENCE (above the session's) and keeps
    it in their feed as cancelled for 30 days; `sent_digest` stops repeat emails for no change.
    """

    __tablename__ = "calendar_copies"
    __table_args__ = (
        UniqueConstraint("session_id", "person_id"),
        CheckConstraint("extra_sequence >= 0", name="extra_sequence_not_negative"),
        Index("ix_calendar_copies_person_id", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    #: added to the session's SEQUENCE for this person's copy; rises on removal and return
    extra_sequence: Mapped[int] = mapped_column(default=0)
    #: when they were taken off the session (None while they are on it)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: what the last emailed invite said, so a save that changes nothing sends nothing
    sent_digest: Mapped[str] = mapped_column(String(64), default="")


class OutboxMessage(db.Model):
    """An emailed invite, queued in the same transaction as the change and sent after commit."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index("ix_outbox_messages_unsent", "sent_at", "id"),
        Index("ix_outbox_messages_session_id", "session_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="SET NULL")
    )
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    #: iTIP METHOD: REQUEST or CANCEL
    method: Mapped[str] = mapped_column(String(10))
    #: new, changed, cancelled or removed
    change: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(String(200))
    #: plain addresses for the SMTP envelope, one per line; empty when nobody can be emailed
    to_addrs: Mapped[str] = mapped_column(Text, default="")
    #: the whole message as sent (RFC 5322 bytes, CRLF)
    message: Mapped[bytes] = mapped_column(LargeBinary)
    #: a change within 48 hours of the start: the coordinator should tell people directly
    is_urgent: Mapped[bool] = mapped_column(default=False)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")

    session: Mapped[TrainingSession | None] = relationship()
    person: Mapped[Person | None] = relationship()

    @property
    def recipients(self) -> list[str]:
        return [line for line in self.to_addrs.splitlines() if line]
