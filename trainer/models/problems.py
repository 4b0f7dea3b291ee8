"""Rules broken after booking: a held seat that a later change put against a hard rule."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models.accounts import User
from trainer.models.base import enum_type
from trainer.models.people import Person
from trainer.models.sessions import Assignment, TrainingSession
from trainer.models.types import UTCDateTime


class Resolution(enum.Enum):
    #: a coordinator kept the person in the seat, with a written reason (an override)
    KEPT = "kept"
    #: a coordinator took the person off the team
    TAKEN_OFF = "taken_off"
    #: a later change mended it: the rule holds again
    CLEARED = "cleared"
    #: the person no longer holds the seat (they said no, or were taken off elsewhere)
    SEAT_GIVEN_UP = "seat_given_up"
    #: the session was cancelled, delivered or is over
    SESSION_CLOSED = "session_closed"

    @property
    def label(self) -> str:
        return {
            "kept": "Kept, with a reason",
            "taken_off": "Taken off the team",
            "cleared": "No longer broken",
            "seat_given_up": "No longer in the seat",
            "session_closed": "Session closed",
        }[self.value]


class Problem(db.Model):
    """A hard rule broken by a held seat (offered or accepted), found after booking.

    A problem is open until it is resolved. A seat kept with a reason keeps its KEPT row:
    the same break found again later is not raised again."""

    __tablename__ = "problems"
    __table_args__ = (
        #: one open problem per seat and break
        Index(
            "uq_problems_open_break",
            "assignment_id",
            "rule",
            "message",
            unique=True,
            sqlite_where=text("resolved_at IS NULL"),
            postgresql_where=text("resolved_at IS NULL"),
        ),
        Index("ix_problems_open", "resolved_at", "session_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    #: the rule's code, as team building names it (unavailable, availability, overlap, ...)
    rule: Mapped[str] = mapped_column(String(40))
    #: what the rule says now, in the words a coordinator reads at booking
    message: Mapped[str] = mapped_column(Text)
    #: what changed to break it
    cause: Mapped[str] = mapped_column(Text, default="")
    found_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    found_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    resolution: Mapped[Resolution | None] = mapped_column(
        enum_type(Resolution, "problem_resolution")
    )
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: the coordinator's reason for keeping the seat, or what mended it
    resolution_note: Mapped[str] = mapped_column(Text, default="")

    assignment: Mapped[Assignment] = relationship()
    session: Mapped[TrainingSession] = relationship()
    person: Mapped[Person] = relationship(lazy="joined", innerjoin=True)
    found_by: Mapped[User | None] = relationship(foreign_keys=[found_by_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    def __repr__(self) -> str:
        return f"<Problem a{self.assignment_id} {self.rule} {'open' if self.is_open else 'closed'}>"
