""" "I need help": a co-trainer's call for help, kept open until someone answers it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models.accounts import User
from trainer.models.people import Person
from trainer.models.types import UTCDateTime


class HelpRequest(db.Model):
    """One press of "I need help": who, from which page, and who answered it when."""

    __tablename__ = "help_requests"
    __table_args__ = (Index("ix_help_requests_open", "answered_at", "asked_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    #: the page the person pressed the button on (a path in this app)
    page: Mapped[str] = mapped_column(String(300), default="")
    #: what they wrote, if anything (the button works without words)
    message: Mapped[str] = mapped_column(Text, default="")
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: what the coordinator did, in their words
    answer: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship(lazy="joined", innerjoin=True)
    answered_by: Mapped[User | None] = relationship()

    @property
    def is_open(self) -> bool:
        return self.answered_at is None
