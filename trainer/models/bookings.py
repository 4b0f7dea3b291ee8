"""Places on sessions: bookings with their status, public requests waiting for an email to be
confirmed, and the messages sent to learners."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.clock import utc_now
from trainer.domain import IllegalTransition
from trainer.extensions import db
from trainer.models.base import TimestampMixin, enum_type
from trainer.models.learners import Employer, Learner
from trainer.models.sessions import TrainingSession
from trainer.models.types import UTCDateTime


class BookingStatus(enum.Enum):
    BOOKED = "booked"
    WAITING = "waiting"
    OFFERED = "offered"
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    PARTIAL = "partial"
    ABSENT = "absent"

    @property
    def label(self) -> str:
        return {
            "booked": "Booked",
            "waiting": "On the waiting list",
            "offered": "Offered a place",
            "cancelled": "Cancelled",
            "attended": "Attended",
            "partial": "Attended part",
            "absent": "Did not attend",
        }[self.value]

    @property
    def holds_place(self) -> bool:
        return self in HOLDING_PLACE

    @property
    def is_registered(self) -> bool:
        """Marked on the register: present, partial or absent."""
        return self in REGISTERED

    def can_become(self, target: BookingStatus) -> bool:
        return target in BOOKING_TRANSITIONS[self]


HOLDING_PLACE = frozenset(
    {
        BookingStatus.BOOKED,
        BookingStatus.OFFERED,
        BookingStatus.ATTENDED,
        BookingStatus.PARTIAL,
        BookingStatus.ABSENT,
    }
)
REGISTERED = frozenset({BookingStatus.ATTENDED, BookingStatus.PARTIAL, BookingStatus.ABSENT})
BOOKING_TRANSITIONS = {
    BookingStatus.WAITING: {BookingStatus.OFFERED, BookingStatus.CANCELLED},
    BookingStatus.OFFERED: {BookingStatus.BOOKED, BookingStatus.CANCELLED},
    BookingStatus.BOOKED: {BookingStatus.CANCELLED, *REGISTERED},
    BookingStatus.CANCELLED: {BookingStatus.BOOKED, BookingStatus.WAITING},
    **{status: set(REGISTERED) - {status} for status in REGISTERED},
}


class BookingSource(enum.Enum):
    COORDINATOR = "coordinator"
    EMPLOYER = "employer"
    PUBLIC = "public"

    @property
    def label(self) -> str:
        return {
            "coordinator": "A coordinator",
            "employer": "Their employer",
            "public": "Themselves, online",
        }[self.value]


class Booking(TimestampMixin, db.Model):
    """A learner's place (or wait for one) on a session. One per learner per session: booking
    again after cancelling uses the same row."""

    __tablename__ = "bookings"
    __table_args__ = (
        UniqueConstraint("session_id", "learner_id"),
        Index("ix_bookings_session_status", "session_id", "status"),
        Index("ix_bookings_learner_id", "learner_id"),
        Index("ix_bookings_employer_id", "employer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id", ondelete="CASCADE"))
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"))
    #: the employer the place is for: its booking contacts see the booking
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employers.id", ondelete="SET NULL"))
    status: Mapped[BookingStatus] = mapped_column(enum_type(BookingStatus, "booking_status"))
    source: Mapped[BookingSource] = mapped_column(enum_type(BookingSource, "booking_source"))
    booked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: when they were last given a place (booked, or confirmed an offered place)
    placed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: the waiting list's order: when they joined it
    queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    offer_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: learner, coordinator, employer, offer_lapsed or session_cancelled
    cancel_reason: Mapped[str] = mapped_column(String(40), default="")
    #: cancelled after booking had closed for the session
    is_late_cancellation: Mapped[bool] = mapped_column(default=False)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: the session's SEQUENCE when the learner was last sent its details (a change raises it)
    told_sequence: Mapped[int] = mapped_column(default=0)
    #: answered the evaluation through their own link (the answers themselves stay anonymous)
    has_evaluated: Mapped[bool] = mapped_column(default=False)

    session: Mapped[TrainingSession] = relationship()
    learner: Mapped[Learner] = relationship(lazy="joined", innerjoin=True)
    employer: Mapped[Employer | None] = relationship()

    def move_to(self, target: BookingStatus) -> None:
        if not self.status.can_become(target):
            raise IllegalTransition("booking", self.status, target)
        self.status = target

    def __repr__(self) -> str:
        return f"<Booking s{self.session_id} l{self.learner_id} {self.status.value}>"


class BookingRequest(db.Model):
    """A booking asked for on the public page, made once its email address is confirmed by
    the link sent to it. Requests also count towards the page's rate limits."""

    __tablename__ = "booking_requests"
    __table_args__ = (
        Index("ix_booking_requests_email_at", "email", "requested_at"),
        Index("ix_booking_requests_address_at", "address", "requested_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254))
    address: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    #: hex SHA-256 of the confirmation link's token; the token itself is never stored
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: what the form said: name, organisation, job role, sector, Part 1, adjustments
    details: Mapped[dict] = mapped_column(JSON)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id", ondelete="SET NULL"))

    session: Mapped[TrainingSession] = relationship()


class LearnerMessage(db.Model):
    """An email to a learner, queued in the same transaction as the change and sent after
    commit. `key` makes each message once only (a reminder is sent once per booking)."""

    __tablename__ = "learner_messages"
    __table_args__ = (Index("ix_learner_messages_unsent", "sent_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    booking_id: Mapped[int | None] = mapped_column(
        ForeignKey("bookings.id", ondelete="SET NULL"), index=True
    )
    #: confirm_email, joining, waiting, place_offered, reminder, cancelled, ...
    kind: Mapped[str] = mapped_column(String(30))
    key: Mapped[str] = mapped_column(String(160), unique=True)
    to_addr: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    #: the whole message as sent (RFC 5322 bytes, CRLF)
    message: Mapped[bytes] = mapped_column(LargeBinary)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
