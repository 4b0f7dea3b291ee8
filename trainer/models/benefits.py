"""Benefit rules' figures as data: the ESA permitted work amounts, one row per tax year."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, String
from sqlalchemy.orm import Mapped, mapped_column

from trainer.extensions import db
from trainer.models.base import TimestampMixin


class EsaAmountRow(TimestampMixin, db.Model):
    """ESA permitted work for one tax year: net pay up to `weekly_pence` a week, and work
    for fewer than `hours_under_minutes` a week (16 hours)."""

    __tablename__ = "esa_permitted_work_amounts"
    __table_args__ = (
        CheckConstraint("weekly_pence >= 0", name="weekly_pence_not_negative"),
        CheckConstraint("hours_under_minutes > 0", name="hours_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 6 April of the tax year
    tax_year_starts_on: Mapped[date] = mapped_column(Date, unique=True)
    weekly_pence: Mapped[int]
    hours_under_minutes: Mapped[int] = mapped_column(default=16 * 60)
    #: where the figure comes from (e.g. a gov.uk page), shown beside it
    source: Mapped[str] = mapped_column(String(300), default="")
