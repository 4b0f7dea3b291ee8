"""Sessions as iCalendar (RFC 5545) bytes: pure functions of plain values, cacheable per event."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from zoneinfo import ZoneInfo

from trainer.calendars.contentlines import (
    BREAKS,
    CONTROLS,
    escape_text,
    local_stamp,
    minutes_before,
    param,
    safe_url,
    serialise,
    utc_stamp,
)
from trainer.calendars.vtimezone import vtimezone

PRODID = "-//Heads Together//Training calendar//EN"
#: Bump when the bytes a given EventData renders to change, so feed ETags change too.
FORMAT_VERSION = "1"
DEFAULT_ZONE = ZoneInfo("Europe/London")
STATUSES = ("CONFIRMED", "TENTATIVE", "CANCELLED")


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


def event_lines(event: EventData, tz: ZoneInfo, *, dtstamp: datetime | None = None) -> list[str]:
    """The VEVENT's unfolded content lines, from BEGIN:VEVENT to END:VEVENT."""
    zone = param("TZID", tz.key)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"SEQUENCE:{event.sequence}",
        f"DTSTAMP:{utc_stamp(dtstamp or event.last_modified)}",
        f"DTSTART{zone}:{local_stamp(event.starts_at, tz)}",
        f"DTEND{zone}:{local_stamp(event.ends_at, tz)}",
        f"STATUS:{event.status}",
        f"SUMMARY:{escape_text(event.summary)}",
        f"LOCATION:{escape_text(event.location)}",
        f"LAST-MODIFIED:{utc_stamp(event.last_modified)}",
        f"TRANSP:{'TRANSPARENT' if event.status == 'CANCELLED' else 'OPAQUE'}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if url := safe_url(event.url):
        lines.append(f"URL;VALUE=URI:{url}")
    return lines + alarm_lines(event) + ["END:VEVENT"]


def alarm_lines(event: EventData) -> list[str]:
    """One display VALARM per chosen reminder; none for a cancelled session."""
    if event.status == "CANCELLED":
        return []
    text = f"DESCRIPTION:{escape_text(event.summary)}"
    lines: list[str] = []
    for minutes in sorted(set(event.alarms), reverse=True):
        trigger = f"TRIGGER:{minutes_before(minutes)}"
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", text, trigger, "END:VALARM"]
    return lines


def render_event(event: EventData, tz: ZoneInfo = DEFAULT_ZONE) -> bytes:
    """One VEVENT, folded, CRLF; no ORGANIZER or ATTENDEE. DTSTAMP is last_modified."""
    return serialise(event_lines(event, tz))


# -- calendars, cache and ETag -----------------------------------------------------------------


class EventCache:
    """A bounded, thread-safe LRU of rendered VEVENT bytes, keyed by the whole EventData value."""

    def __init__(self, maxsize: int = 20_000) -> None:
        self.maxsize = maxsize
        self.hits = self.misses = 0
        #: Insertion order is recency order: a hit is popped and put back at the end.
        self._entries: dict[tuple[str, EventData], bytes] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def render_many(self, events: list[EventData], tz: ZoneInfo) -> list[bytes]:
        """Each event's VEVENT bytes: cached ones reused, the rest rendered and remembered."""
        keys = [(tz.key, event) for event in events]
        with self._lock:
            found = [self._touch(key) for key in keys]
        missing = {
            key: render_event(key[1], tz)
            for key, data in zip(keys, found, strict=True)
            if data is None
        }
        self._remember(missing, len(keys) - len(missing))
        return [
            data if data is not None else missing[key]
            for key, data in zip(keys, found, strict=True)
        ]

    def _touch(self, key: tuple[str, EventData]) -> bytes | None:
        data = self._entries.pop(key, None)
        if data is not None:
            self._entries[key] = data
        return data

    def _remember(self, rendered: dict[tuple[str, EventData], bytes], hits: int) -> None:
        with self._lock:
            self.hits, self.misses = self.hits + hits, self.misses + len(rendered)
            self._entries.update(rendered)
            excess = len(self._entries) - self.maxsize
            for key in list(islice(self._entries, max(excess, 0))):
                del self._entries[key]


#: The process-wide cache render_calendar uses unless given another (or None for no cache).
EVENT_CACHE = EventCache()


def render_calendar(
    events: Iterable[EventData],
    tz: ZoneInfo = DEFAULT_ZONE,
    *,
    name: str | None = None,
    method: str | None = None,
    refresh_minutes: int | None = None,
    cache: EventCache | None = EVENT_CACHE,
) -> bytes:
    """A whole VCALENDAR: header, one VTIMEZONE for the events' years, cached VEVENTs, footer."""
    events = list(events)
    if cache is None:
        bodies = [render_event(event, tz) for event in events]
    else:
        bodies = cache.render_many(events, tz)
    zone = b""
    if events:
        first = min(event.starts_at for event in events).astimezone(tz)
        last = max(event.ends_at for event in events).astimezone(tz)
        zone = vtimezone(tz, first.year, last.year)
    header = serialise(_calendar_lines(tz, name, method, refresh_minutes))
    return b"".join([header, zone, *bodies, b"END:VCALENDAR\r\n"])


def _calendar_lines(
    tz: ZoneInfo, name: str | None, method: str | None, refresh: int | None
) -> list[str]:
    lines = ["BEGIN:VCALENDAR", f"PRODID:{PRODID}", "VERSION:2.0", "CALSCALE:GREGORIAN"]
    if method:
        if method != "PUBLISH":
            raise ValueError(f"feeds and downloads publish; {method!r} is for itip.render_invite")
        lines.append(f"METHOD:{method}")
    if name:
        lines += [f"NAME:{escape_text(name)}", f"X-WR-CALNAME:{escape_text(name)}"]
    lines.append(f"X-WR-TIMEZONE:{escape_text(tz.key)}")
    if refresh:
        every = f"PT{int(refresh)}M"
        lines += [f"REFRESH-INTERVAL;VALUE=DURATION:{every}", f"X-PUBLISHED-TTL:{every}"]
    return lines


def etag_for(events: Iterable[EventData | tuple[str, int, datetime]], *, salt: str = "") -> str:
    """A strong ETag (unquoted, for Response.set_etag) from each (uid, sequence, last_modified)."""
    parts = [FORMAT_VERSION, salt]
    for item in events:
        uid, sequence, modified = (
            (item.uid, item.sequence, item.last_modified) if isinstance(item, EventData) else item
        )
        parts.append(f"{uid}\x1e{sequence}\x1e{modified.timestamp()!r}")
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()
