"""When people can work and whom they work with: weekly patterns, dated unavailability,
"do not pair" marks and preferred partners. Team building reads these as plain facts."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models.base import TimestampMixin
from trainer.models.people import Person
from trainer.models.types import UTCDateTime

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class AvailabilityWindow(db.Model):
    """Part of a weekly pattern: a local wall-clock window on one weekday.

    A person with no windows has no pattern recorded and may be offered any time.
    """

    __tablename__ = "availability_windows"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        Index("ix_availability_windows_person_id", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    #: 0 is Monday, as in Python's date.weekday()
    weekday: Mapped[int]
    #: local times in the organisation's zone; an end of 00:00 means midnight
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)

    person: Mapped[Person] = relationship()

    @property
    def day_name(self) -> str:
        return WEEKDAYS[self.weekday]

    def __repr__(self) -> str:
        return (
            f"<AvailabilityWindow p{self.person_id} {self.weekday} "
            f"{self.start_time}-{self.end_time}>"
        )


class UnavailablePeriod(TimestampMixin, db.Model):
    """Dated unavailability: leave, an appointment, a hospital stay."""

    __tablename__ = "unavailable_periods"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        Index("ix_unavailable_periods_person_id_ends_at", "person_id", "ends_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(200), default="")

    person: Mapped[Person] = relationship()

    @property
    def last_moment(self) -> datetime:
        """The last instant of time off (it ends at `ends_at`, midnight for whole days)."""
        return self.ends_at - timedelta(seconds=1)

    def __repr__(self) -> str:
        return f"<UnavailablePeriod p{self.person_id} {self.starts_at:%Y-%m-%d}>"


class DoNotPair(db.Model):
    """A coordinator's mark that two people must not be in one team (stored once per pair)."""

    __tablename__ = "do_not_pairs"
    __table_args__ = (
        UniqueConstraint("person_id", "other_person_id"),
        CheckConstraint("person_id < other_person_id", name="ordered_pair"),
        Index("ix_do_not_pairs_other_person_id", "other_person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the lower id of the two, so a pair has one row whichever side it was set from
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    other_person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    other_person: Mapped[Person] = relationship(foreign_keys=[other_person_id])

    def partner_of(self, person: Person) -> Person:
        return self.other_person if person.id == self.person_id else self.person


class PreferredPartner(db.Model):
    """Someone a person asked to work with (one way: Sam may ask for Ann, not the reverse)."""

    __tablename__ = "preferred_partners"
    __table_args__ = (
        CheckConstraint("person_id <> partner_id", name="not_self"),
        Index("ix_preferred_partners_partner_id", "partner_id"),
    )

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    partner_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    partner: Mapped[Person] = relationship(foreign_keys=[partner_id])
