"""Before an offer: a seat that would take someone over their benefit limit is shown with the
figures, and the coordinator can still offer it with a reason."""

from datetime import date

from tests.helpers import page_errors
from tests.payments.factories import make_rate
from tests.team_factories import team_setup
from trainer.models import Assignment, BenefitSituation, OfferStatus, PaymentChoice


def on_esa_with_a_big_fee(db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    person.benefit_situation = BenefitSituation.ESA
    make_rate(programme=setup.programme, role=setup.autistic, delivery_pence=20_000)
    db.session.commit()
    return setup, person


def test_the_offer_is_refused_with_the_figures_until_a_reason_is_given(client, login, db):
    setup, person = on_esa_with_a_big_fee(db)
    login("coordinator")
    page = client.get(f"/sessions/{setup.session.id}").get_data(as_text=True)
    assert "ESA permitted work allows up to £195.50 a week" in page
    override = f"/sessions/{setup.session.id}/people/{person.id}/override"
    shown = client.get(override).get_data(as_text=True)
    assert "Would earn £200.00 in the week of" in shown
    assert "ESA permitted work allows up to £195.50 a week" in shown
    refused = client.post(override, data={"reason": ""})
    assert refused.status_code == 200 and page_errors(refused)
    assert db.session.query(Assignment).filter_by(person_id=person.id).count() == 0
    made = client.post(override, data={"reason": "She has told the Jobcentre; a one-off week"})
    assert made.status_code == 302
    seat = db.session.query(Assignment).filter_by(person_id=person.id).one()
    assert seat.offer_status is OfferStatus.OFFERED
    assert seat.override_reason == "She has told the Jobcentre; a one-off week"


def test_a_declined_fee_counts_nothing_towards_the_pay_limit(client, login, db):
    setup, person = on_esa_with_a_big_fee(db)
    person.payment_choice = PaymentChoice.DECLINED
    person.payment_choice_made_on, person.payment_choice_informed = date(2026, 1, 12), True
    db.session.commit()
    login("coordinator")
    page = client.get(f"/sessions/{setup.session.id}").get_data(as_text=True)
    assert "ESA permitted work allows up to" not in page
