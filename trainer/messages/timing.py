"""When messages go out, in local wall-clock time: pure, plain values in and out.

Reminders before a session fall at a fixed local time on a day counted back from the
session's local day, so "two days before, at 10am" is 10am on both sides of a clock change.
Quiet hours move a message on to the end of the quiet time, also in local time.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, tzinfo

#: reminder name -> (days before the session's day, local time of day)
REMINDERS = {
    "week_before": (7, time(10)),
    "two_days_before": (2, time(10)),
    "day_before": (1, time(10)),
    "morning_of": (0, time(7, 30)),
}
LABELS = {
    "week_before": "A week before, at 10am",
    "two_days_before": "Two days before, at 10am",
    "day_before": "The day before, at 10am",
    "morning_of": "On the morning, at 7:30am",
}


def local(day, clock: time, zone: tzinfo) -> datetime:
    """The instant (UTC) when local clocks in `zone` show `clock` on `day`.

    In the hour that does not exist (clocks go forward) this is the same clock time after
    the jump; in the hour that happens twice, the first of the two."""
    naive = datetime.combine(day, clock)
    moment = naive.replace(tzinfo=zone)
    back = moment.astimezone(UTC).astimezone(zone)
    if back.replace(tzinfo=None) != naive:  # a time the clocks skipped
        moment = (naive + timedelta(hours=1)).replace(tzinfo=zone)
    return moment.astimezone(UTC)


def reminder_moments(starts_at: datetime, chosen: list[str], zone: tzinfo) -> dict[str, datetime]:
    """Each chosen reminder's moment (UTC) for a session starting at `starts_at`; reminders
    that would fall at or after the start are left out."""
    day = starts_at.astimezone(zone).date()
    moments = {}
    for name in chosen:
        days, clock = REMINDERS[name]
        moment = local(day - timedelta(days=days), clock, zone)
        if moment < starts_at:
            moments[name] = moment
    return moments


def is_quiet(moment: datetime, start: time | None, end: time | None, zone: tzinfo) -> bool:
    """Whether local clocks show a time within quiet hours [start, end) (may cross midnight)."""
    if start is None or end is None or start == end:
        return False
    clock = moment.astimezone(zone).time()
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end


def after_quiet_hours(
    moment: datetime, start: time | None, end: time | None, zone: tzinfo
) -> datetime:
    """`moment`, or the end of the quiet hours it falls in (UTC)."""
    if not is_quiet(moment, start, end, zone):
        return moment
    wall = moment.astimezone(zone)
    day = wall.date() if wall.time() < end else wall.date() + timedelta(days=1)
    return local(day, end, zone)
