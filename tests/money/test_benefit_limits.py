"""The benefit-aware limits, pure: periods, pay days, ESA amounts by tax year, what counts."""

from datetime import date

import pytest

from trainer.money.benefit_periods import assessment_period, expected_pay_day, tax_year_start
from trainer.money.limit_words import breach_words
from trainer.money.limits import (
    Earning,
    EsaAmount,
    PersonLimits,
    Situation,
    breaches,
    esa_amount_on,
    share,
)

ESA = (EsaAmount(date(2024, 4, 6), 18350), EsaAmount(date(2025, 4, 6), 19550))


def earning(worked_on, *, paid_on=None, pence=0, minutes=60, ref="1"):
    return Earning(1, ref, worked_on, paid_on or worked_on, pence, minutes)


@pytest.mark.parametrize(
    ("day", "start_day", "period"),
    [
        (date(2027, 3, 15), 15, (date(2027, 3, 15), date(2027, 4, 14))),
        (date(2027, 3, 14), 15, (date(2027, 2, 15), date(2027, 3, 14))),
        (date(2027, 1, 5), 15, (date(2026, 12, 15), date(2027, 1, 14))),
        # a claim on the 31st: periods start on the last day of shorter months (reg. 21)
        (date(2027, 2, 28), 31, (date(2027, 2, 28), date(2027, 3, 30))),
        (date(2027, 3, 31), 31, (date(2027, 3, 31), date(2027, 4, 29))),
        (date(2027, 4, 30), 31, (date(2027, 4, 30), date(2027, 5, 30))),
        (date(2027, 3, 1), 1, (date(2027, 3, 1), date(2027, 3, 31))),
    ],
)
def test_assessment_periods_start_on_the_claim_day(day, start_day, period):
    _, starts, ends = assessment_period(day, start_day)
    assert (starts, ends) == period


def test_pay_is_expected_on_the_next_pay_day_after_the_work():
    assert expected_pay_day(date(2027, 3, 10), 25) == date(2027, 3, 25)
    assert expected_pay_day(date(2027, 3, 25), 25) == date(2027, 4, 25)
    assert expected_pay_day(date(2027, 2, 10), 31) == date(2027, 2, 28)
    assert expected_pay_day(date(2027, 12, 28), 25) == date(2028, 1, 25)


def test_the_esa_amount_follows_the_tax_year_and_is_carried_forward_until_a_new_one():
    assert tax_year_start(date(2026, 4, 5)) == date(2025, 4, 6)
    assert esa_amount_on(ESA, date(2025, 4, 5)) == (ESA[0], False)
    assert esa_amount_on(ESA, date(2025, 4, 6)) == (ESA[1], False)
    assert esa_amount_on(ESA, date(2026, 6, 1)) == (ESA[1], True)
    assert esa_amount_on(ESA, date(2020, 6, 1)) == (None, False)


def test_esa_pay_up_to_the_amount_is_allowed_and_a_penny_more_is_not():
    limits = {1: PersonLimits(Situation.ESA)}
    week = [earning(date(2025, 6, 2), pence=15000), earning(date(2025, 6, 8), pence=4550)]
    assert breaches(week, limits, ESA) == []
    over = week + [earning(date(2025, 6, 8), pence=1, minutes=0, ref="2")]
    [found] = breaches(over, limits, ESA)
    assert (found.limit.code, found.allowed, found.actual) == ("esa_pay", 19550, 19551)
    assert breach_words(found) == (
        "Earns £195.51 in the week of 2 Jun 2025; ESA permitted work allows up to £195.50 a week"
    )


def test_esa_hours_must_stay_under_sixteen():
    limits = {1: PersonLimits(Situation.ESA)}
    assert breaches([earning(date(2025, 6, 3), minutes=959)], limits, ESA) == []
    [found] = breaches([earning(date(2025, 6, 3), minutes=960)], limits, ESA)
    assert found.limit.code == "esa_hours"
    assert "must stay under 16 h a week" in breach_words(found)


def test_a_year_without_its_amount_says_which_year_it_used():
    [found] = breaches(
        [earning(date(2026, 6, 3), pence=20000)], {1: PersonLimits(Situation.ESA)}, ESA
    )
    assert found.carried_from == date(2025, 4, 6)
    assert "(the 2025/26 amount: no newer one is recorded yet)" in breach_words(found)


def test_universal_credit_counts_pay_in_the_period_it_is_paid():
    limits = {1: PersonLimits(Situation.UNIVERSAL_CREDIT, 15, 30000)}
    first = earning(date(2027, 3, 1), paid_on=date(2027, 3, 16), pence=20000, ref="1")
    # worked in the same week, but paid on the 14th: the period before
    second = earning(date(2027, 3, 2), paid_on=date(2027, 3, 14), pence=20000, ref="2")
    assert breaches([first, second], limits) == []
    # a later pay run date moves the second into the first's period: over
    moved = earning(date(2027, 3, 2), paid_on=date(2027, 3, 15), pence=20000, ref="2")
    [found] = breaches([first, moved], limits)
    assert found.period[1:] == (date(2027, 3, 15), date(2027, 4, 14))
    assert breach_words(found, would=True) == (
        "Would be paid £400.00 in their Universal Credit assessment period 15 Mar 2027 to "
        "14 Apr 2027; they want to keep their Universal Credit pay within £300.00 a period"
    )


def test_no_situation_and_own_limits():
    assert PersonLimits().limits() == ()
    own = PersonLimits(Situation.OWN, own_pence_per_month=1000, sessions_per_week=2)
    assert [limit.code for limit in own.limits()] == ["cap_sessions_week", "cap_pence_month"]
    # figures for another situation are not read
    assert PersonLimits(Situation.NONE, own_pence_per_week=1).limits() == ()


def test_a_payment_choice_share_is_rounded_once():
    assert share(15000, 0) == 0
    assert share(15001, 50) == 7501  # 7500.5 rounds half up
    assert share(15000, 100) == 15000


def test_without_any_recorded_amount_only_the_hours_are_tested():
    limits = {1: PersonLimits(Situation.ESA)}
    found = breaches([earning(date(2025, 6, 3), minutes=960, pence=10**6)], limits, ())
    assert [b.limit.code for b in found] == ["esa_hours"]
