"""Local time for people, UTC for storage: the only place the two meet."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app


def local_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["TIMEZONE"])


def to_local(moment: datetime, zone: ZoneInfo | None = None) -> datetime:
    return moment.astimezone(zone or local_zone())


def local_to_utc(day: date, clock: time, zone: ZoneInfo | None = None) -> datetime:
    """The UTC instant of a local wall-clock time (fold=0 in the repeated October hour)."""
    return datetime.combine(day, clock, tzinfo=zone or local_zone()).astimezone(UTC)


def format_day(moment: datetime) -> str:
    """'Tuesday 3 March 2026' in local time."""
    local = to_local(moment)
    return f"{local:%A} {local.day} {local:%B %Y}"


def format_time(moment: datetime) -> str:
    """'9:30am', '1pm' in local time."""
    return _clock(to_local(moment))


def _clock(local: datetime) -> str:
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


#: for format_short, which lists draw on every row: strftime costs as much as the rest
SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_short(moment: datetime) -> str:
    """'Tue 3 Mar 2026, 9:30am' in local time."""
    local = to_local(moment)
    return (
        f"{SHORT_DAYS[local.weekday()]} {local.day} {SHORT_MONTHS[local.month - 1]} "
        f"{local.year}, {_clock(local)}"
    )
