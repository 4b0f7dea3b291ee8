"""Person forms: bad input is explained and saves nothing; good input saves."""

import pytest
from sqlalchemy import select

from tests import factories
from tests.factories import person_data
from tests.helpers import BOLD, SCRIPT, count, refused, row, saved
from trainer.models import (
    AuditEvent,
    PaymentChoice,
    Person,
)
from trainer.models.people import person_delivery_roles, person_qualifications

# --- people -------------------------------------------------------------------------------


@pytest.fixture
def team(db):
    roles = factories.make_trio()
    programme = factories.make_programme(roles=roles)
    saved(db)
    return roles, programme


PERSON_CASES = {
    "empty name": ({"full_name": ""}, "Enter their full name"),
    "long name": ({"full_name": "x" * 121}, "Full name must be 120 characters or fewer"),
    "script name": ({"full_name": SCRIPT}, "Full name must not contain HTML or code."),
    "bold known as": ({"known_as": BOLD}, "Known as must not contain HTML or code."),
    "bad email": (
        {"email": "jamie-at-example"},
        "Enter an email address in the right format, like name@example.org",
    ),
    "tampered contact": ({"preferred_contact": "carrier_pigeon"}, "Not a valid choice."),
    "no format": ({"preferred_format": ""}, "Choose how they like information"),
    "letters role": (
        {"delivery_roles": ["abc"]},
        "Choose roles they can fill from the list",
    ),
    "unknown role": (
        {"delivery_roles": ["999999"]},
        "Choose roles they can fill from the list",
    ),
    "unknown programme": (
        {"qualifications": ["999999"]},
        "Choose programmes they are trained to deliver from the list",
    ),
    "tampered access": (
        {"access_needs": ["jetpack"]},
        "'jetpack' is not a valid choice for this field.",
    ),
    "reduced without percent": (
        {"payment_choice": "reduced"},
        "Enter the percentage of the usual fee they want.",
    ),
    "percent too big": (
        {"payment_choice": "reduced", "reduced_percent": "101"},
        "Percentage of the usual fee must be between 0 and 100",
    ),
    "percent letters": (
        {"payment_choice": "reduced", "reduced_percent": "half"},
        "Percentage of the usual fee must be a whole number, like 12",
    ),
    "charity without name": (
        {"payment_choice": "charity"},
        "Enter the name of the charity to pay.",
    ),
    "copies without email": (
        {"supporter_name": "Chris", "supporter_gets_copies": "y"},
        "Enter the supporter's email address to send them copies.",
    ),
    "bad pounds": (
        {"max_pence_per_week": "12.345"},
        "Own limit: most pay in a week, in pounds must be an amount in pounds, like 195.50",
    ),
    "negative pounds": (
        {"max_pence_per_month": "-5"},
        "Own limit: most pay in a calendar month, in pounds must be an amount in pounds, "
        "like 195.50",
    ),
    "too many hours": (
        {"max_hours_per_week": "81"},
        "Own limit: most hours of work in a week must be between 0 and 80",
    ),
    "letters sessions": (
        {"max_sessions_per_week": "two"},
        "Most sessions in a week must be a whole number, like 12",
    ),
    "declined without a date": (
        {"payment_choice": "declined", "payment_choice_informed": "y"},
        "Enter the day they chose to decline or reduce their pay.",
    ),
    "declined, not told": (
        {"payment_choice": "declined", "payment_choice_made_on": "2026-01-05"},
        "Confirm they know what working unpaid or for less can mean, and chose it.",
    ),
    "Universal Credit without a start day": (
        {"benefit_situation": "universal_credit", "uc_monthly_limit_pence": "411"},
        "Enter the day of the month their assessment period starts.",
    ),
    "Universal Credit without an amount": (
        {"benefit_situation": "universal_credit", "uc_period_start_day": "15"},
        "Enter the most pay they want in one assessment period.",
    ),
    "start day 32": (
        {"benefit_situation": "universal_credit", "uc_period_start_day": "32"},
        "Universal Credit: the day of the month their assessment period starts must be "
        "between 1 and 31",
    ),
    "own limit with nothing": (
        {"max_hours_per_week": "", "max_pence_per_week": ""},
        "Enter at least one limit of their own: hours or pay in a week, or pay in a month.",
    ),
    "unknown situation": ({"benefit_situation": "jsa"}, "Not a valid choice."),
    "script notes": ({"notes": SCRIPT}, "Notes must not contain HTML or code."),
    "long notes": ({"notes": "x" * 2001}, "Notes must be 2000 characters or fewer"),
}


def person_rows(db, person_id) -> tuple:
    roles = db.session.execute(
        select(person_delivery_roles).where(person_delivery_roles.c.person_id == person_id)
    ).all()
    programmes = db.session.execute(
        select(person_qualifications).where(person_qualifications.c.person_id == person_id)
    ).all()
    return row(db, Person, person_id), sorted(roles), sorted(programmes)


@pytest.mark.parametrize(("changes", "message"), PERSON_CASES.values(), ids=PERSON_CASES)
def test_bad_person_is_not_created(client, login, db, team, changes, message):
    login("coordinator")
    refused(client.post("/people/new", data=person_data(team, **changes)), message)
    assert count(db, Person, person_delivery_roles, AuditEvent) == (0, 0, 0)


def test_person_email_is_unique(client, login, db, team):
    factories.make_person(email="JAMIE@example.org")
    saved(db)
    login("coordinator")
    refused(
        client.post("/people/new", data=person_data(team)),
        "Someone else already has this email address.",
    )
    assert count(db, Person) == (1,)


@pytest.mark.parametrize(
    "case", ["empty name", "unknown role", "bad pounds", "reduced without percent", "script notes"]
)
def test_bad_person_edit_changes_nothing(client, login, db, team, case):
    person = factories.make_person(
        roles=[team[0][0]], qualified=[team[1]], notes="Keep me", max_pence_per_week=10000
    )
    saved(db)
    before = person_rows(db, person.id)
    login("coordinator")
    changes, message = PERSON_CASES[case]
    refused(client.post(f"/people/{person.id}/edit", data=person_data(team, **changes)), message)
    assert person_rows(db, person.id) == before


def test_person_is_created_with_roles_needs_and_caps(client, login, db, team):
    roles, programme = team
    login("coordinator")
    response = client.post("/people/new", data=person_data(team))
    assert response.status_code == 302
    person = db.session.scalar(select(Person))
    assert response.location == f"/people/{person.id}"
    assert [r.id for r in person.delivery_roles] == [roles[1].id]
    assert [c.id for c in person.qualifications] == [programme.id]
    assert person.access_needs == {"quiet_room"}
    assert (
        person.max_sessions_per_week,
        person.max_minutes_per_week,
        person.max_pence_per_week,
        person.max_pence_per_month,
    ) == (2, 900, 19550, None)
    assert db.session.scalar(select(AuditEvent.action)) == "person.created"


def test_person_edit_saves_changes(client, login, db, team):
    person = factories.make_person(roles=[team[0][0]], name="Sam Old")
    saved(db)
    login("coordinator")
    assert "Sam Old" in client.get(f"/people/{person.id}/edit").get_data(as_text=True)
    data = person_data(
        team,
        full_name="Sam New",
        payment_choice="reduced",
        reduced_percent="50",
        payment_choice_made_on="2026-01-05",
        payment_choice_informed="y",
        delivery_roles=[],
        max_hours_per_week="",
    )
    assert client.post(f"/people/{person.id}/edit", data=data).status_code == 302
    stored, roles, _ = person_rows(db, person.id)
    assert (
        stored["full_name"],
        stored["payment_choice"],
        stored["reduced_percent"],
        stored["max_minutes_per_week"],
    ) == ("Sam New", PaymentChoice.REDUCED, 50, None)
    assert roles == []
