"""Booking on the public page, as a learner does it: no account, an email address confirmed
by the link sent to it, joining instructions with the session's calendar file, a link to
cancel. Hostile or malformed input gets form errors and books nothing."""

from datetime import timedelta

import icalendar
import pytest
import time_machine
from sqlalchemy import select

from tests.helpers import BOLD, SCRIPT, count, refused
from tests.learners.factories import emails, learner_data, link_in, open_session, text_of
from trainer.clock import utc_now
from trainer.models import Booking, BookingRequest, BookingStatus, Learner


def ask(client, session, **changes):
    return client.post(f"/book/sessions/{session.id}", data=learner_data(**changes))


def confirm(client, outbox_dir, address: str):
    """Open the emailed link and press the button; returns the booking page's address."""
    [message] = [m for m in emails(outbox_dir, address) if m["Subject"].startswith("Confirm")]
    link = link_in(message, "/book/confirm/")
    assert "Confirm your place" in client.get(link).get_data(as_text=True)
    response = client.post(link)
    assert response.status_code == 302, response.status_code
    return response.location


def test_the_booking_pages_list_what_is_open(client, db):
    session = open_session(capacity=12)
    programme = session.programme
    db.session.commit()
    assert programme.name in client.get("/book/").get_data(as_text=True)
    page = client.get(f"/book/{programme.id}").get_data(as_text=True)
    assert "12 places left" in page and f"/book/sessions/{session.id}" in page


def test_booking_needs_the_email_confirmed_then_sends_joining_instructions(client, db, outbox_dir):
    session = open_session(capacity=12)
    db.session.commit()
    response = ask(client, session, email="Ann.Learner@Example.org", full_name="Ann Learner")
    assert "Check your email" in response.get_data(as_text=True)
    assert count(db, Booking) == (0,), "nothing is booked until the link is used"
    manage = confirm(client, outbox_dir, "ann.learner@example.org")
    booking = db.session.scalar(select(Booking))
    assert booking.status is BookingStatus.BOOKED and booking.learner.full_name == "Ann Learner"
    page = client.get(manage).get_data(as_text=True)
    assert "Your booking" in page and "Booked" in page
    [joining] = [
        m for m in emails(outbox_dir, "ann.learner@example.org") if "Your place" in m["Subject"]
    ]
    assert "Before you come" in text_of(joining)
    [attachment] = list(joining.iter_attachments())
    event = icalendar.Calendar.from_ical(attachment.get_content()).walk("VEVENT")[0]
    assert event.decoded("dtstart") == session.starts_at
    assert str(event["status"]) == "CONFIRMED"
    assert link_in(joining, "/bookings/") == manage


def test_the_emailed_link_cancels_the_place(client, db, outbox_dir):
    session = open_session(capacity=12)
    db.session.commit()
    ask(client, session, email="cancel.me@example.org")
    manage = confirm(client, outbox_dir, "cancel.me@example.org")
    assert "Cancel your place?" in client.get(manage + "/cancel").get_data(as_text=True)
    page = client.post(manage + "/cancel", follow_redirects=True).get_data(as_text=True)
    assert "Your place is cancelled" in page
    assert db.session.scalar(select(Booking.status)) is BookingStatus.CANCELLED
    [cancelled] = [
        m for m in emails(outbox_dir, "cancel.me@example.org") if "cancelled" in m["Subject"]
    ]
    [attachment] = list(cancelled.iter_attachments())
    event = icalendar.Calendar.from_ical(attachment.get_content()).walk("VEVENT")[0]
    assert str(event["status"]) == "CANCELLED"


def test_a_full_session_puts_the_learner_on_its_waiting_list(client, db, outbox_dir):
    session = open_session(capacity=1)
    db.session.commit()
    for address in ("first@example.org", "second@example.org"):
        ask(client, session, email=address)
        confirm(client, outbox_dir, address)
    statuses = db.session.scalars(select(Booking.status).order_by(Booking.id)).all()
    assert statuses == [BookingStatus.BOOKED, BookingStatus.WAITING]
    assert any("waiting list" in m["Subject"] for m in emails(outbox_dir, "second@example.org"))


def test_the_same_email_cannot_hold_two_places_on_one_session(client, db, outbox_dir):
    session = open_session(capacity=5)
    db.session.commit()
    ask(client, session, email="twice@example.org")
    ask(client, session, email="twice@example.org")
    messages = [
        m for m in emails(outbox_dir, "twice@example.org") if m["Subject"].startswith("Confirm")
    ]
    first, second = (link_in(m, "/book/confirm/") for m in messages)
    client.post(first)
    page = client.post(second, follow_redirects=True).get_data(as_text=True)
    assert "twice@example.org already has a place on this session." in page
    assert count(db, Booking) == (1,)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"full_name": SCRIPT}, "Full name must not contain HTML or code."),
        ({"organisation": BOLD}, "Employer or organisation must not contain HTML or code."),
        (
            {"email": "not-an-email"},
            "Enter an email address in the right format, like name@example.org",
        ),
        ({"email": ""}, "Enter an email address"),
        ({"full_name": "x" * 121}, "Full name must be 120 characters or fewer"),
        ({"sector": "everything"}, "Not a valid choice."),
        ({"sector": None}, "Choose health, social care or other"),
        ({"part_one": "done-it-honest"}, "Not a valid choice."),
        ({"part_one": "completed_on", "part_one_on": ""}, "Enter the date Part 1 was finished."),
        (
            {"part_one": "completed_on", "part_one_on": "2026-02-30"},
            "Date Part 1 was finished must be a real date, like 2026-03-17",
        ),
        (
            {"part_one": "completed_on", "part_one_on": "2999-01-01"},
            "The date Part 1 was finished must be today or before.",
        ),
        ({"agree": None}, "Agree to your details being kept, or you cannot book"),
        (
            {"adjustments": "<img src=x onerror=alert(1)>"},
            "Adjustments needed at the session must not contain HTML or code.",
        ),
    ],
)
def test_bad_input_gets_a_form_error_and_asks_for_nothing(client, db, outbox_dir, changes, message):
    session = open_session()
    db.session.commit()
    refused(ask(client, session, **changes), message)
    assert count(db, BookingRequest, Booking, Learner) == (0, 0, 0)
    assert emails(outbox_dir) == []


def test_a_nul_byte_is_refused_not_a_server_error(client, db):
    session = open_session()
    db.session.commit()
    assert ask(client, session, full_name="Ann\x00").status_code == 400


def test_requests_are_limited_per_email_address_and_per_network_address(
    client, app, db, monkeypatch
):
    monkeypatch.setitem(app.config, "BOOKING_MAX_PER_EMAIL", 2)
    monkeypatch.setitem(app.config, "BOOKING_MAX_PER_ADDRESS", 4)
    session = open_session()
    db.session.commit()
    for _ in range(2):
        assert "Check your email" in ask(client, session, email="keen@example.org").get_data(
            as_text=True
        )
    refused(
        ask(client, session, email="keen@example.org"),
        "You have asked for a lot of bookings. Wait 1 hour, then try again.",
    )
    for n in range(2):
        assert "Check your email" in ask(client, session, email=f"other{n}@example.org").get_data(
            as_text=True
        )
    refused(
        ask(client, session, email="fresh@example.org"),
        "You have asked for a lot of bookings. Wait 1 hour, then try again.",
    )
    assert count(db, BookingRequest) == (4,)


def test_a_confirmation_link_works_for_a_day(client, db, outbox_dir):
    session = open_session(days=20)
    db.session.commit()
    ask(client, session, email="slow@example.org")
    [message] = emails(outbox_dir, "slow@example.org")
    link = link_in(message, "/book/confirm/")
    with time_machine.travel(utc_now() + timedelta(hours=25), tick=False):
        response = client.post(link)
    assert response.status_code == 410
    assert count(db, Booking) == (0,)
    assert client.get("/book/confirm/made-up-token").status_code == 410


def test_booking_stops_at_the_cut_off(client, db):
    session = open_session(days=3, cutoff_days=2)
    db.session.commit()
    assert client.get(f"/book/sessions/{session.id}").status_code == 200
    with time_machine.travel(session.starts_at - timedelta(days=2), tick=False):
        response = client.get(f"/book/sessions/{session.id}")
        listed = client.get(f"/book/{session.programme_id}").get_data(as_text=True)
    assert response.status_code == 410 and "Booking has closed" in response.get_data(as_text=True)
    assert f"/book/sessions/{session.id}" not in listed


def test_programmes_not_open_to_the_public_are_not_found(client, db):
    session = open_session(is_public=False)
    db.session.commit()
    assert client.get(f"/book/{session.programme_id}").status_code == 404
    assert client.get(f"/book/sessions/{session.id}").status_code == 410
    assert session.programme.name not in client.get("/book/").get_data(as_text=True)


def test_links_that_we_did_not_make_are_not_found(client, db):
    for path in (
        "/bookings/abc",
        "/bookings/abc/cancel",
        "/bookings/abc/session.ics",
        "/places/abc",
    ):
        assert client.get(path).status_code == 404, path


def test_a_place_offered_by_email_is_taken_by_its_link(client, db, outbox_dir):
    session = open_session(capacity=1)
    db.session.commit()
    for address in ("holder@example.org", "next@example.org", "after@example.org"):
        ask(client, session, email=address)
        confirm(client, outbox_dir, address)
    holder = confirm_link_of(outbox_dir, "holder@example.org", "/bookings/")
    client.post(holder + "/cancel")
    [offer] = [
        m for m in emails(outbox_dir, "next@example.org") if "A place is free" in m["Subject"]
    ]
    link = link_in(offer, "/places/")
    assert "A place is free for you" in client.get(link).get_data(as_text=True)
    page = client.post(link, data={"answer": "yes"}, follow_redirects=True).get_data(as_text=True)
    assert "The place is yours." in page
    statuses = db.session.scalars(select(Booking.status).order_by(Booking.id)).all()
    assert statuses == [BookingStatus.CANCELLED, BookingStatus.BOOKED, BookingStatus.WAITING]
    stale = client.get(link)
    assert stale.status_code == 410 and "This offer has ended" in stale.get_data(as_text=True)


def test_letting_an_offered_place_go_passes_it_on(client, db, outbox_dir):
    session = open_session(capacity=1)
    db.session.commit()
    for address in ("one@example.org", "two@example.org", "three@example.org"):
        ask(client, session, email=address)
        confirm(client, outbox_dir, address)
    client.post(confirm_link_of(outbox_dir, "one@example.org", "/bookings/") + "/cancel")
    [offer] = [
        m for m in emails(outbox_dir, "two@example.org") if "A place is free" in m["Subject"]
    ]
    client.post(link_in(offer, "/places/"), data={"answer": "no"})
    statuses = db.session.scalars(select(Booking.status).order_by(Booking.id)).all()
    assert statuses == [BookingStatus.CANCELLED, BookingStatus.CANCELLED, BookingStatus.OFFERED]


def confirm_link_of(outbox_dir, address: str, path: str) -> str:
    [joining] = [m for m in emails(outbox_dir, address) if m["Subject"].startswith("Your place")]
    return link_in(joining, path)
