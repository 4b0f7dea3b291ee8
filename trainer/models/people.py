"""People who deliver training, with their roles, needs, preferences and caps."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, Date, ForeignKey, String, Table, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.extensions import db
from trainer.models.base import TimestampMixin, enum_type
from trainer.models.programmes import ACCESS_FEATURES, DeliveryRole, Programme
from trainer.models.types import UTCDateTime


class ContactMethod(enum.Enum):
    EMAIL = "email"
    PHONE = "phone"
    TEXT_MESSAGE = "text_message"
    POST = "post"
    VIA_SUPPORTER = "via_supporter"

    @property
    def label(self) -> str:
        return {
            "email": "Email",
            "phone": "Phone call",
            "text_message": "Text message",
            "post": "Letter by post",
            "via_supporter": "Through their supporter",
        }[self.value]


class InformationFormat(enum.Enum):
    EASY_READ = "easy_read"
    PLAIN = "plain"
    LARGE_PRINT = "large_print"

    @property
    def label(self) -> str:
        return {"easy_read": "Easy Read", "plain": "Plain text", "large_print": "Large print"}[
            self.value
        ]


class PaymentChoice(enum.Enum):
    PAID_PAYROLL = "paid_payroll"
    PAID_INVOICE = "paid_invoice"
    HONORARIUM = "honorarium"
    VOUCHER = "voucher"
    REDUCED = "reduced"
    DECLINED = "declined"
    CHARITY = "charity"
    EXPENSES_ONLY = "expenses_only"

    @property
    def label(self) -> str:
        return {
            "paid_payroll": "Paid through payroll",
            "paid_invoice": "Paid on invoice (self-employed)",
            "honorarium": "An honorarium",
            "voucher": "Vouchers",
            "reduced": "Reduced fee",
            "declined": "Declines payment",
            "charity": "Paid to a charity",
            "expenses_only": "Expenses only (volunteer)",
        }[self.value]


class BenefitSituation(enum.Enum):
    """Which earnings limit a person lives under (the rules: docs/benefits.md)."""

    NONE = "none"
    ESA = "esa"
    UNIVERSAL_CREDIT = "universal_credit"
    OWN = "own"

    @property
    def label(self) -> str:
        return {
            "none": "No limit",
            "esa": "ESA permitted work",
            "universal_credit": "Universal Credit",
            "own": "A limit of their own choosing",
        }[self.value]


person_delivery_roles = Table(
    "person_delivery_roles",
    db.metadata,
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "delivery_role_id", ForeignKey("delivery_roles.id", ondelete="CASCADE"), primary_key=True
    ),
)

person_qualifications = Table(
    "person_qualifications",
    db.metadata,
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("programme_id", ForeignKey("programmes.id", ondelete="CASCADE"), primary_key=True),
)


class Person(TimestampMixin, db.Model):
    __tablename__ = "people"
    __table_args__ = (
        CheckConstraint("max_sessions_per_week >= 0", name="sessions_cap_not_negative"),
        CheckConstraint("max_minutes_per_week >= 0", name="minutes_cap_not_negative"),
        CheckConstraint("max_pence_per_week >= 0", name="weekly_pay_cap_not_negative"),
        CheckConstraint("max_pence_per_month >= 0", name="monthly_pay_cap_not_negative"),
        CheckConstraint("reduced_percent BETWEEN 0 AND 100", name="reduced_percent_range"),
        CheckConstraint("uc_period_start_day BETWEEN 1 AND 31", name="uc_start_day_range"),
        CheckConstraint("uc_monthly_limit_pence >= 0", name="uc_limit_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), unique=True
    )
    full_name: Mapped[str] = mapped_column(String(120))
    #: the name they like to be called, used on screens and letters
    known_as: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    postal_address: Mapped[str] = mapped_column(Text, default="")
    preferred_contact: Mapped[ContactMethod] = mapped_column(
        enum_type(ContactMethod, "contact_method"), default=ContactMethod.EMAIL
    )
    preferred_format: Mapped[InformationFormat] = mapped_column(
        enum_type(InformationFormat, "information_format"), default=InformationFormat.PLAIN
    )
    #: Accessible Information Standard: how they communicate and what helps
    communication_needs: Mapped[str] = mapped_column(Text, default="")
    support_needs: Mapped[str] = mapped_column(Text, default="")
    needs_step_free: Mapped[bool] = mapped_column(default=False)
    needs_hearing_loop: Mapped[bool] = mapped_column(default=False)
    needs_quiet_room: Mapped[bool] = mapped_column(default=False)
    needs_accessible_toilet: Mapped[bool] = mapped_column(default=False)
    supporter_name: Mapped[str] = mapped_column(String(120), default="")
    supporter_email: Mapped[str] = mapped_column(String(254), default="")
    supporter_phone: Mapped[str] = mapped_column(String(40), default="")
    #: send the supporter a copy of invites and letters
    supporter_gets_copies: Mapped[bool] = mapped_column(default=False)
    payment_choice: Mapped[PaymentChoice] = mapped_column(
        enum_type(PaymentChoice, "payment_choice"), default=PaymentChoice.PAID_PAYROLL
    )
    reduced_percent: Mapped[int | None]
    charity_name: Mapped[str] = mapped_column(String(120), default="")
    #: the day they made their payment choice: declining or reducing pay is their informed
    #: choice (unpaid work can still be read as evidence of fitness for work)
    payment_choice_made_on: Mapped[date | None] = mapped_column(Date)
    #: they were told what declining or reducing pay can mean for their benefits
    payment_choice_informed: Mapped[bool] = mapped_column(default=False, server_default=false())
    benefit_situation: Mapped[BenefitSituation] = mapped_column(
        enum_type(BenefitSituation, "benefit_situation"),
        default=BenefitSituation.NONE,
        server_default=BenefitSituation.NONE.value,
    )
    #: Universal Credit: the day of the month their assessment periods start (claim day)
    uc_period_start_day: Mapped[int | None]
    #: Universal Credit: their own amount to stay within in an assessment period
    uc_monthly_limit_pence: Mapped[int | None]
    #: a workload limit they set, whatever their benefits; None means no limit
    max_sessions_per_week: Mapped[int | None]
    #: a limit of their own choosing (benefit situation "own"); None means no limit
    max_minutes_per_week: Mapped[int | None]
    max_pence_per_week: Mapped[int | None]
    max_pence_per_month: Mapped[int | None]
    home_latitude: Mapped[float | None]
    home_longitude: Mapped[float | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    is_active: Mapped[bool] = mapped_column(default=True)
    #: erased on their request: the row keeps only a reference (see trainer/privacy/erasure.py)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: the named lead who reads the person's check-ins and answers their calls for support
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User | None] = relationship(  # noqa: F821
        back_populates="person", foreign_keys=[user_id]
    )
    lead: Mapped[User | None] = relationship(foreign_keys=[lead_id])  # noqa: F821
    delivery_roles: Mapped[list[DeliveryRole]] = relationship(
        secondary=person_delivery_roles, order_by="DeliveryRole.sort_order"
    )
    qualifications: Mapped[list[Programme]] = relationship(
        secondary=person_qualifications, order_by="Programme.name"
    )

    @property
    def display_name(self) -> str:
        return self.known_as or self.full_name

    @property
    def access_needs(self) -> frozenset[str]:
        return frozenset(k for k in ACCESS_FEATURES if getattr(self, f"needs_{k}"))

    @property
    def has_support_needs(self) -> bool:
        return bool(self.communication_needs or self.support_needs or self.access_needs)

    @property
    def is_co_trainer(self) -> bool:
        return any(role.is_lived_experience for role in self.delivery_roles)

    def __repr__(self) -> str:
        return f"<Person {self.full_name}>"
