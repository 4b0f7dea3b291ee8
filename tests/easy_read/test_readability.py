"""Every page a co-trainer who chose Easy Read can reach passes the Easy Read check: sentences
of 15 words or fewer on average, dates in words and no week codes, and every action a button
or link that says what it does. Pages are found by following links from the home page, so
new pages (and new links) are checked without being listed here."""

from datetime import timedelta

import pytest

from tests import factories
from tests.easy_read.readability import crawl, problems, sentences
from tests.payments.factories import make_money_records, make_rate
from tests.portal.factories import make_co_trainer, make_seat
from trainer.clock import utc_now
from trainer.models import OfferStatus, SessionStatus, UnavailablePeriod

#: pages a co-trainer can open that are written for staff, with why they are not Easy Read
STAFF_TOOLS = {
    r"^/sessions/\d+/register": "the register is the facilitating trainer's tool",
}
#: "I need help" is the same page from every page: checked once, from the home page
SAME_PAGE = [r"^/help\?page=/(?!home$)"]


@pytest.fixture
def co_trainer(db, client, login, tmp_path, app, monkeypatch):
    """A co-trainer with an offer, sessions to come and done, money, a letter and time off."""
    monkeypatch.setitem(app.config, "MAIL_OUTBOX_DIR", str(tmp_path / "outbox"))
    who = make_co_trainer(max_pence_per_week=19_550)
    make_rate(programme=who.programme, role=who.roles[1])
    make_seat(who, days=6, status=OfferStatus.OFFERED)
    make_seat(who, days=9, status=OfferStatus.ACCEPTED)
    make_seat(who, days=12, status=OfferStatus.ACCEPTED)
    past, _ = make_seat(who, days=-20, status=OfferStatus.ACCEPTED)
    past.status = SessionStatus.DELIVERED
    make_money_records(person=who.person, session=past)
    start = utc_now() + timedelta(days=30)
    db.session.add(
        UnavailablePeriod(
            person=who.person, starts_at=start, ends_at=start + timedelta(days=3), reason="Rest"
        )
    )
    factories.make_help_request(who.person)
    db.session.commit()
    login(who.user)
    client.post("/my-calendar/link")
    return who


def test_every_page_a_co_trainer_reaches_reads_easily(client, co_trainer):
    pages = crawl(client, "/home", skip=[*STAFF_TOOLS, *SAME_PAGE])
    for must in ("/home", "/my-sessions", "/my-money", "/my-availability", "/my-calendar"):
        assert must in pages
    assert any(p.startswith("/help") for p in pages)
    assert any(p.endswith("/no?back=home") for p in pages)  # "Are you sure?"
    assert any(p.startswith("/letters/") for p in pages)  # a letter's own page
    found = {path: problems(body) for path, body in pages.items()}
    assert {path: issues for path, issues in found.items() if issues} == {}


def test_answers_and_their_undo_read_easily_too(client, co_trainer):
    offer_path = next(p for p in crawl(client, "/home", limit=40) if p.endswith("/no?back=home"))
    client.post(offer_path.replace("/no?back=home", "/no/sure"), data={"back": "home"})
    for path in ("/home", "/my-sessions", "/my-offers"):
        assert problems(client.get(path).get_data(as_text=True)) == [], path


def test_the_check_catches_what_it_should():
    page = "<main><p>{}</p></main>"
    long = " ".join(["word"] * 20) + "."
    assert problems(page.format(long))
    assert problems(page.format("On 2026-12-09 you work.")) == ["ISO date 2026-12-09"]
    assert problems(page.format("Week 2026-W51 pay.")) == ["week code 2026-W51"]
    assert problems("<main><a href='/x'><svg></svg></a></main>")
    assert problems("<main><button><svg></svg></button></main>")
    assert problems(page.format("You work on Wednesday 9 December. Bring a drink.")) == []
    assert sentences(page.format("One. Two words? Three: four.")) == [
        "One.",
        "Two words?",
        "Three:",
        "four.",
    ]
