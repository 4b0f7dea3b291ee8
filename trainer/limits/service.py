"""Recording the benefit rules' figures: a new tax year's ESA permitted work amounts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from trainer import audit, signals
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import EsaAmountRow, User


def list_esa_amounts() -> list[EsaAmountRow]:
    query = select(EsaAmountRow).order_by(EsaAmountRow.tax_year_starts_on.desc())
    return list(db.session.scalars(query))


def add_esa_amount(
    tax_year: int, weekly_pence: int, hours: int, source: str, *, actor: User | None
) -> EsaAmountRow:
    """The figures for the tax year starting on 6 April of `tax_year`; each year once."""
    starts = date(tax_year, 4, 6)
    taken = select(EsaAmountRow.id).where(EsaAmountRow.tax_year_starts_on == starts)
    if db.session.scalar(taken) is not None:
        raise DomainError(
            f"The {tax_year}/{(tax_year + 1) % 100:02d} amount is recorded already.", "tax_year"
        )
    row = EsaAmountRow(
        tax_year_starts_on=starts,
        weekly_pence=weekly_pence,
        hours_under_minutes=hours * 60,
        source=source,
    )
    db.session.add(row)
    db.session.flush()
    audit.record(
        "esa_amount.added",
        row,
        actor=actor,
        after={"tax_year_starts_on": starts.isoformat(), "weekly_pence": weekly_pence},
    )
    change = f"The ESA permitted work amount for {tax_year}/{(tax_year + 1) % 100:02d} was recorded"
    signals.esa_amount_added.send(row, amount=row, actor=actor, change=change)
    return row
