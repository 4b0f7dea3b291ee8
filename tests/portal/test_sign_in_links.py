"""One-time sign-in links: emailed or shown to a coordinator, used once, short-lived, hashed,
rate-limited, and the same answer whether or not an account exists."""

import hashlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.helpers import page_errors
from tests.portal.factories import emails, make_co_trainer
from trainer.auth import links
from trainer.clock import utc_now
from trainer.models import SignInLink

SENT = "If we have an account for that email address, we have sent it a link."


def ask(client, email, address="127.0.0.1"):
    return client.post(
        "/sign-in/link", data={"email": email}, environ_base={"REMOTE_ADDR": address}
    )


def link_in(message) -> str:
    return re.search(r"https?://\S+/sign-in/link/\S+", message.get_content()).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def is_signed_in(client) -> bool:
    return client.get("/home").status_code == 200


def test_a_trainer_asks_for_a_link_and_signs_in_with_it(client, db, outbox):
    who = make_co_trainer()
    response = ask(client, f"  {who.user.email.upper()} ")
    assert response.status_code == 200 and SENT in response.get_data(as_text=True)
    [message] = emails(outbox)
    assert message["To"] == who.user.email and "Hello Jamie." in message.get_content()
    path = path_of(link_in(message))
    page = client.get(path)
    assert page.status_code == 200 and "Sign me in" in page.get_data(as_text=True)
    assert not is_signed_in(client), "opening the link must not spend it or sign in"
    response = client.post(path)
    assert response.status_code == 302 and response.location == "/"
    assert is_signed_in(client)
    assert who.user.last_signed_in_at is not None


def test_a_link_works_once(client, db, outbox):
    who = make_co_trainer()
    ask(client, who.user.email)
    path = path_of(link_in(emails(outbox)[0]))
    assert client.post(path).status_code == 302
    client.post("/sign-out")
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 410
        assert "This link does not work any more" in response.get_data(as_text=True)
    assert not is_signed_in(client)


def test_a_link_stops_working_after_its_time(client, db, outbox):
    who = make_co_trainer()
    ask(client, who.user.email)
    path = path_of(link_in(emails(outbox)[0]))
    link = db.session.scalar(select(SignInLink).where(SignInLink.user_id == who.user.id))
    assert timedelta(minutes=29) < link.expires_at - utc_now() <= timedelta(minutes=30)
    link.expires_at = utc_now() - timedelta(seconds=1)
    db.session.flush()
    assert client.post(path).status_code == 410
    assert not is_signed_in(client)


def test_only_a_hash_of_the_token_is_kept(client, db, outbox):
    who = make_co_trainer()
    ask(client, who.user.email)
    token = path_of(link_in(emails(outbox)[0])).rsplit("/", 1)[1]
    assert len(token) >= 43  # 256 bits, URL-safe base64
    [link] = db.session.scalars(select(SignInLink).where(SignInLink.user_id == who.user.id))
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in repr(vars(link))


def test_the_answer_is_the_same_whether_or_not_there_is_an_account(client, db, outbox):
    factories.make_user(roles={"coordinator"}, email="boss@example.org")
    pages = [
        ask(client, email).get_data(as_text=True)
        for email in ("nobody@example.org", "boss@example.org")
    ]
    assert all(SENT in page for page in pages)
    assert pages[0] == pages[1]
    assert emails(outbox) == [], "no link for unknown or non-trainer accounts"


def test_a_disabled_account_gets_no_link(client, db, outbox):
    who = make_co_trainer()
    who.user.is_enabled = False
    db.session.flush()
    assert SENT in ask(client, who.user.email).get_data(as_text=True)
    assert emails(outbox) == []


@pytest.mark.parametrize(
    ("email", "error"),
    [
        ("", "Enter your email address"),
        ("x" * 255, "Field cannot be longer than 254 characters."),
    ],
)
def test_the_request_form_explains_what_is_wrong(client, db, email, error):
    response = ask(client, email)
    assert response.status_code == 200 and page_errors(response) == [error]


def test_requests_are_limited_per_address_typed(client, db, outbox, app):
    who = make_co_trainer()
    limit = app.config["SIGN_IN_LINK_MAX_PER_ACCOUNT"]
    for n in range(limit):
        ask(client, who.user.email, address=f"10.0.0.{n}")
    response = ask(client, who.user.email, address="10.0.1.1")
    assert page_errors(response) == [links.THROTTLED.format(wait="1 hour")]
    assert len(emails(outbox)) == limit
    assert page_errors(ask(client, "nobody@example.org", address="10.0.1.2")) == []


def test_requests_are_limited_per_network_address(client, db, app, monkeypatch):
    monkeypatch.setitem(app.config, "SIGN_IN_LINK_MAX_PER_ADDRESS", 3)
    for n in range(3):
        assert page_errors(ask(client, f"someone{n}@example.org")) == []
    assert page_errors(ask(client, "someone9@example.org")) == [
        links.THROTTLED.format(wait="1 hour")
    ]
    assert page_errors(ask(client, "someone9@example.org", address="10.9.9.9")) == []


def test_using_a_link_stops_the_others_working(client, db, outbox):
    who = make_co_trainer()
    first = links.create_link(who.user, minutes=30)
    second = links.create_link(who.user, minutes=30)
    db.session.commit()
    assert client.post(f"/sign-in/link/{second}").status_code == 302
    client.post("/sign-out")
    assert client.post(f"/sign-in/link/{first}").status_code == 410


def test_a_link_never_opens_a_coordinator_account(db):
    coordinator = factories.make_user(roles={"coordinator", "trainer"})
    with pytest.raises(links.DomainError):
        links.create_link(coordinator, minutes=30)


@pytest.mark.parametrize("token", ["x", "a" * 43, "a" * 500, "%00", "..%2F..%2Fetc"])
def test_made_up_tokens_do_not_work(client, db, token):
    assert client.get(f"/sign-in/link/{token}").status_code in (404, 410)
    assert client.post(f"/sign-in/link/{token}").status_code in (404, 410)


def test_a_coordinator_shows_a_link_to_pass_on(client, login, db):
    who = make_co_trainer()
    login("coordinator")
    person_page = client.get(f"/people/{who.person.id}").get_data(as_text=True)
    assert "Show a sign-in link to pass on" in person_page
    response = client.post(f"/people/{who.person.id}/sign-in-link", data={"send": "show"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    url = re.search(r'value="(http[^"]+/sign-in/link/[^"]+)"', body).group(1)
    assert 'class="ht-qr"' in body
    link = db.session.scalar(select(SignInLink).where(SignInLink.user_id == who.user.id))
    assert link.created_by_id is not None
    client.post("/sign-out")
    assert client.post(path_of(url)).status_code == 302
    assert is_signed_in(client)


def test_a_coordinator_emails_a_link(client, login, db, outbox):
    who = make_co_trainer()
    login("coordinator")
    response = client.post(f"/people/{who.person.id}/sign-in-link", data={"send": "email"})
    assert response.status_code == 302
    [message] = emails(outbox)
    assert message["To"] == who.user.email and "/sign-in/link/" in message.get_content()


def test_a_coordinator_is_told_when_no_link_can_be_made(client, login, db):
    login("coordinator")
    nobody = factories.make_person(name="No Account")
    response = client.post(
        f"/people/{nobody.id}/sign-in-link", data={"send": "show"}, follow_redirects=True
    )
    assert "No Account has no sign-in account." in response.get_data(as_text=True)
    boss = factories.make_person(name="Boss Person")
    factories.make_user(roles={"admin"}, person=boss)
    db.session.commit()  # as if saved earlier: the refused request rolls its own work back
    response = client.post(
        f"/people/{boss.id}/sign-in-link", data={"send": "show"}, follow_redirects=True
    )
    assert links.NOT_FOR_THIS_ACCOUNT in response.get_data(as_text=True)
    response = client.post(
        f"/people/{boss.id}/sign-in-link", data={"send": "nonsense"}, follow_redirects=True
    )
    assert "Choose to show the link or to email it." in response.get_data(as_text=True)
    assert client.post("/people/999999/sign-in-link", data={"send": "show"}).status_code == 404


def test_requests_older_than_the_window_are_forgotten(client, db, outbox, app):
    from trainer.models import SignInLinkRequest

    who = make_co_trainer()
    for _ in range(app.config["SIGN_IN_LINK_MAX_PER_ACCOUNT"]):
        ask(client, who.user.email)
    for row in db.session.scalars(select(SignInLinkRequest)):
        row.requested_at = utc_now() - timedelta(minutes=61)
    db.session.flush()
    assert page_errors(ask(client, who.user.email)) == []
    assert db.session.scalar(select(func.count()).select_from(SignInLinkRequest)) == 1


def test_a_shown_link_is_never_cached(client, login, db):
    who = make_co_trainer()
    login("coordinator")
    response = client.post(f"/people/{who.person.id}/sign-in-link", data={"send": "show"})
    assert response.headers["Cache-Control"] == "no-store"
