"""Emailed invites: queued with the change, sent after the commit through a real SMTP server
(or written as .eml files), parsed back at the other end."""

import email
import email.policy
from datetime import timedelta

from tests.calendars.app_factories import (
    check_calendar,
    invite_of,
    make_team,
    own_assignment,
    take_off,
)
from trainer.calendars import notify, outbox
from trainer.clock import utc_now
from trainer.models import InformationFormat, OutboxMessage, SessionStatus
from trainer.sessions import service as sessions_service

SENDER = "training@example.org"


def sent_after_commit(db) -> None:
    """What a request does: commit once, then send what that commit queued."""
    db.session.commit()
    outbox.deliver_committed()


def edit_form(session, **changes) -> dict:
    from trainer.timezones import to_local

    start, end = to_local(session.starts_at), to_local(session.ends_at)
    form = {
        "programme_id": session.programme_id,
        "venue_id": session.venue_id or "",
        "day": start.date().isoformat(),
        "start_time": f"{start:%H:%M}",
        "end_time": f"{end:%H:%M}",
        "capacity": session.capacity,
        "meeting_url": "",
        "what_to_bring": "",
        "notes": "",
    }
    return form | changes


def test_accepted_offer_sends_a_request_through_smtp(db, smtp):
    team = make_team(email="lee@example.org", name="Lee Jones")
    notify.offer_accepted(own_assignment(team), actor=None)
    sent_after_commit(db)
    [(sender, recipients, _)] = smtp.received
    assert (sender, recipients) == (SENDER, ["lee@example.org"])
    [message] = smtp.messages()
    method, calendar = invite_of(message)
    assert method == str(calendar["METHOD"]) == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == team.session.calendar_uid
    assert str(event["ORGANIZER"]) == f"mailto:{SENDER}"
    assert str(event["ATTENDEE"]) == "mailto:lee@example.org"
    assert event["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"
    assert event["ATTENDEE"].params["RSVP"] == "FALSE"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert message["To"] == "Lee Jones <lee@example.org>"
    assert "Heads Together Training" in message["From"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert body.startswith("Hello Lee Jones,") and "You are booked as an" in body
    assert db.session.scalars(db.select(OutboxMessage)).one().sent_at is not None


def test_changing_the_time_emails_accepted_team_with_a_higher_sequence(client, db, login, smtp):
    team = make_team(email="lee@example.org")
    team.others[0].email = "sam@example.org"
    notify.offer_accepted(own_assignment(team), actor=None)
    sent_after_commit(db)
    first_sequence = int(invite_of(smtp.messages()[0])[1].walk("VEVENT")[0]["SEQUENCE"])
    login("coordinator")
    form = edit_form(team.session, start_time="11:00", end_time="18:00")
    response = client.post(f"/sessions/{team.session.id}/edit", data=form)
    assert response.status_code == 302
    changed = smtp.messages()[1:]
    assert sorted(m["To"] for m in changed) == sorted(
        [f"{team.person.full_name} <lee@example.org>", "Sam Patel <sam@example.org>"]
    )
    for message in changed:
        method, calendar = invite_of(message)
        assert method == str(calendar["METHOD"]) == "REQUEST"
        event = calendar.walk("VEVENT")[0]
        assert str(event["UID"]) == team.session.calendar_uid
        assert int(event["SEQUENCE"]) > first_sequence
        assert event.start.hour == 11
        assert message["Subject"].startswith("Changed:")
    # Ann has no email address: nothing is sent, and the outbox says so
    unsent = db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.to_addrs == "")).one()
    assert "No email address" in unsent.last_error


def test_saving_without_a_visible_change_sends_nothing(client, db, login, smtp):
    team = make_team(email="lee@example.org")
    login("coordinator")
    assert (
        client.post(
            f"/sessions/{team.session.id}/edit",
            data=edit_form(team.session, notes="Bring lanyards"),
        ).status_code
        == 302
    )
    assert len(smtp.received) == 1
    assert (
        client.post(
            f"/sessions/{team.session.id}/edit",
            data=edit_form(team.session, notes="Bring lanyards", capacity=5),
        ).status_code
        == 302
    )
    assert len(smtp.received) == 1


def test_cancelling_sends_cancel_with_status_cancelled(client, db, login, smtp):
    team = make_team(email="lee@example.org")
    login("coordinator")
    response = client.post(f"/sessions/{team.session.id}/cancel", data={"reason": "Snow"})
    assert response.status_code == 302
    [message] = smtp.messages()
    method, calendar = invite_of(message)
    assert method == str(calendar["METHOD"]) == "CANCEL"
    event = calendar.walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == team.session.sequence
    assert not event.walk("VALARM")
    assert "has been cancelled" in message.get_body(preferencelist=("plain",)).get_content()


def test_person_taken_off_gets_cancel_for_their_copy_only(db, smtp):
    team = make_team(email="lee@example.org")
    team.others[0].email = "sam@example.org"
    take_off(team)
    sent_after_commit(db)
    [message] = smtp.messages()
    assert message["To"].endswith("<lee@example.org>")
    method, calendar = invite_of(message)
    assert method == str(calendar["METHOD"]) == "CANCEL"
    event = calendar.walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) > team.session.sequence
    assert "no longer booked" in message.get_body(preferencelist=("plain",)).get_content()


def test_supporter_gets_a_copy_and_easy_read_is_used_when_chosen(db, smtp):
    team = make_team(
        email="jamie@example.org",
        preferred_format=InformationFormat.EASY_READ,
        supporter_name="Chris Support",
        supporter_email="chris@example.org",
        supporter_gets_copies=True,
        known_as="Jamie",
    )
    notify.offer_accepted(own_assignment(team), actor=None)
    sent_after_commit(db)
    [(_, recipients, _)] = smtp.received
    assert recipients == ["jamie@example.org", "chris@example.org"]
    [message] = smtp.messages()
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert body.startswith("Hello Jamie.")
    assert "Open the calendar invite" in body
    event = invite_of(message)[1].walk("VEVENT")[0]
    assert str(event["ATTENDEE"]) == "mailto:jamie@example.org"


def test_nothing_is_sent_when_the_change_is_rolled_back(db, smtp):
    team = make_team(email="lee@example.org")
    notify.offer_accepted(own_assignment(team), actor=None)
    db.session.rollback()
    outbox.deliver_committed()
    assert smtp.received == []


def test_without_a_mail_server_messages_are_written_as_eml_files(db, outbox_dir):
    team = make_team(email="lee@example.org")
    notify.offer_accepted(own_assignment(team), actor=None)
    sent_after_commit(db)
    [path] = outbox_dir.glob("*.eml")
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    method, calendar = invite_of(message)
    assert (
        method == "REQUEST" and str(calendar.walk("VEVENT")[0]["UID"]) == team.session.calendar_uid
    )


def test_a_mail_server_that_is_down_never_breaks_the_change(
    app, client, db, login, monkeypatch, smtp
):
    from tests.calendars.app_factories import free_port

    team = make_team(email="lee@example.org")
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nothing listens there
    login("coordinator")
    response = client.post(f"/sessions/{team.session.id}/cancel", data={"reason": "Snow"})
    assert response.status_code == 302
    assert db.session.get(type(team.session), team.session.id).status is SessionStatus.CANCELLED
    [row] = db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.to_addrs != "")).all()
    assert row.sent_at is None and row.attempts == 1 and row.last_error
    assert smtp.received == []


def test_deliver_mail_command_retries_what_is_waiting(app, db, smtp):
    team = make_team(email="lee@example.org")
    notify.offer_accepted(own_assignment(team), actor=None)
    db.session.commit()  # committed, but not sent (as after a mail server outage)
    db.session.info.pop(outbox.READY, None)
    result = app.test_cli_runner().invoke(args=["deliver-mail"])
    assert result.exit_code == 0, result.output
    assert "Sent 1 of 1" in result.output
    [message] = smtp.messages()
    assert invite_of(message)[0] == "REQUEST"
    again = app.test_cli_runner().invoke(args=["deliver-mail"])
    assert "Sent 0 of 0" in again.output


def test_changes_close_to_the_start_are_flagged_to_coordinators(client, db, login):
    team = make_team(email="lee@example.org", starts_at=utc_now() + timedelta(hours=20))
    assert notify.is_urgent(team.session)
    login("coordinator")
    page = client.get(f"/sessions/{team.session.id}").get_data(as_text=True)
    assert "starts within 48 hours" in page
    client.post(f"/sessions/{team.session.id}/cancel", data={"reason": "Trainer ill"})
    rows = db.session.scalars(db.select(OutboxMessage)).all()
    assert rows and all(row.is_urgent for row in rows)
    page = client.get(f"/sessions/{team.session.id}").get_data(as_text=True)
    assert "changed less than 48 hours before it starts" in page
    assert "Ann Smith" in page  # no email address: the coordinator must phone her
    dashboard = client.get("/coordinator").get_data(as_text=True)
    assert "Urgent calendar changes" in dashboard
    assert team.person.full_name in dashboard


def test_changes_far_ahead_are_not_urgent_and_past_sessions_send_nothing(db, smtp):
    team = make_team(email="lee@example.org")
    assert not notify.is_urgent(team.session)
    past = make_team(email="old@example.org", starts_at=utc_now() - timedelta(days=3))
    sessions_service.change_status(past.session, SessionStatus.DELIVERED, actor=None)
    notify.offer_accepted(own_assignment(past), actor=None)
    sent_after_commit(db)
    assert smtp.received == []


def test_marking_delivered_sends_nothing(db, smtp):
    team = make_team(email="lee@example.org", starts_at=utc_now() - timedelta(hours=8))
    sessions_service.change_status(team.session, SessionStatus.DELIVERED, actor=None)
    sent_after_commit(db)
    assert smtp.received == []


def test_every_queued_message_parses(db):
    team = make_team(email="lee@example.org")
    notify.offer_accepted(own_assignment(team), actor=None)
    take_off(team)
    for row in db.session.scalars(db.select(OutboxMessage)):
        message = email.message_from_bytes(row.message, policy=email.policy.default)
        method, calendar = invite_of(message)
        assert method == row.method == str(calendar["METHOD"])
        [attachment] = [p for p in message.walk() if p.get_content_type() == "application/ics"]
        assert attachment.get_filename() == "invite.ics"
        check_calendar(attachment.get_payload(decode=True))
