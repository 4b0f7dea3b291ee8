"""Helpers for calendar tests that go through the app: a team, a feed, a real SMTP server,
and checks every served or sent .ics must pass."""

from __future__ import annotations

import email
import email.policy
import re
import socket
from dataclasses import dataclass
from datetime import datetime

import icalendar
import vobject
from aiosmtpd.controller import Controller

from tests import factories
from trainer.calendars import service as calendar_service
from trainer.models import OfferStatus, SessionStatus


@dataclass
class Team:
    session: object
    person: object
    others: list
    role: object


def make_team(
    *,
    starts_at: datetime | None = None,
    online: bool = False,
    email: str = "",
    name: str | None = None,
    venue_values: dict | None = None,
    **person_values,
) -> Team:
    """A scheduled session whose three seats are accepted; `person` is the one under test."""
    roles = factories.make_trio()
    programme = factories.make_programme(
        roles=roles, online=online, duration=420, name=f"Oliver McGowan Tier 2 {next(_ids)}"
    )
    venue = None if online else factories.make_venue(**(venue_values or {}))
    session = factories.make_session(
        programme=programme,
        venue=venue,
        starts_at=starts_at or factories.days_ahead(10, 9, 30),
        status=SessionStatus.SCHEDULED,
    )
    person = factories.make_person(roles=[roles[2]], name=name, email=email, **person_values)
    others = [
        factories.make_person(roles=[roles[0]], name="Sam Patel"),
        factories.make_person(roles=[roles[1]], name="Ann Smith"),
    ]
    for member, role in zip(others, roles[:2], strict=True):
        factories.make_assignment(session=session, person=member, role=role)
    factories.make_assignment(session=session, person=person, role=roles[2])
    return Team(session, person, others, roles[2])


_ids = iter(range(1, 10**6))


def feed_url(person) -> str:
    feed = calendar_service.new_link(person=person, actor=None)
    return f"/calendar/{feed.token}.ics"


def own_assignment(team: Team):
    return next(a for a in team.session.assignments if a.person_id == team.person.id)


def take_off(team: Team, status=OfferStatus.WITHDRAWN):
    from trainer.calendars import notify

    assignment = own_assignment(team)
    notify.person_removed(assignment, actor=None)
    assignment.offer_status = status
    return assignment


# -- checks -------------------------------------------------------------------------------------


def check_calendar(data: bytes) -> tuple[icalendar.Calendar, object]:
    """Parse with icalendar and vobject; CRLF lines of at most 75 octets; each TZID defined."""
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    assert all(b"\r" not in line and b"\n" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)
    calendar = icalendar.Calendar.from_ical(data)
    parsed = vobject.readOne(data.decode("utf-8"))
    text = data.decode().replace("\r\n ", "")
    used = set(re.findall(r";TZID=([^:;]+)", text))
    defined = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    assert used <= defined, f"TZIDs without a VTIMEZONE: {used - defined}"
    assert len(calendar.walk("VTIMEZONE")) <= 1
    return calendar, parsed


def events_by_uid(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    events = calendar.walk("VEVENT")
    uids = [str(event["UID"]) for event in events]
    assert len(uids) == len(set(uids)), "one event per session"
    return dict(zip(uids, events, strict=True))


# -- a real SMTP server ---------------------------------------------------------------------------


class Inbox:
    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.received.append((envelope.mail_from, envelope.rcpt_tos, envelope.content))
        return "250 Message accepted for delivery"

    def messages(self) -> list[email.message.EmailMessage]:
        return [
            email.message_from_bytes(content, policy=email.policy.default)
            for _, _, content in self.received
        ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_smtp() -> tuple[Controller, Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, inbox


def calendar_part(message: email.message.EmailMessage) -> email.message.EmailMessage:
    return next(part for part in message.walk() if part.get_content_type() == "text/calendar")


def invite_of(message) -> tuple[str, icalendar.Calendar]:
    """The method parameter of the text/calendar part, and the calendar it carries (checked)."""
    part = calendar_part(message)
    data = part.get_payload(decode=True)
    calendar, _ = check_calendar(data)
    return part.get_param("method"), calendar
