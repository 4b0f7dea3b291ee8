"""Team building reads each person's benefit situation: ESA weeks, Universal Credit periods
by the expected pay day, and their payment choice."""

from dataclasses import replace
from datetime import date

from tests.teams.factories import (
    AUTISTIC,
    booking_of,
    london,
    make_context,
    make_person,
    make_session,
)
from trainer.money.limits import EsaAmount, Situation
from trainer.teams.rules import check_candidate

ESA = (EsaAmount(date(2025, 4, 6), 19550),)


def hard(session, person, bookings=(), context=None):
    context = context or replace(make_context(), esa_amounts=ESA, pay_day_of_month=25)
    evaluation = check_candidate(session, AUTISTIC, person, list(bookings), set(), context)
    return [(reason.code, reason.message) for reason in evaluation.hard]


def test_esa_permitted_work_pay_is_checked_per_week_with_the_tax_years_amount():
    person = make_person(situation=Situation.ESA)
    monday = booking_of(make_session(id=2, starts_at=london(2026, 3, 2, 10), pay=15000))
    friday = make_session(starts_at=london(2026, 3, 6, 10), pay=5000)
    assert hard(friday, person, [monday]) == [
        (
            "esa_pay",
            "Would earn £200.00 in the week of 2 Mar 2026; ESA permitted work allows up to "
            "£195.50 a week",
        )
    ]
    next_monday = make_session(starts_at=london(2026, 3, 9, 10), pay=5000)
    assert hard(next_monday, person, [monday]) == []


def test_esa_hours_are_counted_even_when_pay_is_declined():
    person = make_person(situation=Situation.ESA, pay_percent=0)
    day = booking_of(make_session(id=2, starts_at=london(2026, 3, 3, 9), minutes=9 * 60))
    [(code, message)] = hard(
        make_session(starts_at=london(2026, 3, 4, 9), minutes=7 * 60, pay=90000), person, [day]
    )
    assert code == "esa_hours" and message.startswith("Would work 16 h in the week of 2 Mar 2026")


def test_a_reduced_fee_counts_at_its_share():
    person = make_person(situation=Situation.ESA, pay_percent=50)
    assert hard(make_session(starts_at=london(2026, 3, 4, 9), pay=39000), person) == []
    [(code, _)] = hard(make_session(starts_at=london(2026, 3, 4, 9), pay=39200), person)
    assert code == "esa_pay"


def test_universal_credit_counts_a_session_in_the_period_its_pay_is_expected():
    # paid on the 25th after the work; periods start on the 20th
    person = make_person(situation=Situation.UNIVERSAL_CREDIT, uc_start_day=20, uc_pence=30000)
    early = booking_of(make_session(id=2, starts_at=london(2027, 2, 26, 10), pay=20000))
    # worked 26 Feb: paid 25 Mar (period 20 Mar – 19 Apr); worked 10 Mar: paid 25 Mar too
    same_pay_day = make_session(starts_at=london(2027, 3, 10, 10), pay=20000)
    [(code, message)] = hard(same_pay_day, person, [early])
    assert code == "uc_pay"
    assert (
        "£400.00 in their Universal Credit assessment period 20 Mar 2027 to 19 Apr 2027" in message
    )
    # worked 20 Feb: paid 25 Feb, the period before
    before = booking_of(make_session(id=3, starts_at=london(2027, 2, 20, 10), pay=20000))
    assert hard(same_pay_day, person, [before]) == []
