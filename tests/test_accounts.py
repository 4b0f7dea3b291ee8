"""Accounts people run themselves: invitations, password resets, Disable and Enable with a
confirmation, and two-step verification with recovery codes."""

import email
import email.policy
import re

import pyotp
import pytest
from sqlalchemy import select

from tests import factories
from tests.helpers import page_errors, signed_in_browser
from trainer.auth import two_step
from trainer.clock import utc_now
from trainer.models import AuditEvent, User


@pytest.fixture
def outbox(app, tmp_path, monkeypatch):
    folder = tmp_path / "outbox"
    monkeypatch.setitem(app.config, "MAIL_OUTBOX_DIR", str(folder))
    return folder


def last_link(outbox, to: str) -> str:
    for path in sorted(outbox.glob("*.eml"), reverse=True):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if message["To"] == to:
            return re.search(r"https?://[^/]+(/set-password/\S+)", message.get_content()).group(1)
    raise AssertionError(f"no email to {to}")


def test_a_new_account_gets_an_invitation_and_sets_its_own_password(app, db, outbox):
    admin = factories.make_user(roles={"admin"})
    db.session.commit()
    browser = signed_in_browser(app, admin)
    response = browser.post(
        "/admin/accounts/new", data={"email": "New.Person@example.org", "roles": ["finance"]}
    )
    assert response.status_code == 302
    link = last_link(outbox, "new.person@example.org")
    invited = app.test_client()
    assert (
        invited.post(
            "/sign-in", data={"email": "new.person@example.org", "password": "anything-at-all"}
        ).status_code
        == 200
    )  # no password yet: nobody can sign in
    page = invited.get(link).get_data(as_text=True)
    assert "Set your password" in page and "new.person@example.org" in page
    mismatch = invited.post(link, data={"password": "a-new-secret", "confirm": "other"})
    assert page_errors(mismatch) == ["The two passwords are not the same"]
    saved = invited.post(link, data={"password": "a-new-secret", "confirm": "a-new-secret"})
    assert saved.status_code == 302 and saved.location == "/sign-in"
    signed_in = invited.post(
        "/sign-in", data={"email": "new.person@example.org", "password": "a-new-secret"}
    )
    assert signed_in.status_code == 302
    assert app.test_client().get(link).status_code == 410  # used once


def test_a_forgotten_password_is_reset_by_email_and_signs_out_everywhere(app, db, outbox):
    user = factories.make_user(roles={"coordinator"})
    db.session.commit()
    elsewhere = signed_in_browser(app, user)
    browser = app.test_client()
    page = browser.post("/sign-in/forgotten-password", data={"email": user.email})
    assert "Check your email" in page.get_data(as_text=True)
    link = last_link(outbox, user.email)
    assert browser.post(link, data={"password": "short", "confirm": "short"}).status_code == 200
    browser.post(link, data={"password": "brand-new-pass", "confirm": "brand-new-pass"})
    assert elsewhere.get("/coordinator").status_code == 302
    again = browser.post("/sign-in", data={"email": user.email, "password": "brand-new-pass"})
    assert again.status_code == 302


def test_a_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(app, db, outbox):
    page = app.test_client().post(
        "/sign-in/forgotten-password", data={"email": "nobody@example.org"}
    )
    assert "Check your email" in page.get_data(as_text=True)
    assert not list(outbox.glob("*.eml"))


def test_disabling_asks_first_then_signs_the_account_out(app, db):
    admin, user = factories.make_user(roles={"admin"}), factories.make_user()
    db.session.commit()
    theirs = signed_in_browser(app, user)
    browser = signed_in_browser(app, admin)
    confirm = browser.get(f"/admin/accounts/{user.id}/disable").get_data(as_text=True)
    assert f"Disable {user.email}?" in confirm and "Disable the account" in confirm
    assert browser.post(f"/admin/accounts/{user.id}/disable").status_code == 302
    assert theirs.get("/coordinator").status_code == 302
    db.session.expire_all()
    assert not db.session.get(User, user.id).is_enabled
    assert browser.post(f"/admin/accounts/{user.id}/enable").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).is_enabled
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.entity_type == "users")
    ).all()
    assert {"account.disabled", "account.enabled"} <= set(actions)


def test_an_admin_cannot_disable_their_own_account(app, db):
    admin = factories.make_user(roles={"admin"})
    db.session.commit()
    browser = signed_in_browser(app, admin)
    response = browser.post(f"/admin/accounts/{admin.id}/disable")
    assert "You cannot disable your own account" in response.get_data(as_text=True)


def _code(secret: str, steps_ahead: int = 0) -> str:
    step = int(utc_now().timestamp()) // 30 + steps_ahead
    return pyotp.TOTP(secret).at(step * 30)


def test_two_step_verification_for_finance_with_recovery_codes(app, db):
    user = factories.make_user(roles={"finance"})
    db.session.commit()
    browser = signed_in_browser(app, user)
    setup = browser.get("/account/two-step").get_data(as_text=True)
    secret = re.search(r'class="ht-reference">([A-Z2-7]+)<', setup).group(1)
    assert "<svg" in setup  # the QR code
    wrong = browser.post("/account/two-step", data={"code": "000000"})
    assert page_errors(wrong) == [two_step.WRONG_CODE]
    shown = browser.post("/account/two-step", data={"code": _code(secret)})
    codes = re.findall(r'<span class="ht-reference">([a-z2-9-]{14})</span>', shown.get_data(True))
    assert len(codes) == 10
    browser.post("/sign-out")
    password = {"email": user.email, "password": factories.PASSWORD}
    first = browser.post("/sign-in", data=password)
    assert first.location == "/sign-in/code"
    assert browser.get("/finance").status_code == 302  # not signed in until the code
    assert browser.post("/sign-in/code", data={"code": _code(secret)}).status_code == 200  # used
    assert browser.post("/sign-in/code", data={"code": _code(secret, 1)}).status_code == 302
    assert browser.get("/finance").status_code == 200
    browser.post("/sign-out")
    browser.post("/sign-in", data=password)
    assert browser.post("/sign-in/code", data={"code": codes[0]}).status_code == 302
    browser.post("/sign-out")
    browser.post("/sign-in", data=password)
    reused = browser.post("/sign-in/code", data={"code": codes[0]})
    assert reused.status_code == 200 and page_errors(reused)


def test_two_step_is_offered_to_admin_and_finance_only(app, db):
    coordinator = factories.make_user(roles={"coordinator"})
    db.session.commit()
    browser = signed_in_browser(app, coordinator)
    assert "Two-step verification" not in browser.get("/account").get_data(as_text=True)
    assert browser.get("/account/two-step").status_code == 403
