"""Weekly and monthly earnings in local time, across clock changes, against caps."""

from datetime import UTC, date, datetime
from functools import partial
from zoneinfo import ZoneInfo

import pytest

from trainer.money import earnings
from trainer.money.earnings import Caps, iso_week
from trainer.money.expenses import ExpenseKind, ExpenseLine
from trainer.money.pay import LineKind, PayLine, PayMethod
from trainer.money.rates import FeeBasis

#: the examples are in the organisation's usual zone
LONDON = ZoneInfo("Europe/London")
weekly_totals = partial(earnings.weekly_totals, zone=LONDON)
monthly_totals = partial(earnings.monthly_totals, zone=LONDON)
caps_passed = partial(earnings.caps_passed, zone=LONDON)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def line(
    starts_at: datetime,
    amount: int,
    *,
    minutes: int = 60,
    person: int = 1,
    kind: LineKind = LineKind.DELIVERY,
    session: str | None = None,
) -> PayLine:
    return PayLine(
        person=person,
        session_ref=session or starts_at.isoformat(),
        starts_at=starts_at,
        programme="Tier 1",
        delivery_role="co-trainer",
        kind=kind,
        minutes=minutes,
        rate_pence=amount,
        fee_basis=FeeBasis.PER_SESSION,
        amount_pence=amount,
        method=PayMethod.PAYROLL,
        description="Delivery",
    )


def by_period(totals):
    return {
        (t.person, t.period): (t.pay_pence, t.minutes, t.sessions, t.expenses_pence) for t in totals
    }


def test_march_clock_change_puts_a_sunday_night_utc_session_in_the_monday_week():
    # Clocks go forward at 01:00 UTC on Sunday 30 March 2025.
    lines = [
        line(utc(2025, 3, 30, 22, 30), 1_000),  # 23:30 BST Sunday: week 13
        line(utc(2025, 3, 30, 23, 30), 2_000),
    ]  # 00:30 BST Monday: week 14
    assert by_period(weekly_totals(lines)) == {
        (1, "2025-W13"): (1_000, 60, 1, 0),
        (1, "2025-W14"): (2_000, 60, 1, 0),
    }


def test_october_clock_change_keeps_sunday_sessions_in_their_own_week():
    # Clocks go back at 01:00 UTC on Sunday 26 October 2025; 00:30 UTC is 01:30 BST.
    lines = [
        line(utc(2025, 10, 19, 23, 30), 100),  # 00:30 BST Monday 20 October
        line(utc(2025, 10, 26, 0, 30), 200),  # 01:30 BST Sunday, first time round
        line(utc(2025, 10, 26, 1, 30), 400),  # 01:30 GMT Sunday, second time round
        line(utc(2025, 10, 26, 23, 30), 800),
    ]  # 23:30 GMT Sunday
    assert by_period(weekly_totals(lines)) == {(1, "2025-W43"): (1_500, 240, 4, 0)}


def test_months_follow_the_local_day():
    lines = [
        line(utc(2025, 3, 31, 23, 30), 100),  # 00:30 BST 1 April
        line(utc(2025, 10, 31, 23, 30), 200),
    ]  # 23:30 GMT 31 October
    assert set(by_period(monthly_totals(lines))) == {(1, "2025-04"), (1, "2025-10")}


def test_expenses_are_totalled_apart_from_pay():
    expense = ExpenseLine(1, date(2025, 6, 4), ExpenseKind.PARKING, "Parking", 650)
    totals = weekly_totals([line(utc(2025, 6, 2, 9), 5_000)], [expense])
    assert by_period(totals) == {(1, "2025-W23"): (5_000, 60, 1, 650)}


def test_people_are_kept_apart_and_preparation_is_not_a_session():
    lines = [
        line(utc(2025, 6, 2, 9), 100, session="S1"),
        line(utc(2025, 6, 2, 9), 50, session="S1", kind=LineKind.PREPARATION),
        line(utc(2025, 6, 2, 9), 70, person=2),
    ]
    assert by_period(weekly_totals(lines)) == {
        (1, "2025-W23"): (150, 120, 1, 0),
        (2, "2025-W23"): (70, 60, 1, 0),
    }


def test_iso_week_spans_monday_to_sunday_across_new_year():
    assert iso_week(date(2026, 1, 1)) == ("2026-W01", date(2025, 12, 29), date(2026, 1, 4))


WEEK = [utc(2025, 6, 2, 9), utc(2025, 6, 4, 9)]  # Monday and Wednesday of 2025-W23


@pytest.mark.parametrize(("second", "passed"), [(9_775, []), (9_776, [1])])
def test_weekly_pay_cap_reached_exactly_is_not_passed(second, passed):
    lines = [line(WEEK[0], 9_775), line(WEEK[1], second)]
    found = caps_passed(lines, {1: Caps(pence_per_week=19_550)})
    assert [f.over_by for f in found] == passed
    assert all(f.measure == "pence_per_week" and f.period == "2025-W23" for f in found)


@pytest.mark.parametrize(("minutes", "passed"), [(480, False), (481, True)])
def test_weekly_minutes_cap(minutes, passed):
    lines = [line(WEEK[0], 1, minutes=480), line(WEEK[1], 1, minutes=minutes)]
    assert bool(caps_passed(lines, {1: Caps(minutes_per_week=960)})) is passed


@pytest.mark.parametrize(("sessions", "passed"), [(2, False), (3, True)])
def test_weekly_sessions_cap(sessions, passed):
    lines = [line(utc(2025, 6, 2 + day, 9), 1) for day in range(sessions)]
    assert bool(caps_passed(lines, {1: Caps(sessions_per_week=2)})) is passed


@pytest.mark.parametrize(("last", "passed"), [(10_000, []), (10_001, [1])])
def test_monthly_pay_cap_counts_weeks_across_the_month(last, passed):
    lines = [line(utc(2025, 6, 2, 9), 20_000), line(utc(2025, 6, 30, 9), last)]
    found = caps_passed(lines, {1: Caps(pence_per_month=30_000)})
    assert [(f.period, f.over_by) for f in found] == [("2025-06", n) for n in passed]


def test_no_caps_means_nothing_is_flagged():
    lines = [line(WEEK[0], 10_000_000, minutes=10_000)]
    assert caps_passed(lines, {}) == []
    assert caps_passed(lines, {1: Caps()}) == []
