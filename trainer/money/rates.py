"""Pay rates as plain values: which rate is in force on a day, and a rate from a stored row."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from trainer.domain import DomainError


class FeeBasis(StrEnum):
    PER_SESSION = "per_session"
    PER_HOUR = "per_hour"


class NoRateInForce(DomainError):
    """No rate (or more than one) covers the session date."""


@dataclass(frozen=True)
class Rate:
    """Pay for one delivery role on one programme, in force from..to (both inclusive)."""

    programme: str
    delivery_role: str
    effective_from: date
    effective_to: date | None = None
    fee_basis: FeeBasis = FeeBasis.PER_SESSION
    #: pence per session, or pence per hour when fee_basis is PER_HOUR
    delivery_pence: int = 0
    preparation_minutes: int = 0
    preparation_pence_per_hour: int = 0
    travel_pence_per_hour: int = 0
    #: share of the delivery fee paid when a session is cancelled at short notice
    late_cancellation_percent: int = 100

    def __post_init__(self) -> None:
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError("A rate cannot end before it starts.")

    def covers(self, day: date) -> bool:
        ends = self.effective_to
        return self.effective_from <= day and (ends is None or day <= ends)


def rate_on(
    rates: Iterable[Rate],
    on_date: date,
    *,
    programme: str | None = None,
    delivery_role: str | None = None,
) -> Rate:
    """The one rate in force on a day (optionally for a programme and role)."""
    found = [
        r
        for r in rates
        if r.covers(on_date)
        and programme in (None, r.programme)
        and delivery_role in (None, r.delivery_role)
    ]
    if len(found) != 1:
        problem = "No rate is" if not found else "More than one rate is"
        raise NoRateInForce(f"{problem} in force on {on_date.day} {on_date:%B %Y}.", "rate")
    return found[0]


def rate_from(row) -> Rate:
    """A stored rate (any object with a pay rate's columns) as a Rate keyed by the ids of
    its programme and delivery role."""
    return Rate(
        programme=str(row.programme_id),
        delivery_role=str(row.delivery_role_id),
        effective_from=row.effective_from,
        effective_to=row.effective_to,
        fee_basis=FeeBasis(row.fee_basis.value),
        delivery_pence=row.delivery_pence,
        preparation_minutes=row.preparation_minutes,
        preparation_pence_per_hour=row.preparation_pence_per_hour,
        travel_pence_per_hour=row.travel_pence_per_hour,
        late_cancellation_percent=row.late_cancellation_percent,
    )
