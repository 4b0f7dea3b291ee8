"""Sessions as iCalendar (RFC 5545) bytes: pure functions of plain values, cacheable per event."""
from __future__ import annotations

import hashlib
import re
import threading
from calendar import monthrange
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from itertools import islice
from typing import Iterable
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

PRODID = "-//Heads Together//Training calendar//EN"
#: Bump when the bytes a given EventData renders to change, so feed ETags change too.
FORMAT_VERSION = "1"
DEFAULT_ZONE = ZoneInfo("Europe/London")
STATUSES = ("CONFIRMED", "TENTATIVE", "CANCELLED")

_BREAKS = re.compile("\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_PARAM_SAFE = re.compile(r"[A-Za-z0-9_+\-/.]+")
_URL_SAFE = "/:?#[]@!$&'()*+,;=%~-._"
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


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
        if not self.uid.strip() or _CONTROLS.search(self.uid) or _BREAKS.search(self.uid):
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


# -- content lines -------------------------------------------------------------------------


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): line breaks as \\n, no control characters."""
    value = _CONTROLS.sub("", _BREAKS.sub("\n", value))
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    )


def param(name: str, value: str) -> str:
    """';NAME=value', quoted unless plainly safe; DQUOTE and control characters cannot pass."""
    if _PARAM_SAFE.fullmatch(value):
        return f";{name}={value}"
    clean = _CONTROLS.sub("", _BREAKS.sub(" ", value)).replace('"', "'")
    return f';{name}="{clean}"'


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded at 75 octets without splitting a character, + CRLF."""
    data = line.encode()
    if len(data) <= 75:
        return data + b"\r\n"
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:
            end -= 1
        parts.append(data[start:end])
        start, limit = end, 74
    parts.append(data[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def serialise(lines: Iterable[str]) -> bytes:
    return b"".join(fold(line) for line in lines)


def local_stamp(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{local:%Y%m%dT%H%M%S}"


def utc_stamp(moment: datetime) -> str:
    return f"{moment.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}"


def minutes_before(minutes: int) -> str:
    """A negative DURATION: 1440 -> '-P1D', 120 -> '-PT2H', 90 -> '-PT1H30M'."""
    if minutes == 0:
        return "PT0S"
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    clock = (f"{hours}H" if hours else "") + (f"{mins}M" if mins else "")
    return "-P" + (f"{days}D" if days else "") + (f"T{clock}" if clock else "")


def safe_url(url: str | None) -> str | None:
    """An http(s) link as a URI value (unsafe characters percent-encoded), else None."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return quote(url.strip(), safe=_URL_SAFE) if scheme in ("http", "https") else None


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


# -- time zones --------------------------------------------------------------------------------


@lru_cache(maxsize=128)
def vtimezone(zone: ZoneInfo, first_year: int, last_year: int) -> bytes:
    """A VTIMEZONE for the zone's real changes from first_year - 1 to last_year (cached).

    A yearly RRULE when the changes follow one (Outlook mishandles RDATE-only zones), else RDATEs.
    """
    tzid = zone.key
    changes = _transitions(zone, first_year - 1, last_year)
    if not changes:
        return serialise(_zone_lines(tzid, [_fixed_observance(zone, datetime(1970, 1, 1))]))
    onsets: dict[tuple, list[datetime]] = {}
    for utc_at, before, after in changes:
        onsets.setdefault((before[0], *after), []).append(utc_at + before[0])
    years = range(first_year - 1, last_year + 1)
    rules = {kind: _yearly_rule(starts, years) for kind, starts in onsets.items()}
    if all(rules.values()):
        blocks = [_observance(kind, starts[:1], rules[kind]) for kind, starts in onsets.items()]
    else:
        blocks = [_fixed_observance(zone, datetime(first_year - 1, 1, 1))]
        blocks += [_observance(kind, starts, None) for kind, starts in onsets.items()]
    return serialise(_zone_lines(tzid, blocks))


def _zone_lines(tzid: str, blocks: list[list[str]]) -> list[str]:
    lines = ["BEGIN:VTIMEZONE", f"TZID:{escape_text(tzid)}", f"X-LIC-LOCATION:{escape_text(tzid)}"]
    return lines + [line for block in blocks for line in block] + ["END:VTIMEZONE"]


def _state(zone: ZoneInfo, at: datetime) -> tuple[timedelta, timedelta, str]:
    local = at.astimezone(zone)
    return local.utcoffset() or timedelta(), local.dst() or timedelta(), local.tzname() or ""


def _transitions(zone: ZoneInfo, first_year: int, last_year: int) -> list[tuple]:
    """(UTC instant, state before, state after) for each change, found day by day then bisected."""
    day = datetime(first_year, 1, 1, tzinfo=timezone.utc)
    end = day.replace(year=last_year + 1)
    changes, before = [], _state(zone, day)
    while day < end:
        after = _state(zone, day + timedelta(days=1))
        if after != before:
            changes.append((_bisect(zone, day, before), before, after))
            before = after
        day += timedelta(days=1)
    return changes


def _bisect(zone: ZoneInfo, day: datetime, before: tuple) -> datetime:
    low, high = 0, 86400
    while high - low > 1:
        middle = (low + high) // 2
        if _state(zone, day + timedelta(seconds=middle)) == before:
            low = middle
        else:
            high = middle
    return (day + timedelta(seconds=high)).replace(tzinfo=None)


def _yearly_rule(onsets: list[datetime], years: range) -> str | None:
    """'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU' when every year's onset follows one rule, else None."""
    if [onset.year for onset in onsets] != list(years):
        return None
    first = onsets[0]
    if len({(o.month, o.time(), o.weekday()) for o in onsets}) > 1:
        return None
    if all(o.day + 7 > monthrange(o.year, o.month)[1] for o in onsets):
        week = -1
    elif len({(o.day - 1) // 7 for o in onsets}) == 1:
        week = (first.day - 1) // 7 + 1
    else:
        return None
    return f"FREQ=YEARLY;BYMONTH={first.month};BYDAY={week}{_WEEKDAYS[first.weekday()]}"


def _observance(kind: tuple, onsets: list[datetime], rule: str | None) -> list[str]:
    """A STANDARD or DAYLIGHT block; DTSTART is the local time just before the change."""
    offset_from, offset_to, dst, name = kind
    block = "DAYLIGHT" if dst else "STANDARD"
    lines = [f"BEGIN:{block}", f"TZOFFSETFROM:{_offset(offset_from)}"]
    lines += [f"TZOFFSETTO:{_offset(offset_to)}", f"TZNAME:{escape_text(name)}"]
    lines.append(f"DTSTART:{onsets[0]:%Y%m%dT%H%M%S}")
    if rule:
        return lines + [f"RRULE:{rule}", f"END:{block}"]
    return lines + [f"RDATE:{onset:%Y%m%dT%H%M%S}" for onset in onsets[1:]] + [f"END:{block}"]


def _fixed_observance(zone: ZoneInfo, start: datetime) -> list[str]:
    offset, dst, name = _state(zone, start.replace(tzinfo=timezone.utc))
    return _observance((offset, offset, dst, name), [start], None)


def _offset(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    sign, seconds = ("-" if seconds < 0 else "+"), abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


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
        missing = {key: render_event(key[1], tz) for key, data in zip(keys, found) if data is None}
        self._remember(missing, len(keys) - len(missing))
        return [data if data is not None else missing[key] for key, data in zip(keys, found)]

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
