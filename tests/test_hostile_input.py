"""Hostile input on the sign-in form and anywhere else is refused, changes nothing, and
never comes back unescaped."""

import pytest

from tests.helpers import SCRIPT, count, refused
from trainer.models import (
    Person,
    Programme,
    SignInAttempt,
    TrainingSession,
    User,
    Venue,
)

# --- sign in ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "password": "x"}, "Enter your email address"),
        ({"email": "a@example.org", "password": ""}, "Enter your password"),
        ({"email": "x" * 255, "password": "x"}, "Field cannot be longer than 254 characters."),
        (
            {"email": "a@example.org", "password": "x" * 201},
            "Field cannot be longer than 200 characters.",
        ),
    ],
)
def test_bad_sign_in_form_is_refused_before_any_check(client, db, data, message):
    refused(client.post("/sign-in", data=data), message)
    assert count(db, SignInAttempt) == (0,)


def test_markup_in_the_sign_in_form_is_not_echoed(client, db):
    response = client.post("/sign-in", data={"email": SCRIPT, "password": "x"})
    refused(response, "Enter a correct email address and password.")
    assert "&lt;script&gt;" in response.get_data(as_text=True)


# --- hostile bytes and filters -----------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/programmes/new", "name"),
        ("/venues/new", "name"),
        ("/people/new", "notes"),
        ("/sessions/new", "notes"),
        ("/admin/accounts/new", "email"),
        ("/sign-in", "email"),
    ],
)
def test_nul_bytes_are_refused_on_every_database(client, login, db, path, field):
    if path != "/sign-in":
        login("admin")
    before = count(db, Programme, Venue, Person, TrainingSession, User, SignInAttempt)
    response = client.post(path, data={"name": "Valid name", field: "Jo\x00ey"})
    assert response.status_code == 400
    assert "There is a problem with your request" in response.get_data(as_text=True)
    assert count(db, Programme, Venue, Person, TrainingSession, User, SignInAttempt) == before


def test_nul_bytes_in_a_search_are_refused(client, login, db):
    login("coordinator")
    assert client.get("/people/?q=a%00b").status_code == 400
