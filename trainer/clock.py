"""The one source of "now" for the app and its tests.

Everything that asks what time it is calls `utc_now()`; nothing else reads the system clock.
The test suite can run pinned to any date and time (see the README: `TEST_NOW`).
"""

from datetime import UTC, date, datetime, tzinfo


def utc_now() -> datetime:
    """The current instant, timezone-aware, in UTC."""
    return datetime.now(UTC)


def local_today(zone: tzinfo) -> date:
    """Today's date on the wall clocks of `zone`."""
    return utc_now().astimezone(zone).date()
