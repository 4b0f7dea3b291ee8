"""The co-trainer's home: next session first and in full, offers with two big buttons, money,
letters, support, in the format the person chose."""

import html
import re
from datetime import UTC

import pytest
from sqlalchemy import select

from tests.helpers import page_errors
from tests.portal.factories import emails, make_co_trainer, make_seat
from trainer.models import AuditEvent, InformationFormat, OfferStatus, SessionStatus
from trainer.portal.views import day_in_words


def text_of(response) -> str:
    body = response.get_data(as_text=True)
    body = re.sub(r"<svg.*?</svg>", "", body, flags=re.S)
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))
    return html.unescape(re.sub(r" ([.,:])", r"\1", words))


def test_a_trainer_lands_on_their_home(client, login, db):
    who = make_co_trainer()
    login(who.user)
    assert client.get("/").location == "/home"
    assert client.get("/home").status_code == 200


def test_the_next_session_comes_first_with_everything_needed_to_get_there(client, login, db):
    who = make_co_trainer()
    session, _ = make_seat(who, days=3)
    later, _ = make_seat(who, days=9)
    login(who.user)
    page = text_of(client.get("/home"))
    next_part = page[page.index("My next session") : page.index("Offers waiting for my answer")]
    assert day_in_words(session.starts_at) in next_part
    assert re.search(r"From \d+(:\d\d)?[ap]m to \d+(:\d\d)?[ap]m", next_part)
    assert "Please arrive at" in next_part
    assert "Riverside 3-" in next_part and "1 High Street" in next_part
    assert "How to get in: Use the ramp at the side door." in next_part
    assert "ask for Jo at reception" in next_part
    assert "Morgan Ellis" in next_part
    assert "Your story cards" in next_part and "A water bottle" in next_part
    assert "Travels with a support worker." in next_part
    assert "Step-free access at the venue" in next_part
    assert f"/sessions/{session.id}/invite.ics" in client.get("/home").get_data(as_text=True)
    start = page.index("My other sessions")
    others = page[start : page.index("My calendar", start)]
    assert day_in_words(later.starts_at) in others
    assert page.index("My next session") < page.index("Offers waiting for my answer")


def test_an_online_session_gives_its_joining_link(client, login, db):
    who = make_co_trainer()
    session, _ = make_seat(who, days=2)
    session.venue = None
    session.meeting_url = "https://meet.example.org/room-42"
    db.session.flush()
    login(who.user)
    body = client.get("/home").get_data(as_text=True)
    assert "Your session is online." in body
    assert 'href="https://meet.example.org/room-42"' in body


def test_day_and_date_are_in_words(app, db):
    from datetime import datetime

    with app.test_request_context():
        assert day_in_words(datetime(2031, 3, 4, 10, tzinfo=UTC)) == "Tuesday 4 March 2031"


def test_offers_wait_with_two_big_buttons(client, login, db):
    who = make_co_trainer()
    _, offer = make_seat(who, days=6, status=OfferStatus.OFFERED)
    login(who.user)
    body = client.get("/home").get_data(as_text=True)
    assert "You have 1 offer to answer." in text_of(client.get("/home"))
    assert f'action="/home/offers/{offer.id}"' in body
    assert 'value="yes"' in body and "Yes, I can do it" in body
    assert f'href="/home/offers/{offer.id}/no?back=home"' in body
    assert "No, I can't do it" in text_of(client.get("/home"))


def test_saying_yes_accepts_the_offer(client, login, db):
    who = make_co_trainer()
    session, offer = make_seat(who, days=6, status=OfferStatus.OFFERED)
    login(who.user)
    response = client.post(f"/home/offers/{offer.id}", data={"answer": "yes"})
    assert response.status_code == 302 and response.location == "/home"
    assert offer.offer_status is OfferStatus.ACCEPTED
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "assignment.accepted")
    )
    assert [e.actor_id for e in events] == [who.user.id]
    page = text_of(client.get("/home"))
    assert f"You said yes to the session on {day_in_words(session.starts_at)}" in page
    assert "You have no offers to answer." in page


def test_saying_no_asks_are_you_sure_first_and_changes_nothing(client, login, db):
    who = make_co_trainer()
    _, offer = make_seat(who, days=6, status=OfferStatus.OFFERED)
    login(who.user)
    response = client.post(f"/home/offers/{offer.id}", data={"answer": "no"})
    assert response.location == f"/home/offers/{offer.id}/no?back=home"
    assert offer.offer_status is OfferStatus.OFFERED


@pytest.mark.parametrize("answer", ["", "maybe", "YES"])
def test_an_answer_that_is_not_yes_or_no_changes_nothing(client, login, db, answer):
    who = make_co_trainer()
    _, offer = make_seat(who, days=6, status=OfferStatus.OFFERED)
    login(who.user)
    response = client.post(f"/home/offers/{offer.id}", data={"answer": answer})
    assert response.status_code == 302
    assert offer.offer_status is OfferStatus.OFFERED
    assert "Press Yes or No to answer the offer." in text_of(client.get("/home"))


def test_answering_twice_gets_a_plain_message(client, login, db):
    who = make_co_trainer()
    _, offer = make_seat(who, days=6, status=OfferStatus.OFFERED)
    login(who.user)
    client.post(f"/home/offers/{offer.id}", data={"answer": "yes"})
    client.get("/home")
    response = client.post(f"/home/offers/{offer.id}", data={"answer": "yes"})
    assert response.status_code == 302
    assert "You already said yes to this session." in text_of(client.get("/home"))


def test_nobody_answers_someone_else_s_offer(client, login, db):
    who, other = make_co_trainer(), make_co_trainer()
    _, offer = make_seat(other, days=6, status=OfferStatus.OFFERED)
    login(who.user)
    assert client.post(f"/home/offers/{offer.id}", data={"answer": "yes"}).status_code == 403
    assert client.post("/home/offers/999999", data={"answer": "yes"}).status_code == 404
    assert offer.offer_status is OfferStatus.OFFERED


def test_a_coordinator_cannot_answer_for_someone(client, login, db):
    other = make_co_trainer()
    _, offer = make_seat(other, days=6, status=OfferStatus.OFFERED)
    login("coordinator")
    assert client.post(f"/home/offers/{offer.id}", data={"answer": "yes"}).status_code == 403


def test_cancelled_sessions_say_so_in_words(client, login, db):
    who = make_co_trainer()
    session, _ = make_seat(who, days=4, session_status=SessionStatus.CANCELLED)
    login(who.user)
    page = text_of(client.get("/home"))
    assert f"Cancelled: {day_in_words(session.starts_at)}" in page
    assert "You do not need to go." in page
    assert "You have no sessions booked yet." in page


def test_nothing_booked_yet(client, login, db):
    who = make_co_trainer(support_needs="", needs_step_free=False)
    login(who.user)
    page = text_of(client.get("/home"))
    for words in (
        "You have no sessions booked yet.",
        "You have no offers to answer.",
        "No payments yet.",
        "No letters yet.",
        "We have not written down any support for you.",
    ):
        assert words in page
    assert "coming soon" not in page.lower()


def test_easy_read_has_pictures_and_plain_text_has_none(client, login, db):
    easy = make_co_trainer()
    make_seat(easy, days=3)
    login(easy.user)
    body = client.get("/home").get_data(as_text=True)
    assert "ht-easy-read" in body
    assert body.count('class="ht-icon"') >= 8
    assert 'class="ht-icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true"' in body

    plain = make_co_trainer(style=InformationFormat.PLAIN)
    make_seat(plain, days=3)
    client.post("/sign-out")
    login(plain.user)
    body = client.get("/home").get_data(as_text=True)
    assert 'class="ht-icon"' not in body and "ht-easy-read" not in body
    assert "My next session" in body


def test_large_print_is_big_text_without_pictures(client, login, db):
    who = make_co_trainer(style=InformationFormat.LARGE_PRINT)
    login(who.user)
    body = client.get("/home").get_data(as_text=True)
    assert "ht-home--large-print ht-easy-read" in body and 'class="ht-icon"' not in body


def test_the_calendar_links_subscribe_and_show_a_qr_code(client, login, db):
    who = make_co_trainer()
    login(who.user)
    page = client.get("/home").get_data(as_text=True)
    assert "Make my calendar link" in page
    client.post("/my-calendar/link")
    page = client.get("/home").get_data(as_text=True)
    assert 'href="webcal://' in page and "Keep my calendar up to date" in page
    assert 'class="ht-qr"' in page


def test_support_as_recorded_and_how_to_ask_for_a_change(client, login, db, app):
    who = make_co_trainer(communication_needs="A phone call the day before.")
    login(who.user)
    page = text_of(client.get("/home"))
    support = page[page.index("My support") :]
    assert "Travels with a support worker." in support
    assert "A phone call the day before." in support
    assert "Step-free access" in support
    assert f"Phone the coordinator on {app.config['ORG_PHONE']}" in support


def test_asking_for_a_support_change_tells_the_coordinator(client, login, db, app, outbox):
    who = make_co_trainer()
    login(who.user)
    response = client.post("/home/support", data={"change": "I need a quiet room now."})
    assert response.status_code == 302
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "person.support_change_requested")
    )
    assert event.entity_id == who.person.id and event.reason == "I need a quiet room now."
    [message] = emails(outbox)
    assert message["To"] == app.config["ORG_EMAIL"]
    assert "I need a quiet room now." in message.get_content()
    assert "We have sent your message to the coordinator." in text_of(client.get("/home"))


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ("", "Write what you would like to change"),
        ("   ", "Write what you would like to change"),
        ("x" * 2001, "Write 2,000 characters or fewer"),
        ("<script>alert(1)</script>", "Write your message in words only"),
    ],
)
def test_a_support_change_that_cannot_be_sent_shows_an_error_summary(
    client, login, db, outbox, change, error
):
    who = make_co_trainer()
    login(who.user)
    response = client.post("/home/support", data={"change": change})
    assert response.status_code == 200
    assert page_errors(response) == [error]
    assert 'href="#change"' in response.get_data(as_text=True)
    assert emails(outbox) == []


def test_an_account_without_a_profile_is_told_what_to_do(client, login, db):
    login("trainer")
    assert "not linked to a trainer profile" in text_of(client.get("/home"))
    assert client.post("/home/support", data={"change": "x"}).status_code == 403


def test_money_owed_and_paid_in_easy_words(client, login, db):
    from datetime import date, timedelta

    from trainer.clock import utc_now
    from trainer.models import LineKind, LineStatus, PaymentLine

    who = make_co_trainer()
    session, _ = make_seat(who, days=-3, session_status=SessionStatus.DELIVERED)
    day, earlier = session.starts_at, utc_now() - timedelta(days=40)
    for kind, pence, status, paid_on in (
        (LineKind.DELIVERY, 6000, LineStatus.APPROVED, None),
        (LineKind.PREPARATION, 1500, LineStatus.PENDING, None),
        (LineKind.EXPENSE, 1250, LineStatus.PENDING, None),
        (LineKind.DELIVERY, 5500, LineStatus.PAID, date(2026, 10, 30)),
        (LineKind.EXPENSE, 450, LineStatus.PAID, date(2026, 10, 30)),
        (LineKind.DELIVERY, 9900, LineStatus.REJECTED, None),
    ):
        db.session.add(
            PaymentLine(
                person_id=who.person.id,
                session_id=session.id,
                kind=kind,
                starts_at=day if paid_on is None else earlier,
                amount_pence=pence,
                method="payroll",
                status=status,
                paid_on=paid_on,
                sequence=0,
            )
        )
    db.session.flush()
    login(who.user)
    page = text_of(client.get("/home"))
    start = page.index("My money", page.index("Hello Jamie"))
    money = page[start : page.index("My letters", start)]
    when = day_in_words(day)
    assert "We owe you £87.50." in money
    assert f"Your session on {when}: £75.00" in money
    assert f"Money back for your costs on {when}: £12.50" in money
    assert "We have paid you: £59.50 on Friday 30 October" in money
    assert "£99.00" not in money and "No payments yet." not in money


def test_my_letters_can_be_downloaded(client, login, db):
    from datetime import date

    from trainer.models import LetterKind, LetterRecord

    who = make_co_trainer()
    record = LetterRecord(
        reference="REC-0001",
        kind=LetterKind.RECOGNITION,
        person_id=who.person.id,
        issued_on=date(2026, 11, 2),
    )
    db.session.add(record)
    db.session.flush()
    login(who.user)
    body = client.get("/home").get_data(as_text=True)
    assert f'href="/letters/{record.id}.pdf"' in body
    assert "Recognition letter, Monday 2 November" in text_of(client.get("/home"))
