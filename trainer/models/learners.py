"""People being trained, the organisations they work for, and each programme's booking rules."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models.accounts import User
from trainer.models.base import TimestampMixin, enum_type
from trainer.models.programmes import Programme
from trainer.models.types import UTCDateTime


class Sector(enum.Enum):
    HEALTH = "health"
    SOCIAL_CARE = "social_care"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"health": "Health", "social_care": "Social care", "other": "Other"}[self.value]


class PartOne(enum.Enum):
    """How we know a learner did Part 1 (the e-learning) before the live session."""

    NOT_YET = "not_yet"
    COMPLETED_ON = "completed_on"
    CERTIFICATE = "certificate"
    DECLARED = "declared"

    @property
    def label(self) -> str:
        return {
            "not_yet": "Not done yet",
            "completed_on": "Completed on a date",
            "certificate": "Certificate uploaded",
            "declared": "Declared by the learner",
        }[self.value]

    @property
    def is_done(self) -> bool:
        return self is not PartOne.NOT_YET


class Employer(TimestampMixin, db.Model):
    """An employer or organisation whose staff are booked onto sessions."""

    __tablename__ = "employers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), unique=True)
    sector: Mapped[Sector] = mapped_column(enum_type(Sector, "sector"), default=Sector.OTHER)
    is_active: Mapped[bool] = mapped_column(default=True)

    contacts: Mapped[list[EmployerContact]] = relationship(
        back_populates="employer", cascade="all, delete-orphan", order_by="EmployerContact.id"
    )

    def __repr__(self) -> str:
        return f"<Employer {self.name}>"


class EmployerContact(db.Model):
    """An account that books for one employer and sees only that employer's learners."""

    __tablename__ = "employer_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    employer_id: Mapped[int] = mapped_column(
        ForeignKey("employers.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    employer: Mapped[Employer] = relationship(back_populates="contacts", lazy="joined")
    user: Mapped[User] = relationship(lazy="joined")


class Learner(TimestampMixin, db.Model):
    """Someone being trained: one record per email address, whoever booked them."""

    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(120))
    #: stored lower-case: the same address is the same learner
    email: Mapped[str] = mapped_column(String(254), unique=True)
    employer_id: Mapped[int | None] = mapped_column(
        ForeignKey("employers.id", ondelete="SET NULL"), index=True
    )
    #: the employer or organisation as the learner gave it (when it is not one we know)
    organisation: Mapped[str] = mapped_column(String(160), default="")
    job_role: Mapped[str] = mapped_column(String(120), default="")
    sector: Mapped[Sector] = mapped_column(enum_type(Sector, "sector"), default=Sector.OTHER)
    part_one: Mapped[PartOne] = mapped_column(
        enum_type(PartOne, "part_one"), default=PartOne.NOT_YET
    )
    part_one_on: Mapped[date | None] = mapped_column(Date)
    #: adjustments they need at a session: shown to the team wherever they are booked
    adjustments: Mapped[str] = mapped_column(Text, default="")
    #: their details were erased (on request, or by the retention rule): a reference remains
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    employer: Mapped[Employer | None] = relationship(lazy="joined")

    @property
    def organisation_name(self) -> str:
        return self.employer.name if self.employer else self.organisation

    def __repr__(self) -> str:
        return f"<Learner {self.email}>"


class PartOneUpload(db.Model):
    """A learner's Part 1 certificate as uploaded (kept in the database, not on one disk)."""

    __tablename__ = "part_one_uploads"

    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(40))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class BookingSettings(db.Model):
    """How a programme takes bookings: tier, cut-off, waiting-list offers, certificates."""

    __tablename__ = "booking_settings"
    __table_args__ = (
        CheckConstraint("cutoff_days BETWEEN 0 AND 90", name="cutoff_days_range"),
        CheckConstraint("offer_hours BETWEEN 1 AND 336", name="offer_hours_range"),
        CheckConstraint("valid_months >= 1", name="valid_months_positive"),
    )

    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), primary_key=True
    )
    #: as learners and commissioners name it, e.g. "Tier 1"
    tier: Mapped[str] = mapped_column(String(40), default="")
    #: listed on the public booking pages
    is_public: Mapped[bool] = mapped_column(default=False)
    #: booking closes this many days before a session starts (0: at the start)
    cutoff_days: Mapped[int] = mapped_column(default=2)
    #: a waiting learner offered a place has this long to confirm it
    offer_hours: Mapped[int] = mapped_column(default=48)
    is_accredited: Mapped[bool] = mapped_column(default=False)
    #: the training category on employers' records (Skills for Care's workforce data set)
    training_category: Mapped[str] = mapped_column(String(120), default="")
    #: a completion is to be renewed after this many months (None: it does not expire)
    valid_months: Mapped[int | None]
    #: what learners must have done or bring, in the joining instructions
    before_you_come: Mapped[str] = mapped_column(Text, default="")

    programme: Mapped[Programme] = relationship(lazy="joined", innerjoin=True)
