"""Messages sent to people (the message log) and each person's choices about them."""

from __future__ import annotations

import enum
from datetime import datetime, time

from sqlalchemy import ForeignKey, Index, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models.accounts import User
from trainer.models.base import enum_type
from trainer.models.people import InformationFormat, Person
from trainer.models.types import UTCDateTime


class Channel(enum.Enum):
    EMAIL = "email"
    TEXT = "text"

    @property
    def label(self) -> str:
        return {"email": "Email", "text": "Text message"}[self.value]


class MessageStatus(enum.Enum):
    #: waiting to be sent (now, or after `send_after`: quiet hours)
    QUEUED = "queued"
    #: a worker has taken it and is handing it to the transport
    SENDING = "sending"
    #: the mail server or GOV.UK Notify took it
    SENT = "sent"
    #: every try failed: a coordinator can see why and send it again
    FAILED = "failed"

    @property
    def label(self) -> str:
        return {
            "queued": "Waiting to be sent",
            "sending": "Being sent",
            "sent": "Delivered",
            "failed": "Failed",
        }[self.value]


class Message(db.Model):
    """One message to one person (or coordinator) by one channel: the message log.

    `key` is "<event>:<recipient>:<channel>": a second message for the same event to the
    same person by the same channel is never written, so never sent."""

    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_status_send_after", "status", "send_after"),
        Index("ix_messages_person_id", "person_id"),
        Index("ix_messages_user_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    #: offer, offer_reminder, offer_chase, reminder, changed, cancelled, alert, digest, …
    kind: Mapped[str] = mapped_column(String(40))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    #: a coordinator's account, for messages to coordinators
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="SET NULL")
    )
    channel: Mapped[Channel] = mapped_column(enum_type(Channel, "message_channel"))
    format: Mapped[InformationFormat] = mapped_column(
        enum_type(InformationFormat, "message_format")
    )
    #: a copy for the person's supporter
    is_copy: Mapped[bool] = mapped_column(default=False)
    to_addr: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[MessageStatus] = mapped_column(
        enum_type(MessageStatus, "message_status"), default=MessageStatus.QUEUED
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    #: not before this moment (quiet hours, or a reminder's time)
    send_after: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    #: when a worker took it (a worker killed while sending leaves this behind)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    #: the transport's own id (GOV.UK Notify's notification id, or the email's Message-ID)
    transport_ref: Mapped[str] = mapped_column(String(200), default="")

    person: Mapped[Person | None] = relationship()
    user: Mapped[User | None] = relationship()


class MessageChoice(db.Model):
    """A person's choices about messages (no row: the defaults below)."""

    __tablename__ = "message_choices"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    by_email: Mapped[bool] = mapped_column(default=True)
    by_text: Mapped[bool] = mapped_column(default=False)
    #: nothing is sent from `quiet_from` until `quiet_until` (local time; may cross midnight);
    #: no column default, so that "no quiet hours" (None) is kept (`defaults()` has 21:00-07:00)
    quiet_from: Mapped[time | None] = mapped_column(Time)
    quiet_until: Mapped[time | None] = mapped_column(Time)
    remind_week_before: Mapped[bool] = mapped_column(default=True)
    remind_two_days_before: Mapped[bool] = mapped_column(default=True)
    remind_day_before: Mapped[bool] = mapped_column(default=False)
    remind_morning_of: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    @classmethod
    def defaults(cls, person_id: int) -> MessageChoice:
        return cls(
            person_id=person_id,
            by_email=True,
            by_text=False,
            quiet_from=time(21),
            quiet_until=time(7),
            remind_week_before=True,
            remind_two_days_before=True,
            remind_day_before=False,
            remind_morning_of=True,
        )
