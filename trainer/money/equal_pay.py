"""Equal pay: an expert by experience is paid no less than a facilitator for the same work.

Health Education England's guidance for this training: pay must not differ because a person
has a learning disability or is autistic. Pure: rates in, shortfalls out. Each part of pay is
compared on the same footing: the delivery fee for one session of the programme (an hourly fee
times the session's length), the preparation paid per session, travel time per hour and the
late-cancellation share.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from trainer.money.rates import FeeBasis, Rate

#: (key, words, unit) for each part of pay compared
PARTS = (
    ("delivery", "the delivery fee for a session", "pence"),
    ("preparation", "paid preparation for a session", "pence"),
    ("travel", "travel time, per hour", "pence"),
    ("late_cancellation", "the late-cancellation share", "percent"),
)


@dataclass(frozen=True)
class Shortfall:
    """One part of an expert's rate below a facilitator's for the same programme and day."""

    programme: str
    expert_role: str
    facilitator_role: str
    on: date
    part: str
    words: str
    unit: str
    expert: Fraction
    facilitator: Fraction


def parts(rate: Rate, session_minutes: int) -> dict[str, Fraction]:
    """Each part of a rate, on the footing the check compares."""
    fee = Fraction(rate.delivery_pence)
    if rate.fee_basis is FeeBasis.PER_HOUR:
        fee = fee * session_minutes / 60
    return {
        "delivery": fee,
        "preparation": Fraction(rate.preparation_minutes * rate.preparation_pence_per_hour, 60),
        "travel": Fraction(rate.travel_pence_per_hour),
        "late_cancellation": Fraction(rate.late_cancellation_percent),
    }


def shortfalls(
    rates: Iterable[Rate],
    experts: set[str],
    *,
    on: date,
    session_minutes: dict[str, int],
) -> list[Shortfall]:
    """Every part of pay, on `on`, where an expert role's rate is below a facilitator role's
    rate for the same programme. `experts` holds the expert-by-experience roles."""
    in_force = [rate for rate in rates if rate.covers(on)]
    found = []
    for expert in (r for r in in_force if r.delivery_role in experts):
        minutes = session_minutes.get(expert.programme, 60)
        mine = parts(expert, minutes)
        for other in in_force:
            if other.programme != expert.programme or other.delivery_role in experts:
                continue
            theirs = parts(other, minutes)
            found += [
                Shortfall(
                    expert.programme,
                    expert.delivery_role,
                    other.delivery_role,
                    on,
                    key,
                    words,
                    unit,
                    mine[key],
                    theirs[key],
                )
                for key, words, unit in PARTS
                if mine[key] < theirs[key]
            ]
    return found
