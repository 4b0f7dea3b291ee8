"""With CSRF protection on (as in production), a POST needs the token from the form page."""

import re

from sqlalchemy import func, select

from tests import factories
from trainer.models import AuditEvent, SignInAttempt, TrainingSession, Venue

REFUSED = "There is a problem with your request"
VENUE = {
    "name": "Quayside Hall",
    "is_online": "no",
    "address_line1": "2 Quay Street",
    "postcode": "EX4 4QY",
    "town": "Exampletown",
}


def token_from(response) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.get_data(as_text=True))
    assert match, "the page has no CSRF token"
    return match.group(1)


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def sign_in(client, user) -> None:
    token = token_from(client.get("/sign-in"))
    response = client.post(
        "/sign-in", data={"email": user.email, "password": factories.PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_sign_in_without_a_token_is_refused_and_not_counted(csrf_client, db):
    user = factories.make_user()
    response = csrf_client.post(
        "/sign-in", data={"email": user.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert REFUSED in body and "govuk-heading-l" in body
    assert count(db, SignInAttempt) == 0
    assert csrf_client.get("/coordinator").status_code == 302  # not signed in


def test_sign_in_with_a_forged_token_is_refused(csrf_client, db):
    user = factories.make_user()
    csrf_client.get("/sign-in")
    response = csrf_client.post(
        "/sign-in",
        data={"email": user.email, "csrf_token": "forged", "password": factories.PASSWORD},
    )
    assert response.status_code == 400
    assert count(db, SignInAttempt) == 0


def test_sign_in_with_the_token_from_the_form_works(csrf_client, db):
    sign_in(csrf_client, factories.make_user())
    assert csrf_client.get("/coordinator").status_code == 200
    assert count(db, SignInAttempt) == 1


def test_coordinator_form_without_a_token_saves_nothing(csrf_client, db):
    sign_in(csrf_client, factories.make_user())
    before = count(db, Venue), count(db, AuditEvent)
    response = csrf_client.post("/venues/new", data=VENUE)
    assert response.status_code == 400
    assert REFUSED in response.get_data(as_text=True)
    assert (count(db, Venue), count(db, AuditEvent)) == before


def test_coordinator_form_with_the_token_saves(csrf_client, db):
    sign_in(csrf_client, factories.make_user())
    token = token_from(csrf_client.get("/venues/new"))
    response = csrf_client.post("/venues/new", data={**VENUE, "csrf_token": token})
    assert response.status_code == 302
    assert db.session.scalar(select(Venue.name)) == "Quayside Hall"


def test_token_from_another_browser_is_refused(csrf_client, app, db):
    other = app.test_client()
    stolen = token_from(other.get("/sign-in"))
    sign_in(csrf_client, factories.make_user())
    response = csrf_client.post("/venues/new", data={**VENUE, "csrf_token": stolen})
    assert response.status_code == 400
    assert count(db, Venue) == 0


def test_button_forms_need_the_token_too(csrf_client, db):
    session = factories.make_session()
    factories.make_full_team(session)  # a draft is scheduled only with its team ready
    sign_in(csrf_client, factories.make_user())
    path = f"/sessions/{session.id}/status"
    assert csrf_client.post(path, data={"status": "scheduled"}).status_code == 400
    assert csrf_client.post("/sign-out").status_code == 400
    assert db.session.scalar(select(TrainingSession.status)).value == "draft"
    page = csrf_client.get(f"/sessions/{session.id}")
    response = csrf_client.post(path, data={"status": "scheduled", "csrf_token": token_from(page)})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(TrainingSession.status)).value == "scheduled"
