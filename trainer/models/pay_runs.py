"""Pay runs (approved lines paid together) and the letters issued to people."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.extensions import db
from trainer.models.accounts import User
from trainer.models.base import TimestampMixin, enum_type
from trainer.models.money import PaymentLine
from trainer.models.people import Person


class PayRunStatus(enum.Enum):
    OPEN = "open"
    #: finance reopened it on purpose to correct it; its letters are re-issued to close it
    REOPENED = "reopened"
    PAID = "paid"
    #: reopened, and nothing was left in it to pay: its letters are withdrawn
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "open": "Not paid yet",
            "reopened": "Reopened for corrections",
            "paid": "Paid",
            "withdrawn": "Withdrawn",
        }[self.value]


class PayRun(TimestampMixin, db.Model):
    """A batch of approved lines paid together: one merged PDF, one CSV, one payment date."""

    __tablename__ = "pay_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    status: Mapped[PayRunStatus] = mapped_column(
        enum_type(PayRunStatus, "pay_run_status"), default=PayRunStatus.OPEN
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: the planned payment date (on the letters) until paid, then the day it was paid
    paid_on: Mapped[date | None] = mapped_column(Date)
    payment_reference: Mapped[str] = mapped_column(String(80), default="")
    #: why finance reopened it (also in the audit log)
    reopened_reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    created_by: Mapped[User | None] = relationship()
    lines: Mapped[list[PaymentLine]] = relationship(
        back_populates="pay_run", order_by="PaymentLine.id"
    )


class LetterKind(enum.Enum):
    PAYMENT = "payment"
    RECOGNITION = "recognition"

    @property
    def label(self) -> str:
        return {"payment": "Payment letter", "recognition": "Recognition letter"}[self.value]


class LetterRecord(TimestampMixin, db.Model):
    """A letter issued to a person. What it says is frozen in `contents` when it is issued, so
    it downloads the same bytes for ever; a correction is a new letter naming this one."""

    __tablename__ = "letter_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[LetterKind] = mapped_column(enum_type(LetterKind, "letter_kind"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    pay_run_id: Mapped[int | None] = mapped_column(ForeignKey("pay_runs.id"), index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: recognition letters: what it says, kept so the letter reads the same every time
    role_wording: Mapped[str] = mapped_column(String(120), default="")
    programme_name: Mapped[str] = mapped_column(String(120), default="")
    period_from: Mapped[date | None] = mapped_column(Date)
    period_to: Mapped[date | None] = mapped_column(Date)
    sessions_delivered: Mapped[int] = mapped_column(default=0)
    learners_reached: Mapped[int] = mapped_column(default=0)
    minutes_given: Mapped[int] = mapped_column(default=0)
    personal_message: Mapped[str] = mapped_column(Text, default="")
    message_from: Mapped[str] = mapped_column(String(120), default="")
    #: everything the letter says, as issued (see trainer/letters/frozen.py); None only for
    #: letters issued before letters were frozen, which are drawn from the records
    contents: Mapped[dict | None] = mapped_column(JSON)
    #: the letter this one corrects
    replaces_id: Mapped[int | None] = mapped_column(
        ForeignKey("letter_records.id", ondelete="SET NULL"), index=True
    )
    #: the day a correction replaced it, or its pay run was withdrawn
    replaced_on: Mapped[date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship(lazy="joined", innerjoin=True)
    pay_run: Mapped[PayRun | None] = relationship()
    replaces: Mapped[LetterRecord | None] = relationship(
        remote_side=[id], foreign_keys=[replaces_id]
    )
