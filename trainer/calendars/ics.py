"""Sessions as iCalendar (RFC 5545) bytes, written by icalendar: pure functions of plain values,
cacheable per event."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vCalAddress, vDatetime, vDuration, vInt, vText, vUri

from trainer.calendars.event_cache import EventCache
from trainer.calendars.sanitise import BREAKS, CONTROLS, param_text, safe_url, text
from trainer.calendars.vtimezone import vtimezone, vtimezone_bytes
from trainer.clock import utc_now

PRODID = "-//Heads Together//Training calendar//EN"
#: Bump when the bytes a given EventData renders to change, so feed ETags change too.
FORMAT_VERSION = "2"
STATUSES = ("CONFIRMED", "TENTATIVE", "CANCELLED")
Method = Literal["REQUEST", "CANCEL"]
_EMAIL = re.compile(r"[^@\s\"<>(),;:\\\[\]]+@[^@\s\"<>(),;:\\\[\]]+")
_END = b"END:VCALENDAR\r\n"
_END_EVENT = b"END:VEVENT\r\n"


@dataclass(frozen=True, slots=True)
class EventData:
    """What a calendar shows for one session, for one reader. Times are aware UTC."""

    uid: str
    sequence: int
    status: str
    starts_at: datetime
    ends_at: datetime
    last_modified: datetime
    summary: str
    location: str
    description: str = ""
    url: str | None = None
    #: Reminders, in minutes before the start; () means none.
    alarms: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if not self.uid.strip() or CONTROLS.search(self.uid) or BREAKS.search(self.uid):
            raise ValueError("uid must be non-empty plain text")
        if self.sequence < 0 or self.status not in STATUSES:
            raise ValueError(f"bad sequence or status: {self.sequence}, {self.status!r}")
        for moment in (self.starts_at, self.ends_at, self.last_modified):
            if moment.utcoffset() is None:
                raise ValueError("datetimes must be timezone-aware")
        if self.ends_at <= self.starts_at:
            raise ValueError("a session must end after it starts")
        if any(minutes < 0 for minutes in self.alarms):
            raise ValueError("alarms are minutes before the start, not after")


# -- one event ---------------------------------------------------------------------------------


def event_component(event: EventData, tz: ZoneInfo, *, dtstamp: datetime | None = None) -> Event:
    """The VEVENT with its VALARMs, and no ORGANIZER or ATTENDEE. DTSTAMP is last_modified unless
    given."""
    component = _event_without_alarms(event, tz, dtstamp)
    component.subcomponents += _alarms(event.summary, _reminders(event))
    return component


def render_event(event: EventData, tz: ZoneInfo) -> bytes:
    """One VEVENT, folded, CRLF: event_component's bytes, with the VALARMs (the same for every
    session a person sees under one summary) written once and reused."""
    body = _event_without_alarms(event, tz, None).to_ical(sorted=False)
    alarms = _alarm_bytes(event.summary, _reminders(event))
    return body.removesuffix(_END_EVENT) + alarms + _END_EVENT


def _event_without_alarms(event: EventData, tz: ZoneInfo, dtstamp: datetime | None) -> Event:
    """Values go in as icalendar's own types, so it has nothing to guess (a cold feed renders
    thousands of these)."""
    modified = vDatetime(event.last_modified.astimezone(UTC))
    cancelled = event.status == "CANCELLED"
    component = Event()
    for name, value in (
        ("UID", vText(event.uid)),
        ("SEQUENCE", vInt(event.sequence)),
        ("DTSTAMP", vDatetime(dtstamp.astimezone(UTC)) if dtstamp else modified),
        ("DTSTART", vDatetime(event.starts_at.astimezone(tz))),
        ("DTEND", vDatetime(event.ends_at.astimezone(tz))),
        ("STATUS", vText(event.status)),
        ("SUMMARY", text(event.summary)),
        ("LOCATION", text(event.location)),
        ("LAST-MODIFIED", modified),
        ("TRANSP", vText("TRANSPARENT" if cancelled else "OPAQUE")),
    ):
        component[name] = value
    if event.description:
        component["DESCRIPTION"] = text(event.description)
    if url := safe_url(event.url):
        component["URL"] = vUri(url)
    return component


def _reminders(event: EventData) -> tuple[int, ...]:
    """Minutes before the start, earliest reminder first; none for a cancelled session."""
    return () if event.status == "CANCELLED" else tuple(sorted(set(event.alarms), reverse=True))


def _alarms(summary: str, reminders: tuple[int, ...]) -> list[Alarm]:
    """One display VALARM per reminder, showing the summary."""
    found = []
    for minutes in reminders:
        alarm = Alarm()
        alarm.add("ACTION", vText("DISPLAY"))
        alarm.add("DESCRIPTION", text(summary))
        alarm.add("TRIGGER", vDuration(timedelta(minutes=-minutes)))
        found.append(alarm)
    return found


@lru_cache(maxsize=1024)
def _alarm_bytes(summary: str, reminders: tuple[int, ...]) -> bytes:
    return b"".join(alarm.to_ical(sorted=False) for alarm in _alarms(summary, reminders))


#: The process-wide cache render_calendar uses unless given another (or None for no cache).
EVENT_CACHE = EventCache()


def forget_shared_parts() -> None:
    """Empty the caches of reminder and time zone bytes (benchmarks time a cold start so)."""
    _alarm_bytes.cache_clear()
    vtimezone.cache_clear()
    vtimezone_bytes.cache_clear()


# -- calendars ---------------------------------------------------------------------------------


def _calendar(
    *,
    tz: ZoneInfo | None = None,
    name: str | None = None,
    method: str | None = None,
    refresh_minutes: int | None = None,
) -> Calendar:
    """The VCALENDAR's own properties, with no components yet; a feed names its zone `tz`.

    Text goes in as vText: icalendar 7.3 writes a plain string for NAME or an X- property as
    it is, without escaping.
    """
    calendar = Calendar()
    for key, value in (("PRODID", PRODID), ("VERSION", "2.0"), ("CALSCALE", "GREGORIAN")):
        calendar.add(key, vText(value))
    if method:
        calendar.add("METHOD", vText(method))
    if name:
        calendar.add("NAME", text(name))
        calendar.add("X-WR-CALNAME", text(name))
    if tz:
        calendar.add("X-WR-TIMEZONE", text(tz.key))
    if refresh_minutes:
        every = timedelta(minutes=int(refresh_minutes))
        calendar.add("REFRESH-INTERVAL", vDuration(every, params={"VALUE": "DURATION"}))
        calendar.add("X-PUBLISHED-TTL", vDuration(every))
    return calendar


def _zone_years(events: Iterable[EventData], tz: ZoneInfo) -> tuple[int, int]:
    """The first and last local year the events touch, for the VTIMEZONE."""
    moments = [moment for e in events for moment in (e.starts_at, e.ends_at)]
    years = [moment.astimezone(tz).year for moment in (min(moments), max(moments))]
    return years[0], years[1]


def render_calendar(
    events: Iterable[EventData],
    tz: ZoneInfo,
    *,
    name: str | None = None,
    method: str | None = None,
    refresh_minutes: int | None = None,
    cache: EventCache | None = EVENT_CACHE,
) -> bytes:
    """A whole VCALENDAR: header, one VTIMEZONE for the events' years, cached VEVENTs, footer."""
    if method and method != "PUBLISH":
        raise ValueError(f"feeds and downloads publish; {method!r} is for render_invite")
    events = list(events)
    if cache is None:
        bodies = [render_event(event, tz) for event in events]
    else:
        bodies = cache.render_many(events, tz, render_event)
    zone = vtimezone_bytes(tz, *_zone_years(events, tz)) if events else b""
    header = _calendar(tz=tz, name=name, method=method, refresh_minutes=refresh_minutes)
    return b"".join([header.to_ical(sorted=False).removesuffix(_END), zone, *bodies, _END])


# -- emailed invites (the email itself is itip's) ---------------------------------------------


def _address(email: str, name: str, **params: str | bool) -> vCalAddress:
    """A mailto: CAL-ADDRESS with CN; only plain addresses, so nothing can break out."""
    if not _EMAIL.fullmatch(email):
        raise ValueError(f"not a plain email address: {email!r}")
    return vCalAddress.new(email, cn=param_text(name), **params)


def render_invite(
    event: EventData,
    *,
    method: Method,
    organizer_email: str,
    organizer_name: str,
    attendee_email: str,
    attendee_name: str,
    tz: ZoneInfo,
    partstat: Literal["NEEDS-ACTION", "ACCEPTED"] = "ACCEPTED",
    dtstamp: datetime | None = None,
) -> bytes:
    """An iTIP VCALENDAR for one attendee: METHOD, VTIMEZONE, VEVENT with ORGANIZER/ATTENDEE."""
    if method not in ("REQUEST", "CANCEL") or partstat not in ("NEEDS-ACTION", "ACCEPTED"):
        raise ValueError(f"unsupported method or partstat: {method!r}, {partstat!r}")
    if (method == "CANCEL") != (event.status == "CANCELLED"):
        raise ValueError("CANCEL goes with STATUS:CANCELLED, and REQUEST with any other status")
    component = event_component(event, tz, dtstamp=dtstamp or utc_now())
    component.add("ORGANIZER", _address(organizer_email, organizer_name))
    attendee = _address(
        attendee_email,
        attendee_name,
        cutype="INDIVIDUAL",
        role="REQ-PARTICIPANT",
        partstat=partstat,
        rsvp=False,
    )
    component.add("ATTENDEE", attendee)
    calendar = _calendar(method=method)
    calendar.add_component(vtimezone(tz, *_zone_years([event], tz)))
    calendar.add_component(component)
    return calendar.to_ical(sorted=False)


def etag_for(events: Iterable[EventData | tuple[str, int, datetime]], *, salt: str = "") -> str:
    """A strong ETag (unquoted, for Response.set_etag) from each (uid, sequence, last_modified)."""
    parts = [FORMAT_VERSION, salt]
    for item in events:
        uid, sequence, modified = (
            (item.uid, item.sequence, item.last_modified) if isinstance(item, EventData) else item
        )
        parts.append(f"{uid}\x1e{sequence}\x1e{modified.timestamp()!r}")
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()
