"""Benefit-aware earnings limits: each person's situation as data, checked period by period.

A person is in one situation: no limit; ESA permitted work (hours under 16 and net pay up to
a weekly amount, both tested per week, the amount set per tax year as data); Universal
Credit (earnings count in the assessment period in which they are *paid*, and each person's
periods start on their own claim day); or a limit of their own choosing. A personal limit on
sessions a week can sit beside any of them.

Expenses never count; vouchers do; the person's payment choice is applied (a declined fee
counts nothing, a reduced one its share). Hours count whatever the pay. The rules and their
sources are in docs/benefits.md. Pure: plain values in, plain values out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction
from math import floor

from trainer.money.benefit_periods import (
    Period,
    assessment_period,
    calendar_month,
    iso_week,
    tax_year_start,
)

PersonKey = int | str


class Situation(StrEnum):
    NONE = "none"
    ESA = "esa"
    UNIVERSAL_CREDIT = "universal_credit"
    OWN = "own"


class Measure(StrEnum):
    SESSIONS = "sessions"
    MINUTES = "minutes"
    PENCE = "pence"


class Basis(StrEnum):
    #: the ISO week (Monday to Sunday) of the work
    WORK_WEEK = "work_week"
    #: the calendar month of the work
    WORK_MONTH = "work_month"
    #: the Universal Credit assessment period of the day the pay is received
    PAY_PERIOD = "pay_period"


@dataclass(frozen=True)
class EsaAmount:
    """ESA permitted work for one tax year: pay up to `weekly_pence`, hours under the limit."""

    tax_year_starts_on: date
    weekly_pence: int
    hours_under_minutes: int = 16 * 60


@dataclass(frozen=True)
class Limit:
    code: str
    measure: Measure
    basis: Basis
    #: None: the ESA amount of the period's tax year
    amount: int | None = None
    #: True: the total must stay *under* the amount (ESA hours); else up to it is allowed
    under: bool = False


@dataclass(frozen=True)
class PersonLimits:
    """One person's situation and the figures that go with it."""

    situation: Situation = Situation.NONE
    #: Universal Credit: the day of the month their assessment periods start (their claim day)
    uc_period_start_day: int | None = None
    uc_monthly_pence: int | None = None
    #: a limit of their own choosing
    own_minutes_per_week: int | None = None
    own_pence_per_week: int | None = None
    own_pence_per_month: int | None = None
    #: a workload limit, in any situation
    sessions_per_week: int | None = None
    #: the share of a fee they take: 0 declined or volunteering, a reduced percent, else 100
    pay_percent: int = 100

    def limits(self) -> tuple[Limit, ...]:
        week, month = Basis.WORK_WEEK, Basis.WORK_MONTH
        found = []
        if self.sessions_per_week is not None:
            found.append(
                Limit(
                    "cap_sessions_week", Measure.SESSIONS, Basis.WORK_WEEK, self.sessions_per_week
                )
            )
        if self.situation is Situation.ESA:
            found += [
                Limit("esa_hours", Measure.MINUTES, Basis.WORK_WEEK, under=True),
                Limit("esa_pay", Measure.PENCE, Basis.WORK_WEEK),
            ]
        elif self.situation is Situation.UNIVERSAL_CREDIT and self.uc_monthly_pence is not None:
            found.append(Limit("uc_pay", Measure.PENCE, Basis.PAY_PERIOD, self.uc_monthly_pence))
        elif self.situation is Situation.OWN:
            found += [
                Limit(code, measure, basis, amount)
                for code, measure, basis, amount in (
                    (
                        "cap_minutes_week",
                        Measure.MINUTES,
                        Basis.WORK_WEEK,
                        self.own_minutes_per_week,
                    ),
                    ("cap_pence_week", Measure.PENCE, week, self.own_pence_per_week),
                    ("cap_pence_month", Measure.PENCE, month, self.own_pence_per_month),
                )
                if amount is not None
            ]
        return tuple(found)

    @property
    def has_pay_limit(self) -> bool:
        return any(limit.measure is Measure.PENCE for limit in self.limits())


#: every limit's code, as rules and problems name a booking that would pass it
LIMIT_CODES = (
    "cap_sessions_week",
    "esa_hours",
    "esa_pay",
    "uc_pay",
    "cap_minutes_week",
    "cap_pence_week",
    "cap_pence_month",
)


@dataclass(frozen=True)
class Earning:
    """Pay (or a seat's projected pay) for one person: when worked, when paid."""

    person: PersonKey
    session_ref: str
    worked_on: date
    paid_on: date
    pence: int
    minutes: int
    #: a delivery counts as a session (preparation and travel time do not)
    is_session: bool = True


@dataclass(frozen=True)
class Breach:
    person: PersonKey
    limit: Limit
    period: Period
    allowed: int
    actual: int
    #: the tax year whose ESA amount was used, when it is an earlier year's (no newer one)
    carried_from: date | None = None

    @property
    def over_by(self) -> int:
        return self.actual - self.allowed


def esa_amount_on(amounts: Iterable[EsaAmount], day: date) -> tuple[EsaAmount | None, bool]:
    """The ESA amount for the tax year of `day`, and whether it is carried forward from an
    earlier year because that year's figure is not recorded yet."""
    year = tax_year_start(day)
    earlier = [a for a in amounts if a.tax_year_starts_on <= year]
    if not earlier:
        return None, False
    found = max(earlier, key=lambda a: a.tax_year_starts_on)
    return found, found.tax_year_starts_on != year


def period_of(limit: Limit, earning: Earning, uc_start_day: int | None) -> Period:
    if limit.basis is Basis.WORK_WEEK:
        return iso_week(earning.worked_on)
    if limit.basis is Basis.WORK_MONTH:
        return calendar_month(earning.worked_on)
    return assessment_period(earning.paid_on, uc_start_day or 1)


def most_allowed(
    limit: Limit, period: Period, esa: Sequence[EsaAmount]
) -> tuple[int | None, date | None]:
    """The most a total may reach in `period` (None: no figure known), and the tax year an
    ESA amount was carried from when it is not the period's own."""
    carried = None
    amount = limit.amount
    if amount is None:
        found, is_carried = esa_amount_on(esa, period[1])
        if found is None:
            found, is_carried = EsaAmount(tax_year_start(period[1]), 0), False
            if limit.measure is not Measure.MINUTES:
                return None, None  # no pay figure recorded for any year: nothing to test
        amount = (
            found.hours_under_minutes if limit.measure is Measure.MINUTES else found.weekly_pence
        )
        carried = found.tax_year_starts_on if is_carried else None
    return (amount - 1 if limit.under else amount), carried


# --- pay and totals ---------------------------------------------------------------------


def share(pence: int, percent: int) -> int:
    """`percent` of `pence`, rounded once to the penny, halves away from zero."""
    exact = Fraction(pence * percent, 100)
    return int(floor(abs(exact) + Fraction(1, 2))) * (1 if exact >= 0 else -1)


def measure_of(earning: Earning, measure: Measure) -> int:
    if measure is Measure.SESSIONS:
        return 1 if earning.is_session else 0
    return earning.minutes if measure is Measure.MINUTES else earning.pence


def totals(
    earnings: Iterable[Earning], limit: Limit, uc_start_day: int | None
) -> dict[Period, int]:
    """The limit's measure summed per period (sessions: distinct sessions)."""
    found: dict[Period, int] = {}
    seen: dict[Period, set[str]] = {}
    for earning in earnings:
        period = period_of(limit, earning, uc_start_day)
        if limit.measure is Measure.SESSIONS:
            if not earning.is_session or earning.session_ref in seen.setdefault(period, set()):
                continue
            seen[period].add(earning.session_ref)
        found[period] = found.get(period, 0) + measure_of(earning, limit.measure)
    return found


def breaches(
    earnings: Iterable[Earning],
    limits: Mapping[PersonKey, PersonLimits],
    esa: Sequence[EsaAmount] = (),
    *,
    periods: Iterable[Period] | None = None,
) -> list[Breach]:
    """Every limit some person goes over, period by period (only `periods`, when given)."""
    by_person: dict[PersonKey, list[Earning]] = {}
    for earning in earnings:
        by_person.setdefault(earning.person, []).append(earning)
    wanted = None if periods is None else set(periods)
    found = []
    for person, theirs in by_person.items():
        person_limits = limits.get(person)
        if person_limits is None:
            continue
        for limit in person_limits.limits():
            for period, actual in sorted(
                totals(theirs, limit, person_limits.uc_period_start_day).items(),
                key=lambda item: item[0][1],
            ):
                if wanted is not None and period not in wanted:
                    continue
                allowed, carried = most_allowed(limit, period, esa)
                if allowed is not None and actual > allowed:
                    found.append(Breach(person, limit, period, allowed, actual, carried))
    return found
