"""Money owed: pay rates, pay lines with their workflow, expense claims, reference numbers."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.domain import IllegalTransition
from trainer.extensions import db
from trainer.models.base import TimestampMixin, enum_type
from trainer.models.people import Person
from trainer.models.programmes import DeliveryRole, Programme
from trainer.models.sessions import Assignment, TrainingSession
from trainer.models.types import UTCDateTime


class FeeBasis(enum.Enum):
    PER_SESSION = "per_session"
    PER_HOUR = "per_hour"

    @property
    def label(self) -> str:
        return {"per_session": "per session", "per_hour": "per hour"}[self.value]


class PayRate(TimestampMixin, db.Model):
    """Pay for one delivery role on one programme, in force from..to (both inclusive)."""

    __tablename__ = "pay_rates"
    __table_args__ = (
        UniqueConstraint("programme_id", "delivery_role_id", "effective_from"),
        CheckConstraint("delivery_pence >= 0", name="delivery_not_negative"),
        CheckConstraint("preparation_minutes >= 0", name="preparation_not_negative"),
        CheckConstraint("preparation_pence_per_hour >= 0", name="prep_rate_not_negative"),
        CheckConstraint("travel_pence_per_hour >= 0", name="travel_rate_not_negative"),
        CheckConstraint("pence_per_mile >= 0", name="mileage_not_negative"),
        CheckConstraint(
            "late_cancellation_percent BETWEEN 0 AND 100", name="late_cancellation_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    delivery_role_id: Mapped[int] = mapped_column(ForeignKey("delivery_roles.id"))
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)
    fee_basis: Mapped[FeeBasis] = mapped_column(
        enum_type(FeeBasis, "fee_basis"), default=FeeBasis.PER_SESSION
    )
    #: pence per session, or per hour when fee_basis is per_hour
    delivery_pence: Mapped[int] = mapped_column(default=0)
    preparation_minutes: Mapped[int] = mapped_column(default=0)
    preparation_pence_per_hour: Mapped[int] = mapped_column(default=0)
    travel_pence_per_hour: Mapped[int] = mapped_column(default=0)
    pence_per_mile: Mapped[int] = mapped_column(default=45)
    late_cancellation_percent: Mapped[int] = mapped_column(default=100)
    #: why an expert by experience is paid less than a facilitator for the same work
    equal_pay_reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    programme: Mapped[Programme] = relationship(lazy="joined", innerjoin=True)
    delivery_role: Mapped[DeliveryRole] = relationship(lazy="joined", innerjoin=True)


class LineStatus(enum.Enum):
    PENDING = "pending"
    APPROVED = "approved"
    PAID = "paid"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    def can_become(self, target: LineStatus) -> bool:
        return target in LINE_TRANSITIONS[self]


LINE_TRANSITIONS = {
    LineStatus.PENDING: {LineStatus.APPROVED, LineStatus.REJECTED},
    LineStatus.APPROVED: {LineStatus.PAID, LineStatus.REJECTED},
    LineStatus.PAID: set(),
    LineStatus.REJECTED: set(),
}


class LineAlreadyPaid(IllegalTransition):
    """Paid money is never changed: correct it with an adjustment line."""


class LineAlreadyRejected(IllegalTransition):
    """A rejected line is closed; a new claim or an adjustment replaces it."""


class LineNotApproved(IllegalTransition):
    """Only approved lines are paid."""


class LineAlreadyApproved(IllegalTransition):
    """An approved line is not approved again (nor moved back to pending)."""


class LineUnchanged(IllegalTransition):
    """A move to the status the line already has."""


def illegal_line_move(current: LineStatus, target: LineStatus) -> IllegalTransition:
    """The named error for one forbidden move."""
    if current is LineStatus.PAID:
        error = LineAlreadyPaid
    elif current is LineStatus.REJECTED:
        error = LineAlreadyRejected
    elif current is target:
        error = LineUnchanged
    elif target is LineStatus.PAID:
        error = LineNotApproved
    else:
        error = LineAlreadyApproved
    return error("pay line", current, target)


class LineKind(enum.Enum):
    DELIVERY = "delivery"
    PREPARATION = "preparation"
    TRAVEL_TIME = "travel_time"
    EXPENSE = "expense"

    @property
    def label(self) -> str:
        return {
            "delivery": "Delivery",
            "preparation": "Preparation",
            "travel_time": "Travel time",
            "expense": "Expense",
        }[self.value]


#: how the pay core names a late-cancellation fee (trainer/money/pay.py), kept on the line
LATE_CANCELLATION = "Late cancellation"


class ExpenseKind(enum.Enum):
    MILEAGE = "mileage"
    PUBLIC_TRANSPORT = "public_transport"
    PARKING = "parking"
    SUPPORT_WORKER = "support_worker"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "mileage": "Mileage",
            "public_transport": "Public transport",
            "parking": "Parking",
            "support_worker": "Support worker",
            "other": "Other",
        }[self.value]


class Expense(TimestampMixin, db.Model):
    """A cost claimed back; its money is a pay line of kind expense (never earnings)."""

    __tablename__ = "expenses"
    __table_args__ = (
        CheckConstraint("amount_pence >= 0", name="amount_not_negative"),
        CheckConstraint("miles >= 0", name="miles_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    kind: Mapped[ExpenseKind] = mapped_column(enum_type(ExpenseKind, "expense_kind"))
    incurred_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(200), default="")
    miles: Mapped[Decimal] = mapped_column(Numeric(7, 1), default=Decimal(0))
    pence_per_mile: Mapped[int] = mapped_column(default=45)
    amount_pence: Mapped[int] = mapped_column(default=0)
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: the receipt as uploaded: shown name, stored (random) name under instance/receipts
    receipt_filename: Mapped[str] = mapped_column(String(200), default="")
    receipt_stored_as: Mapped[str] = mapped_column(String(80), default="")
    receipt_content_type: Mapped[str] = mapped_column(String(40), default="")
    receipt_bytes: Mapped[int] = mapped_column(default=0)

    person: Mapped[Person] = relationship(lazy="joined", innerjoin=True)
    session: Mapped[TrainingSession | None] = relationship()


class PaymentLine(TimestampMixin, db.Model):
    """Money owed to one person: integer pence, with a status moved only by the workflow.

    One line per (assignment, kind, sequence): sequence 0 is the line worked out when the
    session was marked delivered; later sequences are adjustments made after a line was paid.
    """

    __tablename__ = "payment_lines"
    __table_args__ = (
        UniqueConstraint("assignment_id", "kind", "sequence"),
        UniqueConstraint("expense_id"),
        Index("ix_payment_lines_status_starts_at", "status", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignments.id"))
    expense_id: Mapped[int | None] = mapped_column(ForeignKey("expenses.id"))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programmes.id"))
    kind: Mapped[LineKind] = mapped_column(enum_type(LineKind, "line_kind"))
    sequence: Mapped[int] = mapped_column(default=0)
    is_adjustment: Mapped[bool] = mapped_column(default=False)
    #: when the work was done (the session's start; an expense's day at noon)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: minutes worked; an adjustment holds the difference (so it may be negative)
    minutes: Mapped[int] = mapped_column(default=0)
    rate_pence: Mapped[int] = mapped_column(default=0)
    fee_basis: Mapped[FeeBasis] = mapped_column(
        enum_type(FeeBasis, "line_fee_basis"), default=FeeBasis.PER_HOUR
    )
    amount_pence: Mapped[int]
    #: payroll, invoice, voucher, charity or expenses
    method: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[LineStatus] = mapped_column(
        enum_type(LineStatus, "line_status"), default=LineStatus.PENDING
    )
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rejected_reason: Mapped[str] = mapped_column(Text, default="")
    pay_run_id: Mapped[int | None] = mapped_column(ForeignKey("pay_runs.id"), index=True)
    paid_on: Mapped[date | None] = mapped_column(Date)
    payment_reference: Mapped[str] = mapped_column(String(80), default="")
    #: the other line a rejection refers to ("claimed twice: see that line")
    related_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("payment_lines.id", ondelete="SET NULL")
    )

    person: Mapped[Person] = relationship(lazy="joined", innerjoin=True)
    session: Mapped[TrainingSession | None] = relationship()
    related_line: Mapped[PaymentLine | None] = relationship(
        remote_side=[id], foreign_keys=[related_line_id]
    )
    assignment: Mapped[Assignment | None] = relationship()
    expense: Mapped[Expense | None] = relationship()
    programme: Mapped[Programme | None] = relationship()
    pay_run: Mapped[PayRun | None] = relationship(back_populates="lines")  # noqa: F821

    @property
    def is_late_cancellation(self) -> bool:
        """A fee for a session the person was ready to deliver, cancelled at short notice."""
        return self.kind is LineKind.DELIVERY and LATE_CANCELLATION in self.description

    @property
    def work_label(self) -> str:
        return "Late cancellation" if self.is_late_cancellation else self.kind.label

    def move_to(self, target: LineStatus) -> None:
        if not self.status.can_become(target):
            raise illegal_line_move(self.status, target)
        self.status = target


class ReferenceCounter(db.Model):
    """The last number handed out per series; locked FOR UPDATE so numbers never repeat."""

    __tablename__ = "reference_counters"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    last_value: Mapped[int] = mapped_column(default=0)
