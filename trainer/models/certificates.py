"""Certificates for learners who attended a whole session: what each said when issued."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models.bookings import Booking
from trainer.models.types import UTCDateTime


class Certificate(db.Model):
    """An issued certificate never changes: its words are kept as issued, so it downloads the
    same for ever. A correction withdraws it; a new one names the one it replaces."""

    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"), index=True)
    #: the verification code printed on it, e.g. 7KQ4-M2XD-9RT3
    code: Mapped[str] = mapped_column(String(20), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))
    learner_name: Mapped[str] = mapped_column(String(120))
    programme: Mapped[str] = mapped_column(String(120))
    tier: Mapped[str] = mapped_column(String(40), default="")
    session_on: Mapped[date] = mapped_column(Date)
    delivery_mode: Mapped[str] = mapped_column(String(20))
    provider: Mapped[str] = mapped_column(String(160))

    booking: Mapped[Booking] = relationship()
    replaces: Mapped[Certificate | None] = relationship(remote_side=[id])

    @property
    def is_valid(self) -> bool:
        return self.withdrawn_at is None
