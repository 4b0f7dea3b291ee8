"""Feed serving time: our cached renderer against icalendar serialising the same events at once.

.venv/bin/python -m bench.feeds [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone

from trainer.calendars.event_cache import EventCache
from trainer.calendars.ics import EventData, forget_shared_parts, render_calendar
from trainer.calendars.itip import SessionDetails, event_from_details

ZONE = ZoneInfo("Europe/London")
STREETS = ("Mill Lane", "Church Street", "Victoria Road", "Station Approach", "Park View")
TOWNS = ("Leeds LS1 1AA", "Bradford BD1 2BB", "Wakefield WF1 3CC", "Harrogate HG1 4DD")
NAMES = ("Sam Patel", "Ann Smith", "Lee Jones", "Priya Shah", "Tom O'Neill", "Zoë Brown")
STATUSES = ("CONFIRMED",) * 8 + ("TENTATIVE", "CANCELLED")
SUPPORT = (
    "A quiet room at lunch",
    "Slides sent a week before",
    "A support worker (paid)",
    "Step-free access and a hearing loop",
    "Breaks every 45 minutes",
)


def make_events(count: int, seed: int = 7) -> list[EventData]:
    """`count` sessions over 2026 (both clock changes): Tier 1 online hours and Tier 2 days."""
    rng = random.Random(seed)
    return [_event(rng, number) for number in range(count)]


def _event(rng: random.Random, number: int) -> EventData:
    day = date(2026, 1, 5) + timedelta(days=rng.randrange(360))
    online = rng.random() < 0.4
    local_start = datetime(day.year, day.month, day.day, 10 if online else 9, 30, tzinfo=ZONE)
    starts_at = local_start.astimezone(UTC)
    ends_at = starts_at + (timedelta(hours=1) if online else timedelta(hours=7))
    team = tuple(
        zip(
            rng.sample(NAMES, 3),
            (
                "facilitating trainer",
                "co-trainer with a learning disability",
                "autistic co-trainer",
            ),
            strict=True,
        )
    )
    details = SessionDetails(
        programme="Oliver McGowan Tier 1" if online else "Oliver McGowan Tier 2",
        role=team[rng.randrange(3)][1],
        starts_at=starts_at,
        ends_at=ends_at,
        location="Online"
        if online
        else f"Riverside Centre, Room {rng.randrange(1, 9)}, {rng.randrange(1, 200)} "
        f"{rng.choice(STREETS)}, {rng.choice(TOWNS)}",
        joining_link=f"https://meet.example.org/j/{rng.randrange(10**9)}?pwd=x{number}"
        if online
        else None,
        arrive_at=starts_at - timedelta(minutes=30),
        ask_for=None if online else f"{rng.choice(NAMES)} at reception",
        team=team,
        support=tuple(rng.sample(SUPPORT, 2)),
        bring=("Your lunch", "A pen"),
    )
    return event_from_details(
        details,
        uid=f"{number:08d}-6b1f-4d43-9a55-2f0c1d7e8a10@heads-together",
        sequence=rng.randrange(4),
        status=rng.choice(STATUSES),
        last_modified=datetime(2025, 12, 1, tzinfo=UTC) + timedelta(minutes=number),
        alarms=rng.choice([(), (1440,), (1440, 120)]),
        tz=ZONE,
    )


def fresh_copies(events: list[EventData]) -> list[EventData]:
    """Equal events built from new strings, as a new request loading rows would have them."""

    def again(text: str | None) -> str | None:
        return None if text is None else text.encode().decode()

    return [
        EventData(
            again(e.uid),
            e.sequence,
            again(e.status),
            e.starts_at,
            e.ends_at,
            e.last_modified,
            again(e.summary),
            again(e.location),
            again(e.description),
            again(e.url),
            e.alarms,
        )
        for e in events
    ]


def icalendar_feed(events: list[EventData], zone: Timezone) -> bytes:
    """The baseline: the same properties as icalendar components, serialised in one go."""
    calendar = Calendar()
    for name, value in (
        ("PRODID", "-//Heads Together//Training calendar//EN"),
        ("VERSION", "2.0"),
        ("CALSCALE", "GREGORIAN"),
        ("X-WR-CALNAME", "Sessions"),
        ("X-WR-TIMEZONE", ZONE.key),
    ):
        calendar.add(name, value)
    calendar.add("REFRESH-INTERVAL", timedelta(minutes=60), parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", timedelta(minutes=60))
    calendar.add_component(zone)
    for event in events:
        calendar.add_component(_icalendar_event(event))
    return calendar.to_ical()


def _icalendar_event(event: EventData) -> Event:
    component = Event()
    component.add("UID", event.uid)
    component.add("SEQUENCE", event.sequence)
    component.add("DTSTAMP", event.last_modified)
    component.add("DTSTART", event.starts_at.astimezone(ZONE))
    component.add("DTEND", event.ends_at.astimezone(ZONE))
    for name in ("STATUS", "SUMMARY", "LOCATION"):
        component.add(name, getattr(event, name.lower()))
    component.add("LAST-MODIFIED", event.last_modified)
    component.add("TRANSP", "TRANSPARENT" if event.status == "CANCELLED" else "OPAQUE")
    component.add("DESCRIPTION", event.description)
    if event.url:
        component.add("URL", event.url)
    for minutes in () if event.status == "CANCELLED" else event.alarms:
        alarm = Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", event.summary)
        alarm.add("TRIGGER", timedelta(minutes=-minutes))
        component.add_component(alarm)
    return component


def race(
    contestants: dict[str, tuple[Callable[[], object], Callable[[], object]]], runs: int
) -> dict[str, float]:
    """Median seconds of each `(prepare, run)`, taking turns every round so that load from
    other jobs on a shared machine falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in contestants}
    for _ in range(runs):
        for name, (prepare, run) in contestants.items():
            prepare()
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(taken) for name, taken in times.items()}


def measure(count: int, runs: int) -> dict[str, float]:
    events = make_events(count)
    their_zone = Timezone.from_tzinfo(ZONE, ZONE.key, date(2025, 1, 1), date(2027, 1, 1))
    copies: list[list[EventData]] = []
    cache = EventCache(maxsize=2 * count)

    def next_copy() -> list[EventData]:
        return copies.pop()

    def prepare_fresh() -> None:
        copies.append(fresh_copies(events))

    def prepare_cold() -> None:
        prepare_fresh()
        cache.clear()
        forget_shared_parts()

    def baseline() -> bytes:
        return icalendar_feed(next_copy(), their_zone)

    def ours() -> bytes:
        return render_calendar(next_copy(), ZONE, name="Sessions", refresh_minutes=60, cache=cache)

    check(icalendar_feed(events, their_zone), ours_once(events, cache), count)
    return race(
        {
            "baseline": (prepare_fresh, baseline),
            "cold": (prepare_cold, ours),
            "warm": (prepare_fresh, ours),
        },
        runs,
    )


def ours_once(events: list[EventData], cache: EventCache) -> bytes:
    return render_calendar(events, ZONE, name="Sessions", refresh_minutes=60, cache=cache)


def check(baseline: bytes, ours: bytes, count: int) -> None:
    """Both feeds hold the same sessions at the same instants, so the race is fair."""
    theirs, mine = Calendar.from_ical(baseline).events, Calendar.from_ical(ours).events
    assert len(theirs) == len(mine) == count
    for their, my in zip(theirs, mine, strict=True):
        assert (str(their["UID"]), their.start, their.end) == (str(my["UID"]), my.start, my.end)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"median of {runs} rounds; ratio = ours / icalendar (lower is better)")
    print(
        f"{'events':>7} {'icalendar':>11} {'ours cold':>11} {'ours warm':>11} "
        f"{'cold ratio':>11} {'warm ratio':>11}"
    )
    for count in (500, 5000):
        t = measure(count, runs)
        print(
            f"{count:>7} {t['baseline'] * 1000:>9.1f}ms {t['cold'] * 1000:>9.1f}ms "
            f"{t['warm'] * 1000:>9.2f}ms {t['cold'] / t['baseline']:>11.3f} "
            f"{t['warm'] / t['baseline']:>11.4f}"
        )


if __name__ == "__main__":
    main()
