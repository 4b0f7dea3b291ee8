"""The rate card: pay rates in the database, read and added (a new rate ends the one before)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from trainer import audit, signals
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import DeliveryRole, FeeBasis, PayRate, Programme, User


def list_rates(programme_id: int | None = None) -> list[PayRate]:
    query = select(PayRate).order_by(
        PayRate.programme_id, PayRate.delivery_role_id, PayRate.effective_from
    )
    if programme_id is not None:
        query = query.where(PayRate.programme_id == programme_id)
    return list(db.session.scalars(query))


def rates_for(programme_id: int, delivery_role_id: int) -> list[PayRate]:
    return list(
        db.session.scalars(
            select(PayRate).where(
                PayRate.programme_id == programme_id,
                PayRate.delivery_role_id == delivery_role_id,
            )
        )
    )


def rate_row_on(programme_id: int, delivery_role_id: int, day: date) -> PayRate | None:
    """The rate in force on a day, or None."""
    for row in rates_for(programme_id, delivery_role_id):
        if row.effective_from <= day and (row.effective_to is None or day <= row.effective_to):
            return row
    return None


@dataclass(frozen=True)
class RateDetails:
    effective_from: date
    fee_basis: FeeBasis
    delivery_pence: int
    preparation_minutes: int = 0
    preparation_pence_per_hour: int = 0
    travel_pence_per_hour: int = 0
    pence_per_mile: int = 45
    late_cancellation_percent: int = 100


def add_rate(
    programme: Programme, role: DeliveryRole, details: RateDetails, *, actor: User | None
) -> PayRate:
    """A new rate from a day on; the rate before it ends the day before (past pay is kept)."""
    existing = rates_for(programme.id, role.id)
    if any(row.effective_from >= details.effective_from for row in existing):
        raise DomainError(
            "A rate already starts on or after that day. Choose a later day.", "effective_from"
        )
    for row in existing:
        if row.effective_to is None or row.effective_to >= details.effective_from:
            row.effective_to = details.effective_from - timedelta(days=1)
    rate = PayRate(programme=programme, delivery_role=role, **details.__dict__)
    db.session.add(rate)
    db.session.flush()
    audit.record("pay_rate.created", rate, actor=actor, after=_snapshot(rate))
    change = (
        f"A new {role.name.lower()} rate for {programme.name} from "
        f"{details.effective_from.day} {details.effective_from:%B %Y}"
    )
    signals.pay_rate_added.send(rate, rate=rate, actor=actor, change=change)
    return rate


def _snapshot(rate: PayRate) -> dict:
    return {
        "programme_id": rate.programme_id,
        "delivery_role_id": rate.delivery_role_id,
        "effective_from": rate.effective_from.isoformat(),
        "fee_basis": rate.fee_basis.value,
        "delivery_pence": rate.delivery_pence,
        "preparation_minutes": rate.preparation_minutes,
        "preparation_pence_per_hour": rate.preparation_pence_per_hour,
        "travel_pence_per_hour": rate.travel_pence_per_hour,
        "pence_per_mile": rate.pence_per_mile,
    }
