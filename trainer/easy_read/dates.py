"""Days, times and money as Easy Read says them: "Wednesday 9 December", "10am", "£12.50".

Pure: callers turn stored UTC times into local ones first (trainer.timezones.to_local).
Never an ISO date or a week code: a reader sees words.
"""

from __future__ import annotations

from datetime import date, datetime, time

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January February March April May June July August September October November December"
).split()

#: the parts of a day a person can choose instead of exact times
MORNING = (time(8), time(13))
AFTERNOON = (time(13), time(18))
WHOLE_DAY = (time(8), time(18))


def say_day(day: date | datetime, *, this_year: int | None = None) -> str:
    """'Wednesday 9 December'; the year too when it is not `this_year` (or no year is given)."""
    if isinstance(day, datetime):
        day = day.date()
    words = f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
    return words if this_year == day.year else f"{words} {day.year}"


def say_days(first: date, last: date, *, this_year: int | None = None) -> str:
    """'From Wednesday 9 December to Thursday 17 December', or 'On Wednesday 9 December'."""
    if first == last:
        return f"On {say_day(first, this_year=this_year)}"
    return f"From {say_day(first, this_year=this_year)} to {say_day(last, this_year=this_year)}"


def say_time(moment: time | datetime) -> str:
    """'10am', '9:30am', 'midday', 'midnight'."""
    if isinstance(moment, datetime):
        moment = moment.time()
    if (moment.hour, moment.minute) == (12, 0):
        return "midday"
    if (moment.hour, moment.minute) == (0, 0):
        return "midnight"
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{moment.hour % 12 or 12}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def say_times(start: time | datetime, end: time | datetime) -> str:
    """'From 10am to 1pm'."""
    return f"From {say_time(start)} to {say_time(end)}"


def part_of_day(start: time, end: time) -> str:
    """'the morning', 'the afternoon', 'the whole day', or the times in words."""
    if (start, end) == MORNING:
        return "the morning"
    if (start, end) == AFTERNOON:
        return "the afternoon"
    if start <= WHOLE_DAY[0] and end >= WHOLE_DAY[1]:
        return "the whole day"
    return say_times(start, end).lower()


def say_length(minutes: int) -> str:
    """'1 hour', '90 minutes' is '1 hour and 30 minutes', '45 minutes', '7 hours'."""
    whole, part = divmod(minutes, 60)
    hours = f"{whole} hour{'s' if whole != 1 else ''}" if whole else ""
    rest = f"{part} minute{'s' if part != 1 else ''}" if part else ""
    return " and ".join(x for x in (hours, rest) if x) or "0 minutes"


def say_money(pence: int) -> str:
    """'£50', '£12.50', '-£3' (integer pence; whole pounds without '.00')."""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}" + (f".{part:02d}" if part else "")
