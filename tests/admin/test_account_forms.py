"""Account forms: bad input is explained and saves nothing; good input saves."""

import pytest
from sqlalchemy import select

from tests import factories
from tests.helpers import SCRIPT, count, refused, row, saved
from trainer.models import SignInLink, User, UserRole

# --- admin accounts -----------------------------------------------------------------------


def account_data(**changes) -> dict:
    data = {
        "email": "new.person@example.org",
        "roles": ["coordinator"],
        "person_id": "",
    }
    return {**data, **changes}


ACCOUNT_CASES = {
    "empty email": ({"email": ""}, "Enter an email address"),
    "bad email": (
        {"email": "new.person"},
        "Enter an email address in the right format, like name@example.org",
    ),
    "long email": (
        {"email": "x" * 250 + "@example.org"},
        "Email address must be 254 characters or fewer",
    ),
    "script email": ({"email": SCRIPT}, "Email address must not contain HTML or code."),
    "no roles": ({"roles": []}, "Choose at least one role"),
    "tampered role": (
        {"roles": ["superuser"]},
        "'superuser' is not a valid choice for this field.",
    ),
    "unknown profile": ({"person_id": "999999"}, "Choose linked trainer profile from the list"),
    "letters profile": ({"person_id": "abc"}, "Choose linked trainer profile from the list"),
}


@pytest.mark.parametrize(("changes", "message"), ACCOUNT_CASES.values(), ids=ACCOUNT_CASES)
def test_bad_account_is_not_created(client, login, db, changes, message):
    login("admin")
    before = count(db, User, UserRole)
    refused(client.post("/admin/accounts/new", data=account_data(**changes)), message)
    assert count(db, User, UserRole) == before


def test_account_emails_are_unique(client, login, db):
    login("admin")
    factories.make_user(email="new.person@example.org")
    saved(db)
    before = count(db, User)
    refused(
        client.post("/admin/accounts/new", data=account_data(email="New.Person@example.org")),
        "An account with this email address already exists.",
    )
    assert count(db, User) == before


def test_a_profile_linked_to_another_account_cannot_be_taken(client, login, db):
    person = factories.make_person()
    factories.make_user(roles={"trainer"}, person=person)
    saved(db)
    login("admin")
    refused(
        client.post("/admin/accounts/new", data=account_data(person_id=str(person.id))),
        "Choose linked trainer profile from the list",
    )


def test_account_is_created_linked_and_invited(client, login, app, db):
    person = factories.make_person(name="Robin Trainer")
    saved(db)
    login("admin")
    data = account_data(roles=["trainer", "finance"], person_id=str(person.id))
    assert client.post("/admin/accounts/new", data=data).status_code == 302
    user = db.session.scalar(select(User).where(User.email == "new.person@example.org"))
    assert user.roles == {factories.Role.TRAINER, factories.Role.FINANCE}
    assert user.person.id == person.id and user.is_enabled and not user.has_password
    invitations = [link for link in user_links(db, user) if link.purpose.value == "invitation"]
    assert len(invitations) == 1


@pytest.mark.parametrize("case", ["empty email", "bad email", "no roles", "tampered role"])
def test_bad_account_edit_changes_nothing(client, login, db, case):
    login("admin")
    user = factories.make_user(roles={"trainer"})
    saved(db)
    before = row(db, User, user.id), user.roles
    changes, message = ACCOUNT_CASES[case]
    data = account_data(**changes)
    refused(client.post(f"/admin/accounts/{user.id}", data=data), message)
    db.session.expire_all()
    assert (row(db, User, user.id), db.session.get(User, user.id).roles) == before


def user_links(db, user):
    return db.session.scalars(select(SignInLink).where(SignInLink.user_id == user.id)).all()


def test_account_edit_changes_roles_and_profile_only(client, login, db):
    login("admin")
    person = factories.make_person()
    user = factories.make_user(roles={"trainer"}, person=person)
    saved(db)
    data = {"email": user.email, "roles": ["coordinator"], "person_id": "", "is_enabled": ""}
    assert client.post(f"/admin/accounts/{user.id}", data=data).status_code == 302
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert (user.roles, user.is_enabled, user.person) == ({factories.Role.COORDINATOR}, True, None)
