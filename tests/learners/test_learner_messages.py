"""Learners hear about what happens to their place: a changed time, a cancelled session, more
places, a reminder. Each message is queued with the change and sent after it commits; a
change that is rolled back sends nothing, and each message goes once."""

from dataclasses import replace
from datetime import timedelta

import icalendar
import pytest
from sqlalchemy import select

from tests.learners.factories import emails, make_learner, open_session, text_of
from trainer.extensions import db as _db
from trainer.learners import booking, notices, outbox
from trainer.models import BookingSource, BookingStatus, LearnerMessage, SessionStatus
from trainer.sessions import service as sessions


@pytest.fixture(autouse=True)
def request_context(app, db):
    with app.test_request_context():
        yield


def book(session, learner=None):
    return booking.book(
        session, learner or make_learner(), source=BookingSource.COORDINATOR, actor=None
    )


def sent(outbox_dir, address: str) -> list[str]:
    _db.session.commit()
    outbox.deliver_committed()
    return [message["Subject"] for message in emails(outbox_dir, address)]


def details(session, **changes):
    current = sessions.SessionDetails(
        programme=session.programme,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        venue=session.venue,
        meeting_url=session.meeting_url,
        capacity=session.capacity,
    )
    return replace(current, **changes)


def test_a_new_time_sends_the_new_details_once(db, outbox_dir):
    session = open_session()
    place = book(session)
    later = session.starts_at + timedelta(hours=2)
    sessions.update_session(
        session, details(session, starts_at=later, ends_at=later + timedelta(hours=1)), actor=None
    )
    sessions.update_session(session, details(session, notes="Room 2"), actor=None)
    subjects = sent(outbox_dir, place.learner.email)
    assert len([s for s in subjects if s.startswith("Changed:")]) == 1
    [changed] = [
        m for m in emails(outbox_dir, place.learner.email) if m["Subject"].startswith("Changed")
    ]
    [attachment] = list(changed.iter_attachments())
    event = icalendar.Calendar.from_ical(attachment.get_content()).walk("VEVENT")[0]
    assert event.decoded("dtstart") == later


def test_a_cancelled_session_cancels_every_place_and_tells_each_learner(db, outbox_dir):
    session = open_session(capacity=1)
    place, waiting = book(session), book(session)
    sessions.change_status(session, SessionStatus.CANCELLED, actor=None, reason="Trainer ill")
    assert (place.status, waiting.status) == (BookingStatus.CANCELLED,) * 2
    assert {place.cancel_reason, waiting.cancel_reason} == {"session_cancelled"}
    assert not place.is_late_cancellation
    for learner in (place.learner, waiting.learner):
        assert any(s.startswith("Cancelled:") for s in sent(outbox_dir, learner.email))


def test_more_places_are_offered_to_those_waiting(db):
    session = open_session(capacity=1)
    book(session)
    waiting = book(session)
    sessions.update_session(session, details(session, capacity=2), actor=None)
    assert waiting.status is BookingStatus.OFFERED


def test_a_change_rolled_back_sends_nothing(db, outbox_dir):
    session = open_session()
    db.session.commit()
    learner = make_learner(email="never@example.org")
    nested = db.session.begin_nested()
    book(session, learner)
    nested.rollback()
    assert sent(outbox_dir, "never@example.org") == []
    assert db.session.scalar(select(LearnerMessage.id)) is None


def test_each_message_is_queued_once(db):
    session = open_session()
    place = book(session)
    from_key = db.session.scalar(select(LearnerMessage.key))
    assert from_key.startswith(f"joining:{place.id}:")
    notices.joining_instructions(place)
    assert len(db.session.scalars(select(LearnerMessage)).all()) == 1


def test_the_sweep_reminds_learners_of_sessions_starting_soon_once(app, db, outbox_dir):
    soon, later = open_session(days=1), open_session(days=20)
    near, far = book(soon), book(later)
    db.session.commit()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["sweep-learners"])
    assert "1 reminders sent" in first.output, first.output
    assert "0 reminders sent" in runner.invoke(args=["sweep-learners"]).output
    assert [s for s in sent(outbox_dir, near.learner.email) if s.startswith("Reminder")]
    assert not [s for s in sent(outbox_dir, far.learner.email) if s.startswith("Reminder")]


def test_messages_that_could_not_be_sent_go_out_with_deliver_mail(app, db, outbox_dir, monkeypatch):
    session = open_session()
    place = book(session)
    db.session.commit()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", 9)  # nothing listens: the send fails
    outbox.deliver_committed()
    message = db.session.scalar(select(LearnerMessage))
    assert message.sent_at is None and message.last_error
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    result = app.test_cli_runner().invoke(args=["deliver-mail"])
    assert "Sent 1 of 1 waiting messages to learners." in result.output
    assert any(s.startswith("Your place") for s in sent(outbox_dir, place.learner.email))


def test_joining_instructions_say_what_to_do_first(db, outbox_dir):
    session = open_session(before_you_come="Bring your Part 1 certificate.")
    learner = make_learner(adjustments="A hearing loop.")
    learner.part_one = learner.part_one.NOT_YET
    book(session, learner)
    sent(outbox_dir, learner.email)
    [joining] = emails(outbox_dir, learner.email)
    words = text_of(joining)
    assert "Bring your Part 1 certificate." in words
    assert "We do not have your Part 1 yet." in words
    assert "You told us you need: A hearing loop." in words
    assert "You must attend the whole session for your training to count." in words
