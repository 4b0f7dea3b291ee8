"""Rates: a programme without rates is warned about in plain words (the session page names who
would get £0), every part of pay is set on the rate card, and the equal-pay check."""

from datetime import date
from fractions import Fraction

from sqlalchemy import select

from tests import factories
from tests.helpers import page_errors
from tests.payments.factories import make_rate
from trainer.models import FeeBasis, PayRate, SessionStatus
from trainer.money import equal_pay
from trainer.money.rates import FeeBasis as PureBasis
from trainer.money.rates import Rate


def rate_form(programme, role, **changes) -> dict:
    data = {
        "programme": str(programme.id),
        "role": str(role.id),
        "effective_from": "2020-01-01",
        "fee_basis": "per_session",
        "delivery": "150.00",
        "preparation_minutes": "60",
        "preparation_rate": "20.00",
        "travel_rate": "15.00",
        "pence_per_mile": "45",
        "late_cancellation_percent": "100",
    }
    return data | changes


def test_a_programme_without_rates_is_warned_about_on_the_card_and_the_session(db, client, login):
    facilitator, expert, autistic = factories.make_trio()
    programme = factories.make_programme(roles=[facilitator, expert, autistic], name="New Tier 1")
    make_rate(programme=programme, role=facilitator, delivery_pence=15_000)
    session = factories.make_session(programme=programme, status=SessionStatus.SCHEDULED)
    person = factories.make_person(roles=[expert], name="Sam Rivers")
    factories.make_assignment(session=session, person=person, role=expert)
    db.session.commit()

    login("coordinator")
    page = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "Sam Rivers would get £0: New Tier 1 has no pay rate for " in page
    assert f"Anyone in the {autistic.name.lower()} seat would get £0" in page
    assert f"no pay rate for {facilitator.name.lower()}" not in page
    client.post("/sign-out")

    login("finance")
    card = client.get("/finance/rates").get_data(as_text=True)
    assert "Anyone in them would get £0" in card
    assert f"New Tier 1: no rate for {expert.name.lower()}." in card
    add = f"/finance/rates/new?programme={programme.id}&amp;role={expert.id}"
    assert add in card
    form = client.get(add.replace("&amp;", "&")).get_data(as_text=True)
    assert f'<option value="{expert.id}" selected>' in form
    for role in (expert, autistic):
        saved = client.post("/finance/rates/new", data=rate_form(programme, role))
        assert saved.status_code == 302
    assert "would get £0" not in client.get("/finance/rates").get_data(as_text=True)


def test_finance_sets_every_part_of_pay_with_the_late_cancellation_share(db, client, login):
    programme = factories.make_programme()
    role = programme.seats[0].delivery_role
    login("finance")
    missing = client.post(
        "/finance/rates/new", data=rate_form(programme, role, late_cancellation_percent="")
    )
    assert "Enter late cancellation, percent of the delivery fee" in page_errors(missing)
    too_much = client.post(
        "/finance/rates/new", data=rate_form(programme, role, late_cancellation_percent="120")
    )
    assert page_errors(too_much) and db.session.scalar(select(PayRate)) is None
    ok = client.post(
        "/finance/rates/new",
        data=rate_form(programme, role, fee_basis="per_hour", late_cancellation_percent="60"),
    )
    assert ok.status_code == 302
    rate = db.session.scalar(select(PayRate))
    assert (rate.fee_basis, rate.delivery_pence) == (FeeBasis.PER_HOUR, 15_000)
    assert (rate.preparation_minutes, rate.preparation_pence_per_hour) == (60, 2_000)
    assert (rate.travel_pence_per_hour, rate.pence_per_mile) == (1_500, 45)
    assert rate.late_cancellation_percent == 60
    card = client.get("/finance/rates").get_data(as_text=True)
    assert "60% of the fee" in card and "£150.00 per hour" in card


def _rate(role: str, **values) -> Rate:
    return Rate("p", role, date(2026, 1, 1), **values)


def test_the_equal_pay_check_compares_the_same_work_on_the_same_footing():
    facilitator = _rate("f", fee_basis=PureBasis.PER_HOUR, delivery_pence=3_000)  # £30 an hour
    same = _rate("e", delivery_pence=9_000)  # £90 a session of 3 hours: the same
    less = _rate("x", delivery_pence=8_999, late_cancellation_percent=50)
    found = equal_pay.shortfalls(
        [facilitator, same, less], {"e", "x"}, on=date(2026, 6, 1), session_minutes={"p": 180}
    )
    assert [(s.expert_role, s.part) for s in found] == [
        ("x", "delivery"),
        ("x", "late_cancellation"),
    ]
    assert found[0].expert == 8_999 and found[0].facilitator == Fraction(9_000)
    assert (
        equal_pay.shortfalls([facilitator, same], {"e"}, on=date(2025, 1, 1), session_minutes={})
        == []
    )


def test_a_rate_below_a_facilitators_is_saved_only_with_a_reason(db, client, login):
    facilitator, expert, _ = factories.make_trio()
    programme = factories.make_programme(roles=[facilitator, expert], name="Tier 2 day")
    make_rate(programme=programme, role=facilitator, delivery_pence=20_000)
    db.session.commit()
    login("finance")
    card = client.get("/finance/rates").get_data(as_text=True)
    assert "None: every expert by experience is paid at least" in card

    lower = rate_form(programme, expert, delivery="180.00")
    refused = client.post("/finance/rates/new", data=lower)
    errors = " ".join(page_errors(refused))
    assert "would be paid £180.00 for the delivery fee for a session, below £200.00" in errors
    assert db.session.scalar(select(PayRate).where(PayRate.delivery_role_id == expert.id)) is None

    reason = "They asked for a lower fee to stay within their permitted work limit"
    saved = client.post("/finance/rates/new", data=lower | {"equal_pay_reason": reason})
    assert saved.status_code == 302
    row = db.session.scalar(select(PayRate).where(PayRate.delivery_role_id == expert.id))
    assert row.equal_pay_reason == reason
    card = client.get("/finance/rates").get_data(as_text=True)
    assert "£180.00 for the delivery fee for a session" in card and reason in card

    # a facilitator's rise that leaves the expert behind needs a reason too
    rise = rate_form(programme, facilitator, effective_from="2021-01-01", delivery="250.00")
    assert "below £250.00" in " ".join(page_errors(client.post("/finance/rates/new", data=rise)))
