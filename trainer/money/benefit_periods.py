"""The periods benefit rules count in: ISO weeks, calendar months, Universal Credit
assessment periods (from each person's claim day), UK tax years, and the day pay for some
work is expected. Pure: dates in, dates out."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

#: (label, first day, last day)
Period = tuple[str, date, date]


def iso_week(day: date) -> Period:
    year, week, weekday = day.isocalendar()
    monday = day - timedelta(days=weekday - 1)
    return f"{year}-W{week:02d}", monday, monday + timedelta(days=6)


def calendar_month(day: date) -> Period:
    first = day.replace(day=1)
    last = first.replace(day=calendar.monthrange(day.year, day.month)[1])
    return f"{day:%Y-%m}", first, last


def _start_in(year: int, month: int, start_day: int) -> date:
    """The period start in a month: the claim day, or the month's last day if it is shorter
    (Universal Credit Regulations 2013, reg. 21)."""
    return date(year, month, min(start_day, calendar.monthrange(year, month)[1]))


def _month_after(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _month_before(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def assessment_period(day: date, start_day: int) -> Period:
    """The Universal Credit assessment period holding `day`, for periods starting on
    `start_day` of each month: e.g. 15 March to 14 April."""
    if not 1 <= start_day <= 31:
        raise ValueError("An assessment period starts on a day from 1 to 31.")
    start = _start_in(day.year, day.month, start_day)
    if day < start:
        start = _start_in(*_month_before(day.year, day.month), start_day)
    following = _start_in(*_month_after(start.year, start.month), start_day)
    return f"AP {start:%Y-%m-%d}", start, following - timedelta(days=1)


def expected_pay_day(worked_on: date, pay_day_of_month: int) -> date:
    """When pay for work on `worked_on` is expected: the next pay day after the work (the
    month's last day when the pay day is past its end)."""
    candidate = _start_in(worked_on.year, worked_on.month, pay_day_of_month)
    if candidate <= worked_on:
        candidate = _start_in(*_month_after(worked_on.year, worked_on.month), pay_day_of_month)
    return candidate


def tax_year_start(day: date) -> date:
    """6 April of the UK tax year holding `day`."""
    start = date(day.year, 4, 6)
    return start if day >= start else date(day.year - 1, 4, 6)


def tax_year_label(starts_on: date) -> str:
    return f"{starts_on.year}/{(starts_on.year + 1) % 100:02d}"
