"""Earnings per person per ISO week and per calendar month, checked against caps.

Weeks start on Monday and months on the 1st, both judged on the session's local day in
the organisation's zone (the TIMEZONE setting), so a session at 00:30 BST on a
Monday belongs to that Monday's week although it is still Sunday in UTC. Pay lines count
as earnings; expenses are totalled apart and never count towards a cap. A cap is
*passed* only when a total goes over it: reaching it exactly is allowed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo

from trainer.money.expenses import ExpenseLine
from trainer.money.pay import LineKind, PayLine, PersonKey, local_day


@dataclass(frozen=True)
class Caps:
    """A person's own limits; None means no limit. Caps are data, never constants."""

    sessions_per_week: int | None = None
    minutes_per_week: int | None = None
    pence_per_week: int | None = None
    pence_per_month: int | None = None


@dataclass
class PeriodTotal:
    """One person's totals for one ISO week ("2025-W14") or month ("2025-03")."""

    person: PersonKey
    period: str
    starts_on: date
    ends_on: date
    pay_pence: int = 0
    minutes: int = 0
    sessions: int = 0
    expenses_pence: int = 0
    session_refs: set[str] = field(default_factory=set, repr=False)


@dataclass(frozen=True)
class CapPassed:
    person: PersonKey
    period: str
    measure: str
    limit: int
    actual: int

    @property
    def over_by(self) -> int:
        return self.actual - self.limit


Period = tuple[str, date, date]


def iso_week(day: date) -> Period:
    """The ISO week label and its Monday..Sunday."""
    year, week, weekday = day.isocalendar()
    monday = day - timedelta(days=weekday - 1)
    return f"{year}-W{week:02d}", monday, monday + timedelta(days=6)


def calendar_month(day: date) -> Period:
    """The month label and its first..last day."""
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return f"{day:%Y-%m}", first, following - timedelta(days=1)


def weekly_totals(
    lines: Iterable[PayLine], expenses: Iterable[ExpenseLine] = (), *, zone: tzinfo
) -> list[PeriodTotal]:
    """Pay, minutes, sessions and (apart) expenses per person per ISO week."""
    return _totals(lines, expenses, iso_week, zone)


def monthly_totals(
    lines: Iterable[PayLine], expenses: Iterable[ExpenseLine] = (), *, zone: tzinfo
) -> list[PeriodTotal]:
    """Pay, minutes, sessions and (apart) expenses per person per calendar month."""
    return _totals(lines, expenses, calendar_month, zone)


def caps_passed(
    lines: Iterable[PayLine], caps: Mapping[PersonKey, Caps], *, zone: tzinfo
) -> list[CapPassed]:
    """Every cap some person went over, week by week and month by month.

    To flag a booking before it is made, pass the person's existing lines together with
    the lines the booking would add.
    """
    lines = list(lines)
    found = [
        passed
        for total in weekly_totals(lines, zone=zone)
        for passed in _check(total, caps.get(total.person), _WEEKLY)
    ]
    found += [
        passed
        for total in monthly_totals(lines, zone=zone)
        for passed in _check(total, caps.get(total.person), _MONTHLY)
    ]
    return found


_WEEKLY = (
    ("sessions_per_week", "sessions"),
    ("minutes_per_week", "minutes"),
    ("pence_per_week", "pay_pence"),
)
_MONTHLY = (("pence_per_month", "pay_pence"),)


def _check(
    total: PeriodTotal, caps: Caps | None, measures: tuple[tuple[str, str], ...]
) -> list[CapPassed]:
    if caps is None:
        return []
    found = []
    for cap_name, total_name in measures:
        limit, actual = getattr(caps, cap_name), getattr(total, total_name)
        if limit is not None and actual > limit:
            found.append(CapPassed(total.person, total.period, cap_name, limit, actual))
    return found


def _totals(
    lines: Iterable[PayLine],
    expenses: Iterable[ExpenseLine],
    period_of: Callable[[date], Period],
    zone: tzinfo,
) -> list[PeriodTotal]:
    found: dict[tuple[PersonKey, str], PeriodTotal] = {}

    def total_for(person: PersonKey, day: date) -> PeriodTotal:
        label, starts, ends = period_of(day)
        key = (person, label)
        if key not in found:
            found[key] = PeriodTotal(person, label, starts, ends)
        return found[key]

    for line in lines:
        _add_line(total_for(line.person, local_day(line.starts_at, zone)), line)
    for expense in expenses:
        total_for(expense.person, expense.incurred_on).expenses_pence += expense.amount_pence
    return sorted(found.values(), key=lambda t: (str(t.person), t.starts_on))


def _add_line(total: PeriodTotal, line: PayLine) -> None:
    total.pay_pence += line.amount_pence
    total.minutes += line.minutes
    if line.kind is LineKind.DELIVERY and line.minutes > 0:
        total.session_refs.add(line.session_ref)
        total.sessions = len(total.session_refs)
