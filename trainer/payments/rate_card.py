"""The rate card: pay rates in the database, read and added (a new rate ends the one before).
A rate that pays an expert by experience below a facilitator for the same work is saved only
with a recorded reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from trainer import audit, signals
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import DeliveryRole, FeeBasis, PayRate, Programme, User
from trainer.money import equal_pay
from trainer.money.rates import FeeBasis as PureFeeBasis
from trainer.money.rates import Rate, rate_from


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
    #: why an expert by experience is paid below a facilitator (needed only then)
    equal_pay_reason: str = ""


@dataclass(frozen=True)
class Finding:
    """An equal-pay shortfall in the users' words, with the reason recorded for it."""

    programme: str
    expert_role: str
    facilitator_role: str
    on: date
    words: str
    expert: str
    facilitator: str
    reason: str


def amount_words(value, unit: str) -> str:
    if unit == "percent":
        return f"{Decimal(str(value)).normalize():f}%"  # 12.5%, 50%: exact, never a float
    pence = round(value)
    return f"£{pence // 100:,}.{pence % 100:02d}"


def expert_roles() -> set[str]:
    query = select(DeliveryRole.id).where(DeliveryRole.is_lived_experience.is_(True))
    return {str(i) for i in db.session.scalars(query)}


def programme_minutes() -> dict[str, int]:
    return {str(p.id): p.duration_minutes for p in db.session.scalars(select(Programme))}


def shortfalls_if_added(
    programme: Programme, role: DeliveryRole, details: RateDetails
) -> list[Finding]:
    """The shortfalls a new rate would make on its first day, involving its role."""
    day = details.effective_from
    rows = list_rates(programme.id)
    rates = [
        _ended(rate_from(row), day) if row.delivery_role_id == role.id else rate_from(row)
        for row in rows
    ]
    rates.append(_as_rate(programme, role, details))
    key = str(role.id)
    found = equal_pay.shortfalls(rates, expert_roles(), on=day, session_minutes=programme_minutes())
    names = {str(r.id): r.name for r in db.session.scalars(select(DeliveryRole))}
    return [
        Finding(
            programme.name,
            names.get(s.expert_role, ""),
            names.get(s.facilitator_role, ""),
            day,
            s.words,
            amount_words(s.expert, s.unit),
            amount_words(s.facilitator, s.unit),
            "",
        )
        for s in found
        if key in (s.expert_role, s.facilitator_role)
    ]


def _ended(rate: Rate, day: date) -> Rate:
    """An earlier rate as it will be once the new one starts on `day`."""
    if rate.effective_from >= day:
        return rate
    if rate.effective_to is None or rate.effective_to >= day:
        return Rate(**{**rate.__dict__, "effective_to": day - timedelta(days=1)})
    return rate


def _as_rate(programme: Programme, role: DeliveryRole, details: RateDetails) -> Rate:
    return Rate(
        programme=str(programme.id),
        delivery_role=str(role.id),
        effective_from=details.effective_from,
        fee_basis=PureFeeBasis(details.fee_basis.value),
        delivery_pence=details.delivery_pence,
        preparation_minutes=details.preparation_minutes,
        preparation_pence_per_hour=details.preparation_pence_per_hour,
        travel_pence_per_hour=details.travel_pence_per_hour,
        late_cancellation_percent=details.late_cancellation_percent,
    )


def add_rate(
    programme: Programme, role: DeliveryRole, details: RateDetails, *, actor: User | None
) -> PayRate:
    """A new rate from a day on; the rate before it ends the day before (past pay is kept)."""
    shortfalls = shortfalls_if_added(programme, role, details)
    if shortfalls and not details.equal_pay_reason.strip():
        first = shortfalls[0]
        raise DomainError(
            f"With this rate, {first.expert_role.lower()} would be paid {first.expert} for "
            f"{first.words}, below {first.facilitator} for {first.facilitator_role.lower()}. "
            "Experts by experience are paid the same as anyone else for the same work. Change "
            "the rate, or record the reason it differs.",
            "equal_pay_reason",
        )
    existing = rates_for(programme.id, role.id)
    if any(row.effective_from >= details.effective_from for row in existing):
        raise DomainError(
            "A rate already starts on or after that day. Choose a later day.", "effective_from"
        )
    for row in existing:
        if row.effective_to is None or row.effective_to >= details.effective_from:
            row.effective_to = details.effective_from - timedelta(days=1)
    values = {**details.__dict__, "equal_pay_reason": details.equal_pay_reason.strip()}
    rate = PayRate(programme=programme, delivery_role=role, **values)
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
        "late_cancellation_percent": rate.late_cancellation_percent,
        "equal_pay_reason": rate.equal_pay_reason,
    }
