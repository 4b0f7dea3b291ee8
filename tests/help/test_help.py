"""The "I need help" button on every co-trainer page: it reaches the coordinator with the
page it came from, and stays open until someone answers it."""

import html
import re

from sqlalchemy import select

from tests import factories
from tests.helpers import signed_in_browser
from tests.portal.factories import emails, make_co_trainer
from trainer import signals
from trainer.help.service import safe_page
from trainer.models import HelpRequest


def words(response) -> str:
    body = re.sub(r"<svg.*?</svg>", "", response.get_data(as_text=True), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def test_every_page_of_a_person_with_a_profile_has_the_button(client, login, db):
    who = make_co_trainer()
    login(who.user)
    for path in ("/home", "/my-sessions", "/my-money", "/my-availability", "/my-calendar"):
        body = client.get(path).get_data(as_text=True)
        assert re.search(r"href=\"/help\?page=(%2F|/)" + path[1:], body), path


def test_staff_without_a_profile_see_no_button(client, login, db):
    login("coordinator")
    assert "I need help" not in client.get("/coordinator").get_data(as_text=True)


def test_asking_for_help_reaches_the_coordinator_with_the_page(client, login, db, outbox):
    who = make_co_trainer()
    login(who.user)
    heard = []
    signals.help_requested.connect(receiver := lambda sender, **kw: heard.append(kw))
    try:
        page = words(client.get("/help?page=/my-money"))
        assert "We will tell the coordinator that you need help." in page
        response = client.post("/help", data={"page": "/my-money", "message": ""})
    finally:
        signals.help_requested.disconnect(receiver)
    assert response.status_code == 302 and response.location == "/my-money"
    [asked] = db.session.scalars(select(HelpRequest))
    assert asked.page == "/my-money" and asked.is_open and asked.person_id == who.person.id
    assert heard[0]["help_request"] is asked
    [mail] = emails(outbox)
    assert mail["Subject"] == "Help needed: Jamie Clarke"
    text = mail.get_body(preferencelist=("plain",)).get_content()
    assert "They were on this page: /my-money" in text
    assert f"/help-requests/{asked.id}" in text
    assert "We have told the coordinator." in words(client.get("/my-money"))
    assert "The coordinator has not answered yet." in words(client.get("/help"))


def test_it_stays_open_until_a_coordinator_answers(app, client, login, db):
    who = make_co_trainer()
    asked = factories.make_help_request(who.person, message="I cannot find my session")
    db.session.commit()
    login("coordinator")
    page = client.get("/help-requests").get_data(as_text=True)
    listed = words(client.get("/help-requests"))
    assert "Jamie Clarke" in listed and "I cannot find my session" in listed
    assert f'href="/help-requests/{asked.id}">Jamie Clarke</a>' in page  # a link, not its markup
    empty = client.post(f"/help-requests/{asked.id}", data={"answer": "  "})
    assert empty.status_code == 200 and "Write what you did to help" in words(empty)
    assert asked.is_open
    done = client.post(f"/help-requests/{asked.id}", data={"answer": "Phoned Jamie."})
    assert done.status_code == 302
    db.session.refresh(asked)
    assert not asked.is_open and asked.answer == "Phoned Jamie."
    assert "Nobody is waiting for help." in words(client.get("/help-requests"))
    again = client.post(f"/help-requests/{asked.id}", data={"answer": "Twice"})
    assert "Someone has already answered" in words(again)
    own = signed_in_browser(app, who.user)
    assert "The coordinator answered on" in words(own.get("/help"))


def test_the_page_kept_is_only_ever_a_page_of_this_app():
    assert safe_page("/my-money?x=1") == "/my-money?x=1"
    for bad in ("https://evil.example/", "//evil.example/", "javascript:alert(1)", "/a\nb", ""):
        assert safe_page(bad) == ""


def test_a_long_message_shows_the_error_summary_and_saves_nothing(client, login, db):
    who = make_co_trainer()
    login(who.user)
    response = client.post("/help", data={"page": "/home", "message": "x" * 2001})
    assert response.status_code == 200
    assert "There is a problem" in words(response)
    assert db.session.scalars(select(HelpRequest)).all() == []


def test_wrong_ids_and_roles(app, client, login, db):
    login("coordinator")
    assert client.get("/help-requests/999999").status_code == 404
    assert client.get("/help").status_code == 403
    finance = signed_in_browser(app, factories.make_user(roles={"finance"}))
    assert finance.get("/help-requests").status_code == 403
