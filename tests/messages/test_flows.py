"""Messages written by what people do: offers and answers, moves and cancellations, chasing
unanswered offers, the daily digest; each once, whatever runs twice; quiet hours held."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import time_machine
from sqlalchemy import select

from tests import factories
from tests.messages.factories import make_scene, write_kind
from tests.team_factories import team_setup
from trainer.clock import utc_now
from trainer.messages import digest, schedule, sending
from trainer.models import Channel, Message, MessageChoice, MessageStatus, SessionStatus
from trainer.offers import service as offers
from trainer.sessions import service as sessions

LONDON = ZoneInfo("Europe/London")


def messages(db, **where) -> list[Message]:
    query = select(Message).filter_by(**where).order_by(Message.id)
    return list(db.session.scalars(query))


def test_an_offer_tells_the_person_with_yes_and_no_links(db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    assignment = offers.offer_seat(setup.session, setup.autistic, person, actor=None)
    [message] = messages(db, person_id=person.id)
    assert message.kind == "offer" and message.channel is Channel.EMAIL
    assert f"/my-offers/{assignment.id}/yes" in message.text_body
    assert f"/my-offers/{assignment.id}/no" in message.text_body
    assert message.to_addr == "autistic1@example.org"


def test_answers_tell_every_coordinator_at_once(db):
    setup = team_setup()
    coordinators = [factories.make_user(), factories.make_user()]
    factories.make_user(roles={"finance"})
    yes, no = setup.people["Autistic"][0], setup.people["Learning"][0]
    seat = offers.offer_seat(setup.session, setup.autistic, yes, actor=None)
    other = offers.offer_seat(setup.session, setup.roles[1], no, actor=None)
    offers.respond_to_offer(seat, accept=True, actor=yes.user)
    offers.respond_to_offer(other, accept=False, actor=None)
    told = messages(db, person_id=None)
    assert sorted(m.to_addr for m in told if m.kind == "answer") == sorted(
        u.email for u in coordinators
    )
    [said_no] = {m.subject for m in told if m.kind == "alert"}
    assert "Learning 1 said no to" in said_no
    offers.respond_to_offer(seat, accept=False, actor=None)
    dropped = [m for m in messages(db, person_id=None) if "can't do it any more" in m.subject]
    assert len(dropped) == 2


def test_a_coordinator_taking_someone_off_tells_them_why(db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    seat = offers.offer_seat(setup.session, setup.autistic, person, actor=None)
    offers.withdraw_offer(seat, actor=None, reason="The session needs someone who drives")
    removed = [m for m in messages(db, person_id=person.id) if m.kind == "removed"]
    assert len(removed) == 1
    assert "Why: The session needs someone who drives" in removed[0].text_body


def test_a_move_and_a_cancellation_tell_the_team_with_the_reason(db):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    seat = offers.offer_seat(setup.session, setup.autistic, person, actor=None)
    offers.respond_to_offer(seat, accept=True, actor=None)
    sessions.change_status(setup.session, SessionStatus.CANCELLED, actor=None, reason="Trainer ill")
    [cancelled] = [m for m in messages(db, person_id=person.id) if m.kind == "cancelled"]
    assert "Why: Trainer ill" in cancelled.text_body


def test_unanswered_offers_are_chased_then_coordinators_told_once(db, app):
    setup = team_setup()
    coordinator = factories.make_user()
    person = setup.people["Autistic"][0]
    seat = offers.offer_seat(setup.session, setup.autistic, person, actor=None)
    now = utc_now()
    assert schedule.chase_offers(now) == 0
    seat.offered_at = now - timedelta(days=app.config["OFFER_REMINDER_DAYS"], minutes=1)
    schedule.chase_offers(now)
    schedule.chase_offers(now)
    kinds = [m.kind for m in messages(db, person_id=person.id)]
    assert kinds == ["offer", "offer_reminder"]
    assert messages(db, user_id=coordinator.id) == []
    seat.offered_at = now - timedelta(days=app.config["OFFER_CHASE_DAYS"], minutes=1)
    schedule.chase_offers(now)
    schedule.chase_offers(now)
    [chase] = messages(db, user_id=coordinator.id)
    assert chase.kind == "offer_chase" and "has not answered" in chase.text_body


def test_the_daily_digest_lists_offers_problems_and_gaps_once_a_day(db, app):
    setup = team_setup(day=(utc_now() + timedelta(days=5)).date())
    coordinator = factories.make_user()
    person = setup.people["Autistic"][0]
    offers.offer_seat(setup.session, setup.autistic, person, actor=None)
    with time_machine.travel(utc_now().replace(hour=12, minute=0), tick=False):
        written = digest.send_digest(utc_now())
        again = digest.send_digest(utc_now())
    assert len(written) == 1 and again == []
    [message] = messages(db, user_id=coordinator.id, kind="digest")
    assert "Offers waiting for an answer (1):" in message.text_body
    assert "Autistic 1, autistic co-trainer" in message.text_body
    assert "Teams not ready in the next 2 weeks (1):" in message.text_body
    assert "Problems with bookings: none." in message.text_body


def test_quiet_hours_hold_a_message_until_they_end(db, outbox_dir):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    choice = MessageChoice.defaults(person.id)
    choice.quiet_from, choice.quiet_until = time(21), time(7)
    db.session.add(choice)
    tonight = factories.session_day() - timedelta(days=1)
    late = datetime.combine(tonight, time(23, 30), tzinfo=LONDON)
    with time_machine.travel(late, tick=False):
        offers.offer_seat(setup.session, setup.autistic, person, actor=None)
        db.session.commit()
        assert sending.send_due() == 0
    [message] = messages(db, person_id=person.id)
    morning = datetime.combine(tonight + timedelta(days=1), time(7), tzinfo=LONDON)
    assert message.send_after == morning
    with time_machine.travel(morning - timedelta(minutes=1), tick=False):
        assert sending.send_due() == 0
    with time_machine.travel(morning, tick=False):
        assert sending.send_due() == 1
    assert len(list(outbox_dir.glob("*.eml"))) == 1


def test_nothing_is_sent_twice_and_a_second_worker_finds_nothing(db, outbox_dir):
    setup = team_setup()
    person = setup.people["Autistic"][0]
    midday = datetime.combine(factories.session_day(), time(12), tzinfo=LONDON)
    with time_machine.travel(midday, tick=False):
        offers.offer_seat(setup.session, setup.autistic, person, actor=None)
        db.session.commit()
        [message] = messages(db, person_id=person.id)
        assert sending.send_message(message.id) is True
        assert sending.send_message(message.id) is False
        assert sending.send_due() == 0
    assert message.status is MessageStatus.SENT
    assert len(list(outbox_dir.glob("*.eml"))) == 1


def test_a_reminder_run_reads_seats_a_page_at_a_time_and_misses_none(db):
    scenes = [make_scene() for _ in range(3)]
    when = scenes[0].session.starts_at - timedelta(hours=2)
    with time_machine.travel(when, tick=False):
        assert schedule.send_reminders(utc_now(), page=2) == 3
        assert schedule.send_reminders(utc_now(), page=2) == 0
    assert len(messages(db, kind="reminder")) == 3


def test_a_supporter_gets_a_copy_when_the_person_asks(db):
    scene = make_scene(supporter_email="sam@example.org", supporter_gets_copies=True)
    write_kind("offer", scene)
    sent = {(m.to_addr, m.is_copy) for m in messages(db, person_id=scene.person.id)}
    assert sent == {("robin@example.org", False), ("sam@example.org", True)}
    [copy] = [m for m in messages(db, person_id=scene.person.id) if m.is_copy]
    assert copy.subject.startswith("Copy for Robin Tester's supporter: Can you do a session")
