"""Requests crafted by hand (ids too large for the database, blank choices) answer 4xx with
the service's own pages, never a 500, and change nothing."""

import pytest

from tests import factories
from tests.helpers import page_errors, row, signed_in_browser
from trainer.models import Person

TOO_LARGE = "2147483648"  # one more than an integer column holds


@pytest.fixture
def team(db):
    programme = factories.make_programme()
    role = programme.seats[0].delivery_role
    person = factories.make_person(roles=[role], name="Robin Crafted")
    session = factories.make_session(programme=programme)
    factories.make_assignment(session=session, person=person, role=role)
    trainer = factories.make_user(roles={"trainer"}, person=person)
    db.session.commit()
    return {"person": person, "session": session, "role": role, "trainer": trainer}


def test_answering_an_offer_that_cannot_exist_is_not_found(app, team):
    browser = signed_in_browser(app, team["trainer"])
    response = browser.post(f"/home/offers/{TOO_LARGE}", data={"answer": "yes"})
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/finance/lines", "/finance/lines.csv"])
def test_a_pay_run_filter_that_cannot_exist_is_ignored(app, team, path):
    browser = signed_in_browser(app, factories.make_user(roles={"finance"}))
    response = browser.get(f"{path}?pay_run={TOO_LARGE}")
    assert response.status_code == 200


@pytest.mark.parametrize("wanted", [TOO_LARGE, "-1", "abc", "1e3"])
def test_claiming_for_a_person_who_cannot_exist_claims_for_the_team(app, team, wanted):
    browser = signed_in_browser(app, factories.make_user(roles={"coordinator"}))
    session = team["session"]
    response = browser.get(f"/sessions/{session.id}/expenses/new?person={wanted}")
    assert response.status_code == 200
    assert "Robin Crafted" in response.get_data(as_text=True)


def test_a_people_filter_by_a_role_that_cannot_exist_shows_everyone(app, team):
    browser = signed_in_browser(app, factories.make_user(roles={"coordinator"}))
    response = browser.get(f"/people/?role={TOO_LARGE}")
    assert response.status_code == 200
    assert "Robin Crafted" in response.get_data(as_text=True)


def _person_form(**changes) -> dict:
    data = {
        "full_name": "Robin Crafted",
        "preferred_contact": "email",
        "preferred_format": "plain",
        "payment_choice": "paid_payroll",
    }
    return data | changes


def test_an_empty_role_choice_is_no_role(app, db, team):
    browser = signed_in_browser(app, factories.make_user(roles={"coordinator"}))
    person = team["person"]
    response = browser.post(f"/people/{person.id}/edit", data=_person_form(delivery_roles=""))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Person, person.id).delivery_roles == []


@pytest.mark.parametrize("value", [TOO_LARGE, "x", "-3", "999999"])
def test_a_role_that_cannot_exist_is_a_form_error(app, db, team, value):
    browser = signed_in_browser(app, factories.make_user(roles={"coordinator"}))
    person = team["person"]
    before = row(db, Person, person.id)
    response = browser.post(
        f"/people/{person.id}/edit", data=_person_form(full_name="Changed", delivery_roles=value)
    )
    assert response.status_code == 200
    assert page_errors(response) == ["Choose roles they can fill from the list"]
    assert row(db, Person, person.id) == before
