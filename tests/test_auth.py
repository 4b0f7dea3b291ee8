"""Signing in and out: generic failures, throttling, safe redirects, cookies, production config."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

import config
from tests import factories
from tests.helpers import page_errors, signed_in_browser
from trainer import create_app
from trainer.clock import utc_now
from trainer.models import SignInAttempt

FAILED = "Enter a correct email address and password."
THROTTLED = "There have been too many attempts to sign in. Wait 15 minutes, then try again."


def throttled(wait: str) -> str:
    return f"There have been too many attempts to sign in. Wait {wait}, then try again."


def sign_in(client, email, password=factories.PASSWORD, *, next=None, address="127.0.0.1"):
    data = {"email": email, "password": password, **({"next": next} if next is not None else {})}
    return client.post("/sign-in", data=data, environ_base={"REMOTE_ADDR": address})


def is_signed_in(client) -> bool:
    return client.get("/my-sessions").status_code == 200


def test_sign_in_goes_to_the_dashboard(client, db):
    user = factories.make_user()
    response = sign_in(client, user.email)
    assert response.status_code == 302
    assert response.location == "/"
    page = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert "Sessions and teams" in page and user.email in page


def test_email_is_matched_whatever_its_case_and_spaces(client, db):
    factories.make_user(email="sam.lee@example.org")
    assert sign_in(client, "  Sam.Lee@EXAMPLE.org ").status_code == 302


@pytest.mark.parametrize("email", ["known", "nobody@example.org"])
def test_a_failed_sign_in_says_the_same_whether_the_account_exists(client, db, email):
    user = factories.make_user()
    response = sign_in(client, user.email if email == "known" else email, "wrong password")
    assert response.status_code == 200
    assert page_errors(response) == [FAILED]
    assert not is_signed_in(client)


def test_empty_sign_in_form_asks_for_both_fields(client, db):
    response = client.post("/sign-in", data={})
    assert page_errors(response) == ["Enter your email address", "Enter your password"]
    assert db.session.scalar(select(func.count()).select_from(SignInAttempt)) == 0


def test_five_failures_lock_the_account_even_with_the_right_password(client, db):
    user = factories.make_user()
    for _ in range(5):
        assert page_errors(sign_in(client, user.email, "wrong password")) == [FAILED]
    response = sign_in(client, user.email.upper())
    assert page_errors(response) == [THROTTLED]
    assert not is_signed_in(client)


def test_locking_one_account_leaves_others_alone(client, db):
    locked, other = factories.make_user(), factories.make_user()
    for _ in range(5):
        sign_in(client, locked.email, "wrong password")
    assert sign_in(client, other.email).status_code == 302


def test_a_success_clears_the_accounts_failures(client, db):
    user = factories.make_user()
    for _ in range(4):
        sign_in(client, user.email, "wrong password")
    assert sign_in(client, user.email).status_code == 302
    client.post("/sign-out")
    for _ in range(4):
        sign_in(client, user.email, "wrong password")
    assert sign_in(client, user.email).status_code == 302


def test_failures_older_than_the_window_are_forgotten(client, db):
    user = factories.make_user()
    long_ago = utc_now() - timedelta(minutes=16)
    db.session.add_all(
        [
            SignInAttempt(
                email=user.email, address="127.0.0.1", succeeded=False, attempted_at=long_ago
            )
            for _ in range(30)
        ]
    )
    db.session.flush()
    assert sign_in(client, user.email).status_code == 302


def test_twenty_failures_from_one_address_block_it_for_every_account(client, db):
    user = factories.make_user()
    for n in range(20):
        assert page_errors(sign_in(client, f"guess{n}@example.org", "wrong")) == [FAILED]
    assert page_errors(sign_in(client, user.email)) == [THROTTLED]
    elsewhere = sign_in(client, user.email, address="203.0.113.7")
    assert elsewhere.status_code == 302


def _failures(db, email: str, minutes_ago: list[int], address="127.0.0.1") -> None:
    db.session.add_all(
        SignInAttempt(
            email=email,
            address=address,
            succeeded=False,
            attempted_at=utc_now() - timedelta(minutes=minutes, seconds=30),
        )
        for minutes in minutes_ago
    )
    db.session.flush()


def test_the_lockout_says_how_long_is_really_left(client, db):
    """Five failures 2 to 10 minutes ago: the oldest of the five leaves the window first."""
    user = factories.make_user()
    _failures(db, user.email, [10, 8, 6, 4, 2])
    assert page_errors(sign_in(client, user.email)) == [throttled("5 minutes")]


def test_the_lockout_follows_the_window_setting(client, db, app, monkeypatch):
    monkeypatch.setitem(app.config, "SIGN_IN_WINDOW_MINUTES", 120)
    user = factories.make_user()
    _failures(db, user.email, [30, 20, 10, 5, 1])
    assert page_errors(sign_in(client, user.email)) == [throttled("1 hour and 30 minutes")]


def test_an_address_lockout_says_its_own_wait(client, db):
    user = factories.make_user()
    _failures(db, "guess@example.org", [14] * 20, address="198.51.100.1")
    response = sign_in(client, user.email, address="198.51.100.1")
    assert page_errors(response) == [throttled("1 minute")]


@pytest.mark.parametrize(
    ("target", "landing"),
    [
        ("/sessions/?status=draft", "/sessions/?status=draft"),
        ("/people/", "/people/"),
        ("https://evil.example/", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("http:/evil.example", "/"),
        ("/\tevil", "/"),
        ("", "/"),
    ],
)
def test_only_same_site_next_addresses_are_followed(client, db, target, landing):
    user = factories.make_user()
    response = sign_in(client, user.email, next=target)
    assert response.status_code == 302
    assert response.location == landing


def test_a_page_that_needs_sign_in_comes_back_after_it(client, db):
    user = factories.make_user()
    to_sign_in = client.get("/people/?q=ab")
    assert to_sign_in.status_code == 302
    form_page = client.get(to_sign_in.location).get_data(as_text=True)
    assert 'name="next" type="hidden" value="/people/?q=ab"' in form_page
    response = sign_in(client, user.email, next="/people/?q=ab")
    assert response.location == "/people/?q=ab"


def test_signed_in_users_are_sent_on_from_the_sign_in_page(client, login):
    login("coordinator")
    response = client.get("/sign-in")
    assert response.status_code == 302 and response.location == "/"


def test_sign_out_is_post_only(client, login):
    login("coordinator")
    assert client.get("/sign-out").status_code == 405
    assert is_signed_in(client)
    response = client.post("/sign-out")
    assert response.status_code == 302 and response.location == "/sign-in"
    assert not is_signed_in(client)


def test_a_disabled_account_is_told_so_and_whom_to_contact(client, db, app):
    user = factories.make_user()
    user.is_enabled = False
    db.session.flush()
    response = sign_in(client, user.email)
    assert page_errors(response) == [
        "Your account is disabled, so you cannot sign in. To use it again, contact "
        f"{app.config['ORG_NAME']} by email at {app.config['ORG_EMAIL']} "
        f"or by phone on {app.config['ORG_PHONE']}."
    ]
    assert not is_signed_in(client)


def test_a_disabled_account_with_a_wrong_password_says_nothing_of_it(client, db):
    user = factories.make_user()
    user.is_enabled = False
    db.session.flush()
    assert page_errors(sign_in(client, user.email, "wrong password")) == [FAILED]


def test_disabling_an_account_ends_its_sessions(client, login, db):
    user = login("coordinator")
    assert is_signed_in(client)
    user.is_enabled = False
    db.session.commit()
    assert client.get("/coordinator").status_code == 302


def test_session_cookie_is_http_only_and_same_site_lax(client, db):
    user = factories.make_user()
    response = sign_in(client, user.email)
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_production_config_sends_cookies_only_over_https(monkeypatch):
    monkeypatch.setattr(config.ProductionConfig, "SECRET_KEY", "a-real-secret-for-this-test")
    app = create_app("production", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert not app.config.get("TESTING") and not app.config.get("DEBUG")
    assert app.config["WTF_CSRF_ENABLED"] is not False
    response = app.test_client().get("/sign-in")  # the CSRF token goes in the session
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "Secure" in cookie and "HttpOnly" in cookie


@pytest.mark.parametrize("secret", [None, ""])
def test_production_refuses_to_start_without_a_secret_key(monkeypatch, secret):
    monkeypatch.setattr(config.ProductionConfig, "SECRET_KEY", secret)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_a_disabled_then_enabled_account_must_sign_in_again(app, client, login, db):

    coordinator = factories.make_user(roles={"coordinator"})
    db.session.commit()
    browser = signed_in_browser(app, coordinator)
    assert browser.get("/coordinator").status_code == 200
    login("admin")
    assert client.post(f"/admin/accounts/{coordinator.id}/disable").status_code == 302
    assert client.post(f"/admin/accounts/{coordinator.id}/enable").status_code == 302
    assert coordinator.is_enabled
    response = browser.get("/coordinator")  # the old session ended when the account was disabled
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert signed_in_browser(app, coordinator).get("/coordinator").status_code == 200


def test_a_new_password_signs_out_every_browser(app, db):

    user = factories.make_user(roles={"coordinator"})
    db.session.commit()
    browser = signed_in_browser(app, user)
    assert browser.get("/coordinator").status_code == 200
    user.set_password("a-brand-new-password")
    db.session.commit()
    assert browser.get("/coordinator").status_code == 302


def test_a_session_from_before_versions_still_works_until_the_first_change(app, db):
    user = factories.make_user(roles={"coordinator"})
    db.session.commit()

    browser = signed_in_browser(app, user)
    with browser.session_transaction() as session:  # as Flask-Login stored it before
        assert session["_user_id"] == f"{user.id}-0"
        session["_user_id"] = str(user.id)
    assert browser.get("/coordinator").status_code == 200
    user.sign_out_everywhere()
    db.session.commit()
    assert browser.get("/coordinator").status_code == 302
