"""Whole feeds: the calendar header, time zones, the per-event cache and the ETag."""

import threading
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from icalendar import vDuration

from tests.calendars.factories import (
    LONDON,
    make_event,
    parse_icalendar,
    parse_vobject,
    unfolded,
    utc,
)
from trainer.calendars.event_cache import EventCache
from trainer.calendars.ics import etag_for, render_calendar
from trainer.calendars.vtimezone import vtimezone, vtimezone_bytes


def weekly(count: int, *, summary: str = "Oliver McGowan Tier 1 – facilitating trainer") -> list:
    return [
        make_event(
            uid=f"s{n}@heads-together",
            starts_at=utc(2026, 1, 5, 10) + timedelta(weeks=n),
            hours=1,
            summary=summary,
        )
        for n in range(count)
    ]


def test_feed_header_names_the_calendar_zone_and_refresh_interval():
    data = render_calendar(weekly(2), LONDON, name="Ann's sessions", refresh_minutes=60, cache=None)
    lines = unfolded(data)
    assert lines[:4] == [
        "BEGIN:VCALENDAR",
        "PRODID:-//Heads Together//Training calendar//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
    ]
    assert "X-WR-TIMEZONE:Europe/London" in lines
    assert not any(line.startswith("METHOD") for line in lines)
    assert lines[-1] == "END:VCALENDAR"
    calendar = parse_icalendar(data)
    assert calendar.refresh_interval == timedelta(minutes=60)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert vDuration.from_ical(str(calendar["X-PUBLISHED-TTL"])) == timedelta(minutes=60)
    parsed = parse_vobject(data)
    assert parsed.x_wr_calname.value == parsed.name_list[0].value == "Ann's sessions"


def test_method_is_added_only_when_asked_and_only_a_known_one():
    assert "METHOD:PUBLISH" in unfolded(
        render_calendar(weekly(1), LONDON, method="PUBLISH", cache=None)
    )
    for method in ("REQUEST", "PUBLISH\r\nX-EVIL:1"):
        with pytest.raises(ValueError):
            render_calendar(weekly(1), LONDON, method=method, cache=None)


def test_an_empty_feed_is_still_a_valid_calendar():
    data = render_calendar([], LONDON, name="Nothing yet", cache=None)
    assert parse_icalendar(data).events == []
    assert parse_vobject(data).name == "VCALENDAR"


def zone_from(data: bytes) -> tuple:
    wrapped = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\n" + data + b"END:VCALENDAR\r\n"
    by_icalendar = icalendar.Calendar.from_ical(wrapped).timezones[0].to_tz(lookup_tzid=False)
    return by_icalendar, vobject.readOne(wrapped.decode()).vtimezone.gettzinfo()


def instants_to_check(zone: ZoneInfo) -> list[datetime]:
    """Noon every day of 2026-27, and every 15 minutes for two hours either side of a change."""
    days = [utc(2026, 1, 1, 12) + timedelta(days=n) for n in range(730)]
    hours = [utc(2026, 1, 1) + timedelta(hours=n) for n in range(730 * 24)]
    changes = [
        h
        for h, g in pairwise(hours)
        if h.astimezone(zone).utcoffset() != g.astimezone(zone).utcoffset()
    ]
    near = [c + timedelta(minutes=m) for c in changes for m in range(-120, 135, 15)]
    assert len(changes) == 4
    return days + near


@pytest.mark.parametrize("key", ["Europe/London", "America/New_York", "Australia/Sydney"])
def test_vtimezone_matches_the_real_zone_over_the_years_and_at_each_change(key):
    zone = ZoneInfo(key)
    data = vtimezone_bytes(zone, 2026, 2027)
    assert b"RRULE:FREQ=YEARLY" in data and b"RDATE" not in data
    parsers = zone_from(data)
    for moment in instants_to_check(zone):
        for parsed in parsers:
            assert moment.astimezone(parsed).utcoffset() == moment.astimezone(zone).utcoffset()


def test_a_zone_without_a_yearly_rule_is_listed_change_by_change():
    zone = ZoneInfo("Africa/Casablanca")
    data = vtimezone_bytes(zone, 2026, 2027)
    assert b"RDATE" in data
    day, parsers = datetime(2026, 1, 1, 12, tzinfo=UTC), zone_from(data)
    while day.year < 2028:
        for parsed in parsers:
            assert day.astimezone(parsed).utcoffset() == day.astimezone(zone).utcoffset()
        day += timedelta(days=1)


def test_a_zone_without_changes_has_one_fixed_observance():
    data = vtimezone_bytes(ZoneInfo("Asia/Tokyo"), 2026, 2026)
    assert b"TZOFFSETTO:+0900" in data and b"RRULE" not in data and b"RDATE" not in data


def test_vtimezone_is_cached_per_zone_and_years():
    london = ZoneInfo("Europe/London")
    assert vtimezone(london, 2026, 2027) is vtimezone(london, 2026, 2027)


def test_cached_feed_is_byte_for_byte_the_uncached_feed():
    events = weekly(30)
    cache = EventCache()
    uncached = render_calendar(events, LONDON, name="Feed", refresh_minutes=30, cache=None)
    assert render_calendar(events, LONDON, name="Feed", refresh_minutes=30, cache=cache) == uncached
    assert render_calendar(events, LONDON, name="Feed", refresh_minutes=30, cache=cache) == uncached


def test_cache_reuses_unchanged_events_and_rerenders_changed_ones():
    cache = EventCache()
    events = weekly(10)
    render_calendar(events, LONDON, cache=cache)
    changed = [*events[:9], make_event(uid=events[9].uid, sequence=1, location="Online")]
    data = render_calendar(changed, LONDON, cache=cache)
    assert (cache.hits, cache.misses) == (9, 11)
    assert str(parse_icalendar(data).events[-1]["LOCATION"]) == "Online"


def test_one_session_seen_by_different_people_keeps_one_entry_each():
    cache = EventCache()
    trainer_view = weekly(5, summary="Tier 1 – facilitating trainer")
    co_trainer_view = weekly(5, summary="Tier 1 – autistic co-trainer")
    for _ in range(2):
        render_calendar(trainer_view, LONDON, cache=cache)
        render_calendar(co_trainer_view, LONDON, cache=cache)
    assert (cache.hits, cache.misses, len(cache)) == (10, 10, 10)


def test_cache_stays_within_its_size_and_forgets_the_least_recently_used():
    cache = EventCache(maxsize=3)
    events = weekly(5)
    render_calendar(events, LONDON, cache=cache)
    assert len(cache) == 3
    render_calendar(events[-3:], LONDON, cache=cache)
    assert cache.hits == 3


def test_cache_gives_right_feeds_under_concurrent_requests():
    cache, events = EventCache(maxsize=50), weekly(80)
    expected = {n: render_calendar(events[n : n + 40], LONDON, cache=None) for n in range(0, 40, 5)}
    failures: list[int] = []

    def serve(start: int) -> None:
        for _ in range(5):
            if render_calendar(events[start : start + 40], LONDON, cache=cache) != expected[start]:
                failures.append(start)

    threads = [threading.Thread(target=serve, args=(n,)) for n in expected]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == [] and len(cache) <= 50


def test_etag_is_stable_and_changes_with_what_a_calendar_shows():
    events = weekly(3)
    tag = etag_for(events)
    as_tuples = [(event.uid, event.sequence, event.last_modified) for event in events]
    assert tag == etag_for(weekly(3)) == etag_for(as_tuples)
    assert '"' not in tag and len(tag) == 32
    bumped = [*events[:2], make_event(uid=events[2].uid, sequence=1)]
    touched = [*events[:2], make_event(uid=events[2].uid, last_modified=utc(2026, 3, 2))]
    others = {
        etag_for(bumped),
        etag_for(touched),
        etag_for(events[:2]),
        etag_for(events, salt="Europe/London|Ann's sessions|60"),
    }
    assert tag not in others and len(others) == 4
