"""Emailed invitations: iTIP structure, a real SMTP round trip, and the words people read."""

import email
import email.policy
import re
import smtplib
import socket
from datetime import UTC
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from tests.calendars.factories import (
    HOSTILE,
    LONDON,
    make_details,
    make_event,
    parse_icalendar,
    parse_vobject,
    unfolded,
    utc,
)
from trainer.calendars.ics import render_invite
from trainer.calendars.itip import build_invite_email, easy_read_body, plain_body


def make_invite(*, method: str = "REQUEST", sequence: int = 1, **changes) -> EmailMessage:
    status = "CANCELLED" if method == "CANCEL" else "CONFIRMED"
    values = {
        "method": method,
        "organizer_email": "coordinator@heads-together.example",
        "organizer_name": "Heads Together coordinator",
        "attendee_email": "lee@example.org",
        "attendee_name": "Lee Jones",
        "from_addr": "Heads Together <coordinator@heads-together.example>",
        "to_addrs": ["Lee Jones <lee@example.org>"],
        "subject": "Your session on Monday 30 March",
        "text_body": "Hello Lee,\n\nYou are booked. – Zoë",
        "dtstamp": utc(2026, 3, 2, 9),
        "tz": LONDON,
    }
    event = make_event(sequence=sequence, status=status, alarms=(1440,))
    return build_invite_email(event, **(values | changes))


def calendar_part(message: EmailMessage) -> EmailMessage:
    return next(part for part in message.walk() if part.get_content_type() == "text/calendar")


def test_request_is_multipart_with_text_calendar_part_and_ics_attachment():
    message = make_invite()
    assert message.get_content_type() == "multipart/mixed"
    types = [part.get_content_type() for part in message.walk()]
    assert types == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/calendar",
        "application/ics",
    ]
    part = calendar_part(message)
    assert b'Content-Type: text/calendar; charset="utf-8"; method=REQUEST\n' in message.as_bytes()
    attachment = next(message.iter_attachments())
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_content() == part.get_content().encode()


def test_method_parameter_matches_method_in_the_calendar_and_organizer_attendee_are_there():
    for method in ("REQUEST", "CANCEL"):
        part = calendar_part(make_invite(method=method, sequence=2))
        calendar = parse_icalendar(part.get_content().encode())
        assert part.get_param("method") == str(calendar["METHOD"]) == method
        event = calendar.events[0]
        assert str(event["ORGANIZER"]) == "mailto:coordinator@heads-together.example"
        attendee = event["ATTENDEE"]
        assert str(attendee) == "mailto:lee@example.org"
        assert attendee.params["PARTSTAT"] == "ACCEPTED" and attendee.params["RSVP"] == "FALSE"
        assert attendee.params["CN"] == "Lee Jones"
        assert calendar.get_missing_tzids() == set()


@pytest.mark.parametrize("method", ["REQUEST", "CANCEL"])
def test_invite_part_and_attachment_read_back_the_same_in_icalendar_and_vobject(method):
    message = make_invite(method=method, sequence=2)
    attachment = next(message.iter_attachments()).get_content()
    for data in (calendar_part(message).get_content().encode(), attachment):
        by_icalendar, by_vobject = parse_icalendar(data), parse_vobject(data)
        [event], parsed = by_icalendar.events, by_vobject.vevent
        assert str(by_icalendar["METHOD"]) == by_vobject.method.value == method
        assert str(event["UID"]) == parsed.uid.value == make_event().uid
        assert event.start.astimezone(UTC) == parsed.dtstart.value.astimezone(UTC)
        assert parsed.dtstart.value.astimezone(UTC) == utc(2026, 3, 30, 9)
        assert int(event["SEQUENCE"]) == int(parsed.sequence.value) == 2
        assert str(event["STATUS"]) == parsed.status.value
        assert parsed.organizer.value == "mailto:coordinator@heads-together.example"
        assert parsed.attendee.params["PARTSTAT"] == ["ACCEPTED"]
        assert by_vobject.vtimezone.tzid.value == "Europe/London"
        assert by_icalendar.get_missing_tzids() == set()
        reminders = 1 if method == "REQUEST" else 0
        assert len(event.walk("VALARM")) == len(parsed.contents.get("valarm", [])) == reminders


def test_cancel_says_cancelled_with_a_higher_sequence_than_the_request():
    sent = [
        calendar_part(make_invite(method=m, sequence=s)) for m, s in (("REQUEST", 1), ("CANCEL", 2))
    ]
    request, cancel = (parse_vobject(part.get_content().encode()).vevent for part in sent)
    assert request.uid.value == cancel.uid.value
    assert int(cancel.sequence.value) > int(request.sequence.value)
    assert cancel.status.value == "CANCELLED"


def test_method_and_status_must_agree():
    with pytest.raises(ValueError):
        build_invite_email(make_event(status="CONFIRMED"), **invite_people(method="CANCEL"))
    with pytest.raises(ValueError):
        build_invite_email(make_event(status="CANCELLED"), **invite_people(method="REQUEST"))


def invite_people(**changes) -> dict:
    return {
        "method": "REQUEST",
        "organizer_email": "c@example.org",
        "organizer_name": "C",
        "attendee_email": "a@example.org",
        "attendee_name": "A",
        "from_addr": "c@example.org",
        "to_addrs": ["a@example.org"],
        "subject": "S",
        "text_body": "T",
        "tz": LONDON,
    } | changes


def test_partstat_can_ask_for_a_reply_but_never_asks_for_rsvp():
    data = render_invite(
        make_event(),
        **{
            k: v
            for k, v in invite_people().items()
            if k not in ("from_addr", "to_addrs", "subject", "text_body")
        },
        partstat="NEEDS-ACTION",
    )
    attendee = parse_icalendar(data).events[0]["ATTENDEE"]
    assert (attendee.params["PARTSTAT"], attendee.params["RSVP"]) == ("NEEDS-ACTION", "FALSE")


def test_hostile_names_stay_inside_their_parameter_and_bad_addresses_are_refused():
    part = calendar_part(make_invite(attendee_name=HOSTILE, organizer_name='Jo "Boss", HQ'))
    data = part.get_content().encode()
    [event] = parse_icalendar(data).events
    assert (str(event["ORGANIZER"]), str(event["ATTENDEE"])) == (
        "mailto:coordinator@heads-together.example",
        "mailto:lee@example.org",
    )
    assert event["ATTENDEE"].params["CN"] == " ".join(HOSTILE.split("\r\n"))
    assert event["ORGANIZER"].params["CN"] == "Jo 'Boss', HQ"
    attendee = parse_vobject(data).vevent.attendee
    assert attendee.value == "mailto:lee@example.org"
    assert attendee.params["CN"] == [" ".join(HOSTILE.split("\r\n"))]
    assert [line for line in unfolded(data) if line.startswith(("ATTENDEE", "ORGANIZER"))] == [
        line for line in unfolded(data) if "mailto:" in line
    ]
    with pytest.raises(ValueError):
        make_invite(attendee_email="lee@example.org\r\nATTENDEE:mailto:x@evil.test")


def test_subject_line_breaks_cannot_add_headers():
    message = make_invite(subject="Your session\r\nBcc: everyone@example.org")
    assert message["Subject"] == "Your session Bcc: everyone@example.org"
    assert message["Bcc"] is None


class Inbox:
    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.received.append((envelope.mail_from, envelope.rcpt_tos, envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_invite_survives_a_real_smtp_server_and_parses_at_the_other_end():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        with smtplib.SMTP(controller.hostname, controller.port, timeout=10) as client:
            client.send_message(make_invite())
    finally:
        controller.stop()
    [(sender, recipients, content)] = inbox.received
    assert (sender, recipients) == ("coordinator@heads-together.example", ["lee@example.org"])
    arrived = email.message_from_bytes(content, policy=email.policy.default)
    part = calendar_part(arrived)
    calendar = parse_icalendar(part.get_content().encode())
    assert part.get_param("method") == str(calendar["METHOD"]) == "REQUEST"
    assert str(calendar.events[0]["UID"]) == make_event().uid
    assert calendar.events[0].start.astimezone(utc(2026, 1, 1).tzinfo) == utc(2026, 3, 30, 9)
    assert "Zoë" in arrived.get_body(preferencelist=("plain",)).get_content()


def easy_sentences(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.endswith((".", ":"))]


def test_easy_read_body_uses_short_sentences_one_idea_a_line_and_the_same_words():
    text = easy_read_body(
        make_details(), LONDON, name="Lee", change="new", contact="Jo Bloggs on 0113 496 0000"
    )
    lines = text.splitlines()
    for expected in (
        "Hello Lee.",
        "Your session is on Monday 30 March.",
        "It starts at 10am.",
        "Please arrive at 9:30am.",
        "It ends at 4:30pm.",
        "You will be an autistic co-trainer.",
        "When you get there, ask for Jo Bloggs at reception.",
    ):
        assert expected in lines
    assert all(len(sentence.split()) <= 15 for sentence in easy_sentences(text))
    assert all(sentence.count(". ") == 0 for sentence in easy_sentences(text))
    assert not re.search(r"\b(event|course|meeting|appointment)\b", text, re.IGNORECASE)


def test_easy_read_body_for_online_changed_and_cancelled_sessions():
    online = make_details(location="Online", joining_link="https://meet.example.org/j/9")
    changed = easy_read_body(online, LONDON, name="Lee", change="changed").splitlines()
    assert "Your session has changed." in changed and "Your session is online." in changed
    assert changed[changed.index("Use this link to join your session:") + 1] == (
        "https://meet.example.org/j/9"
    )
    cancelled = easy_read_body(online, LONDON, name="Lee", change="cancelled")
    assert cancelled.splitlines()[2:4] == [
        "Your session on Monday 30 March is cancelled.",
        "You do not need to go.",
    ]


def test_plain_body_says_what_changed_and_then_the_facts():
    details = make_details()
    new = plain_body(details, LONDON, name="Sam", change="new", contact="the coordinator")
    assert new.startswith(
        "Hello Sam,\n\nYou are booked as an autistic co-trainer for "
        "Oliver McGowan Tier 2 on Monday 30 March 2026."
    )
    assert "When: Monday 30 March 2026, 10am to 4:30pm" in new
    assert "has been cancelled" in plain_body(details, LONDON, name="Sam", change="cancelled")
    assert "has changed" in plain_body(details, LONDON, name="Sam", change="changed")
