"""Check-ins after a session: private to the person and their named lead; an answer asking
for support alerts the lead (an email through the outbox) until the lead answers it."""

import email
import email.policy

import pytest
from sqlalchemy import select

from tests import factories
from tests.growth.factories import past_seat
from trainer.calendars import outbox
from trainer.domain import DomainError
from trainer.growth import checkins
from trainer.models import Attendance, CheckIn, Feeling, OutboxMessage


@pytest.fixture
def seat(db):
    roles = factories.make_trio()
    programme = factories.make_programme(roles=roles)
    lead = factories.make_user(email="lead@example.org")
    person = factories.make_person(roles=[roles[2]], name="Sam Shah", lead=lead)
    factories.make_user(roles={"trainer"}, person=person, email="sam@example.org")
    return past_seat(person, roles[2], programme)


def answers(**values) -> checkins.Answers:
    return checkins.Answers(**{"feeling": Feeling.TIRED, "went_well": "My story", **values})


def alerts(db) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.method == "ALERT")))


def test_a_check_in_that_asks_for_support_alerts_the_named_lead(db, seat):
    check_in = checkins.save_check_in(
        seat, answers(was_hard="Telling it twice", wants_support=True), actor=None
    )
    [alert] = alerts(db)
    message = email.message_from_bytes(alert.message, policy=email.policy.default)
    assert alert.recipients == ["lead@example.org"] and alert.is_urgent
    assert message["Subject"] == "Sam Shah asks for support"
    body = message.get_content()
    assert "Please contact them" in body and "Telling it twice" not in body  # kept private
    assert checkins.for_lead(seat.person.lead)[0] == check_in
    checkins.mark_answered(check_in, actor=seat.person.lead)
    assert check_in.support_answered_at is not None
    with pytest.raises(DomainError, match="answered already"):
        checkins.mark_answered(check_in, actor=seat.person.lead)


def test_a_check_in_without_a_call_for_support_alerts_nobody(db, seat):
    checkins.save_check_in(seat, answers(), actor=None)
    assert alerts(db) == []


def test_with_no_named_lead_the_alert_goes_to_the_organisation(db, seat, app):
    seat.person.lead = None
    checkins.save_check_in(seat, answers(wants_support=True), actor=None)
    [alert] = alerts(db)
    assert alert.recipients == [app.config["ORG_EMAIL"]]


def test_only_the_person_and_their_lead_can_read_it(db, seat):
    check_in = checkins.save_check_in(seat, answers(), actor=None)
    assert checkins.can_read(seat.person.user, check_in)
    assert checkins.can_read(seat.person.lead, check_in)
    assert not checkins.can_read(factories.make_user(roles={"admin"}), check_in)
    assert not checkins.can_read(factories.make_user(), check_in)
    assert checkins.for_lead(factories.make_user()) == []


def test_one_check_in_per_session_and_only_after_it(db, seat):
    checkins.save_check_in(seat, answers(), actor=None)
    with pytest.raises(DomainError, match="already"):
        checkins.save_check_in(seat, answers(), actor=None)
    assert checkins.sessions_to_check_in(seat.person) == []
    assert [c.feeling for c in checkins.log_of(seat.person)] == [Feeling.TIRED]
    later = past_seat(seat.person, seat.delivery_role, seat.session.programme, days=3)
    with pytest.raises(DomainError, match="after the session"):
        checkins.save_check_in(later, answers(), actor=None)
    absent = past_seat(seat.person, seat.delivery_role, seat.session.programme, days=-5)
    absent.attendance = Attendance.DID_NOT_ATTEND
    assert absent not in checkins.sessions_to_check_in(seat.person)


def test_the_alert_is_sent_after_the_commit(db, seat, app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_OUTBOX_DIR", str(tmp_path))
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    checkins.save_check_in(seat, answers(wants_support=True), actor=None)
    [alert] = alerts(db)
    assert outbox.deliver([alert]) == 1
    [written] = list(tmp_path.glob("*.eml"))
    assert "asks for support" in written.read_text()
    assert db.session.scalar(select(CheckIn.wants_support)) is True
