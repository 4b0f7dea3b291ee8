"""VTIMEZONE components from the zone database, for the years a calendar covers.

icalendar builds and writes the component. What it does not do is write a yearly RRULE:
`Timezone.from_tzinfo` lists every change as an RDATE, with the spring DTSTART in the new offset
(an hour late by RFC 5545), and vobject and Outlook misread such zones. So the changes are found
here and, when they follow one yearly rule, written as that rule.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from trainer.calendars.sanitise import text

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
#: (offset before, offset after, DST, name): one kind of change, one observance
Kind = tuple[timedelta, timedelta, timedelta, str]


@lru_cache(maxsize=128)
def vtimezone(zone: ZoneInfo, first_year: int, last_year: int) -> Timezone:
    """The zone's real changes from first_year - 1 to last_year (cached: do not modify it).

    A yearly RRULE when the changes follow one (Outlook mishandles RDATE-only zones), else RDATEs.
    """
    changes = _transitions(zone, first_year - 1, last_year)
    if not changes:
        return _component(zone.key, [_fixed_observance(zone, datetime(1970, 1, 1))])  # noqa: DTZ001
    onsets: dict[Kind, list[datetime]] = {}
    for utc_at, before, after in changes:
        onsets.setdefault((before[0], *after), []).append(utc_at + before[0])
    years = range(first_year - 1, last_year + 1)
    rules = {kind: _yearly_rule(starts, years) for kind, starts in onsets.items()}
    if all(rules.values()):
        blocks = [_observance(kind, starts[:1], rules[kind]) for kind, starts in onsets.items()]
    else:
        blocks = [_fixed_observance(zone, datetime(first_year - 1, 1, 1))]  # noqa: DTZ001
        blocks += [_observance(kind, starts, None) for kind, starts in onsets.items()]
    return _component(zone.key, blocks)


@lru_cache(maxsize=128)
def vtimezone_bytes(zone: ZoneInfo, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE as written, for feeds that are assembled from bytes (cached)."""
    return vtimezone(zone, first_year, last_year).to_ical(sorted=False)


def _component(tzid: str, blocks: list[TimezoneStandard | TimezoneDaylight]) -> Timezone:
    component = Timezone()
    component.add("TZID", text(tzid))
    component.add("X-LIC-LOCATION", text(tzid))
    component.subcomponents.extend(blocks)
    return component


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


def _yearly_rule(onsets: list[datetime], years: range) -> vRecur | None:
    """FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU when every year's onset follows one rule, else None."""
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
    return vRecur(freq="YEARLY", bymonth=first.month, byday=f"{week}{_WEEKDAYS[first.weekday()]}")


def _observance(
    kind: Kind, onsets: list[datetime], rule: vRecur | None
) -> TimezoneStandard | TimezoneDaylight:
    """A STANDARD or DAYLIGHT block; DTSTART is the local time just before the change."""
    offset_from, offset_to, dst, name = kind
    block = TimezoneDaylight() if dst else TimezoneStandard()
    block.add("TZOFFSETFROM", offset_from)
    block.add("TZOFFSETTO", offset_to)
    block.add("TZNAME", text(name))
    block.add("DTSTART", onsets[0])
    if rule:
        block.add("RRULE", rule)
    for onset in onsets[1:]:
        block.add("RDATE", onset)
    return block


def _fixed_observance(zone: ZoneInfo, start: datetime) -> TimezoneStandard | TimezoneDaylight:
    offset, dst, name = _state(zone, start.replace(tzinfo=UTC))
    return _observance((offset, offset, dst, name), [start], None)
