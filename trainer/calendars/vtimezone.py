"""VTIMEZONE blocks written from the zone database, for the years a calendar covers."""

from __future__ import annotations

from calendar import monthrange
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from trainer.calendars.contentlines import escape_text, serialise

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@lru_cache(maxsize=128)
def vtimezone(zone: ZoneInfo, first_year: int, last_year: int) -> bytes:
    """A VTIMEZONE for the zone's real changes from first_year - 1 to last_year (cached).

    A yearly RRULE when the changes follow one (Outlook mishandles RDATE-only zones), else RDATEs.
    """
    tzid = zone.key
    changes = _transitions(zone, first_year - 1, last_year)
    if not changes:
        start = datetime(1970, 1, 1)  # noqa: DTZ001 (a wall-clock time)
        return serialise(_zone_lines(tzid, [_fixed_observance(zone, start)]))
    onsets: dict[tuple, list[datetime]] = {}
    for utc_at, before, after in changes:
        onsets.setdefault((before[0], *after), []).append(utc_at + before[0])
    years = range(first_year - 1, last_year + 1)
    rules = {kind: _yearly_rule(starts, years) for kind, starts in onsets.items()}
    if all(rules.values()):
        blocks = [_observance(kind, starts[:1], rules[kind]) for kind, starts in onsets.items()]
    else:
        blocks = [_fixed_observance(zone, datetime(first_year - 1, 1, 1))]  # noqa: DTZ001
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
    day = datetime(first_year, 1, 1, tzinfo=UTC)
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
    offset, dst, name = _state(zone, start.replace(tzinfo=UTC))
    return _observance((offset, offset, dst, name), [start], None)


def _offset(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    sign, seconds = ("-" if seconds < 0 else "+"), abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")
