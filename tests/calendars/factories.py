"""Keyword-only builders and parsers shared by the calendar tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import vobject

from trainer.calendars.ics import EventData
from trainer.calendars.itip import SessionDetails

#: the organisation's zone in these tests; the app passes its configured TIMEZONE
LONDON = ZoneInfo("Europe/London")
HOSTILE = "Ann\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nATTENDEE:mailto:x@evil.test"
AWKWARD = "Hall; Room 2, \\ back"


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def make_event(
    *,
    uid: str = "6b1f7c1e-0d2a-4d43-9a55-2f0c1d7e8a10@heads-together",
    sequence: int = 0,
    status: str = "CONFIRMED",
    starts_at: datetime | None = None,
    hours: float = 7,
    last_modified: datetime | None = None,
    summary: str = "Oliver McGowan Tier 2 – autistic co-trainer",
    location: str = "Riverside Centre, 1 Mill Lane, Leeds LS1 1AA",
    description: str = "When: Monday 30 March 2026, 10am to 4:30pm",
    url: str | None = None,
    alarms: tuple[int, ...] = (),
) -> EventData:
    starts_at = starts_at or utc(2026, 3, 30, 9)
    return EventData(
        uid=uid,
        sequence=sequence,
        status=status,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        last_modified=last_modified or utc(2026, 3, 1, 12),
        summary=summary,
        location=location,
        description=description,
        url=url,
        alarms=alarms,
    )


def make_details(
    *,
    starts_at: datetime | None = None,
    location: str = "Riverside Centre, 1 Mill Lane, Leeds LS1 1AA",
    joining_link: str | None = None,
    arrive: bool = True,
    ask_for: str | None = "Jo Bloggs at reception",
    team: tuple[tuple[str, str], ...] = (
        ("Sam Patel", "facilitating trainer"),
        ("Ann Smith", "co-trainer with a learning disability"),
        ("Lee Jones", "autistic co-trainer"),
    ),
    support: tuple[str, ...] = ("A quiet room at lunch",),
    bring: tuple[str, ...] = ("Your lunch",),
) -> SessionDetails:
    starts_at = starts_at or utc(2026, 3, 30, 9)
    return SessionDetails(
        programme="Oliver McGowan Tier 2",
        role="autistic co-trainer",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=6, minutes=30),
        location=location,
        joining_link=joining_link,
        arrive_at=starts_at - timedelta(minutes=30) if arrive else None,
        ask_for=ask_for,
        team=team,
        support=support,
        bring=bring,
    )


def parse_icalendar(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def parse_vobject(data: bytes):
    return vobject.readOne(data.decode("utf-8"))


def physical_lines(data: bytes) -> list[bytes]:
    """The file's lines as sent, after checking every one ends in CRLF."""
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    assert not any(b"\r" in line or b"\n" in line for line in lines)
    return lines


def unfolded(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]
