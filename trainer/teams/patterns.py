"""When a person can work: their weekly pattern in local time, leave and qualifications.

Patterns are (weekday, start, end) in local wall-clock time, so a Monday 09:00-17:00 window
means 09:00 BST in summer and 09:00 GMT in winter.
"""

from collections.abc import Iterable
from datetime import datetime, tzinfo
from functools import lru_cache

from trainer.teams.facts import AvailabilityWindow, PersonFacts, SessionFacts, local

Windows = tuple[tuple[int, int], ...]


def within_pattern(
    starts_at: datetime, ends_at: datetime, pattern: tuple[AvailabilityWindow, ...], zone: tzinfo
) -> bool:
    """True when the whole session lies inside one (merged) window on its local day."""
    weekday, first, last = local_minutes(starts_at, ends_at, zone)
    return any(lo <= first and last <= hi for lo, hi in day_windows(pattern)[weekday])


@lru_cache(maxsize=16384)
def local_minutes(starts_at: datetime, ends_at: datetime, zone: tzinfo) -> tuple[int, int, int]:
    """(local weekday, minutes after local midnight at the start, and at the end)."""
    start, end = local(starts_at, zone), local(ends_at, zone)
    last = end.hour * 60 + end.minute + 1440 * (end.date() - start.date()).days
    return start.weekday(), start.hour * 60 + start.minute, last


def could_work(session: SessionFacts, person: PersonFacts, zone: tzinfo) -> bool:
    """Qualified, on shift and not on leave: the rules' `SCREENED_RULES` less the role,
    without building messages."""
    return bool(free_sessions(person, (session,), zone))


def free_sessions(
    person: PersonFacts, sessions: Iterable[SessionFacts], zone: tzinfo
) -> list[SessionFacts]:
    """The sessions `person` could work, by `could_work`, screened in one pass."""
    pattern = person.weekly_availability
    days = None if pattern is None else day_windows(pattern)
    free = []
    for session in sessions:
        if session.programme_id not in person.qualified_programme_ids:
            continue
        if days is not None:
            weekday, first, last = local_minutes(session.starts_at, session.ends_at, zone)
            if not any(lo <= first and last <= hi for lo, hi in days[weekday]):
                continue
        if person.unavailable and any(
            start < session.ends_at and session.starts_at < end for start, end in person.unavailable
        ):
            continue
        free.append(session)
    return free


@lru_cache(maxsize=4096)
def day_windows(pattern: tuple[AvailabilityWindow, ...]) -> tuple[Windows, ...]:
    """Per weekday, the pattern's windows in minutes after local midnight, touching ones merged."""
    days: list[list[tuple[int, int]]] = [[] for _ in range(7)]
    for weekday, start, end in pattern:
        lo, hi = start.hour * 60 + start.minute, end.hour * 60 + end.minute
        days[weekday].append((lo, hi if hi > lo else 1440))
    return tuple(merge(sorted(windows)) for windows in days)


def merge(windows: list[tuple[int, int]]) -> Windows:
    merged: list[tuple[int, int]] = []
    for lo, hi in windows:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return tuple(merged)


def pattern_label(pattern: tuple[AvailabilityWindow, ...], weekday: int) -> str:
    names = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")
    windows = day_windows(pattern)[weekday]
    if not windows:
        return f"does not work on {names[weekday]}"
    spans = ", ".join(
        f"{lo // 60:02d}:{lo % 60:02d}–{hi // 60 % 24:02d}:{hi % 60:02d}" for lo, hi in windows
    )
    return f"free {spans} on {names[weekday]}"
