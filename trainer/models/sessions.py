"""Training sessions and the seats filled in their teams."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.domain import IllegalTransition
from trainer.extensions import db
from trainer.models.base import TimestampMixin, enum_type
from trainer.models.people import Person
from trainer.models.programmes import DeliveryRole, Programme, Venue
from trainer.models.types import UTCDateTime


class SessionStatus(enum.Enum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    def can_become(self, target: SessionStatus) -> bool:
        return target in SESSION_TRANSITIONS[self]


SESSION_TRANSITIONS = {
    #: a draft delivered: a session closed after its day without ever being scheduled
    SessionStatus.DRAFT: {
        SessionStatus.SCHEDULED,
        SessionStatus.DELIVERED,
        SessionStatus.CANCELLED,
    },
    SessionStatus.SCHEDULED: {
        SessionStatus.DRAFT,
        SessionStatus.DELIVERED,
        SessionStatus.CANCELLED,
    },
    SessionStatus.DELIVERED: set(),
    SessionStatus.CANCELLED: {SessionStatus.DRAFT},
}


class OfferStatus(enum.Enum):
    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def holds_seat(self) -> bool:
        return self in (OfferStatus.OFFERED, OfferStatus.ACCEPTED)


#: a session not yet closed (draft or scheduled), as SQL: the partial index of live sessions
LIVE_SQL = "status IN ('draft', 'scheduled')"
#: an offer somebody answered (yes or no), as SQL: the partial index of answers
ANSWERED_SQL = "offer_status IN ('accepted', 'declined')"


class Attendance(enum.Enum):
    ATTENDED = "attended"
    PARTIAL = "partial"
    DID_NOT_ATTEND = "did_not_attend"
    CANCELLED_LATE = "cancelled_late"

    @property
    def label(self) -> str:
        return {
            "attended": "Attended",
            "partial": "Attended part",
            "did_not_attend": "Did not attend",
            "cancelled_late": "Cancelled late",
        }[self.value]


def new_calendar_uid() -> str:
    return f"{uuid.uuid4()}@heads-together"


class TrainingSession(TimestampMixin, db.Model):
    """One delivery of a programme. Not `Session`: that word belongs to SQLAlchemy and Flask."""

    __tablename__ = "training_sessions"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("capacity >= 1", name="capacity_positive"),
        CheckConstraint("sequence >= 0", name="sequence_not_negative"),
        #: sessions in start order (ties by id, as lists order them), with what the
        #: dashboard sums over the coming weeks, so it reads this index alone (PostgreSQL
        #: and SQLite alike: an index-only scan)
        Index(
            "ix_training_sessions_starts_at",
            "starts_at",
            "id",
            "status",
            "programme_id",
            "seats_held",
            "seats_accepted",
        ),
        #: only sessions not yet closed: the dashboard's "to close" list reads the few whose
        #: day has passed, not every session ever held
        Index(
            "ix_training_sessions_live_starts_at",
            "starts_at",
            sqlite_where=text(LIVE_SQL),
            postgresql_where=text(LIVE_SQL),
        ),
        #: drafts only: the dashboard's count of drafts in the coming weeks
        Index(
            "ix_training_sessions_drafts",
            "starts_at",
            sqlite_where=text("status = 'draft'"),
            postgresql_where=text("status = 'draft'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venues.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: a link for this session only; otherwise the venue's meeting link is used
    meeting_url: Mapped[str] = mapped_column(String(500), default="")
    capacity: Mapped[int]
    learners_count: Mapped[int | None]
    status: Mapped[SessionStatus] = mapped_column(
        enum_type(SessionStatus, "session_status"), default=SessionStatus.DRAFT, index=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    what_to_bring: Mapped[str] = mapped_column(Text, default="")
    #: stable for ever, so calendars update the same event rather than add another
    calendar_uid: Mapped[str] = mapped_column(String(80), unique=True, default=new_calendar_uid)
    #: iCalendar SEQUENCE: rises on every change a calendar shows (time, place, status)
    sequence: Mapped[int] = mapped_column(default=0)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: seats held (offered or accepted) and accepted, kept by the database: triggers on
    #: `assignments` (migration b7e5f2a9c8d4) move them with every seat added, answered,
    #: moved or removed, in the same transaction. Read them in queries; never set them (an
    #: object loaded before a change to its seats holds the old figures).
    seats_held: Mapped[int] = mapped_column(default=0, server_default="0")
    seats_accepted: Mapped[int] = mapped_column(default=0, server_default="0")

    programme: Mapped[Programme] = relationship(lazy="joined", innerjoin=True)
    venue: Mapped[Venue | None] = relationship(lazy="joined")
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="Assignment.id"
    )

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_online(self) -> bool:
        return self.venue is None or self.venue.is_online

    @property
    def joining_link(self) -> str:
        return self.meeting_url or (self.venue.meeting_url if self.venue else "")

    def move_to(self, target: SessionStatus) -> None:
        if not self.status.can_become(target):
            raise IllegalTransition("session", self.status, target)
        self.status = target

    def __repr__(self) -> str:
        return f"<TrainingSession {self.id} {self.starts_at:%Y-%m-%d %H:%M}>"


class Assignment(TimestampMixin, db.Model):
    """A seat filled: a person offered (or holding) a delivery role in a session."""

    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("session_id", "person_id"),
        CheckConstraint("attended_minutes >= 0", name="attended_minutes_not_negative"),
        CheckConstraint("travel_minutes >= 0", name="travel_minutes_not_negative"),
        Index("ix_assignments_person_id", "person_id"),
        #: only unanswered offers: the coordinator's "waiting for an answer" list
        Index(
            "ix_assignments_open_offers",
            "offered_at",
            sqlite_where=text("offer_status = 'offered'"),
            postgresql_where=text("offer_status = 'offered'"),
        ),
        #: only answered offers, newest answer first: the dashboard's "answers in the last
        #: 7 days" stops after a few rows instead of sorting every seat ever answered
        Index(
            "ix_assignments_answered",
            "responded_at",
            "id",
            sqlite_where=text(ANSWERED_SQL),
            postgresql_where=text(ANSWERED_SQL),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    delivery_role_id: Mapped[int] = mapped_column(ForeignKey("delivery_roles.id"))
    offer_status: Mapped[OfferStatus] = mapped_column(
        enum_type(OfferStatus, "offer_status"), default=OfferStatus.OFFERED
    )
    offered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attendance: Mapped[Attendance | None] = mapped_column(enum_type(Attendance, "attendance"))
    attended_minutes: Mapped[int | None]
    #: paid travel time the coordinator recorded with the attendance
    travel_minutes: Mapped[int] = mapped_column(default=0, server_default="0")
    #: who last confirmed the attendance: where two people are needed, not its pay's approver
    attendance_confirmed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    #: a coordinator's written reason for booking despite a hard rule
    override_reason: Mapped[str] = mapped_column(Text, default="")
    #: what the person's last "no" replaced (offered or accepted), so they can undo it for a
    #: while (trainer/offers/answers.py); empty once undone or when nothing can be undone
    undo_status: Mapped[OfferStatus | None] = mapped_column(enum_type(OfferStatus, "undo_status"))

    session: Mapped[TrainingSession] = relationship(back_populates="assignments")
    person: Mapped[Person] = relationship(lazy="joined", innerjoin=True)
    delivery_role: Mapped[DeliveryRole] = relationship(lazy="joined", innerjoin=True)

    def __repr__(self) -> str:
        return f"<Assignment s{self.session_id} p{self.person_id} {self.offer_status.value}>"
