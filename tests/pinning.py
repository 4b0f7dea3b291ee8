"""Run the suite pinned to a chosen moment: TEST_NOW=2027-03-27T23:30 make test.

The value is local time in the organisation's zone unless it carries an offset. The clock
starts there and runs on, for the tests and for the browser tests' server alike.
"""

import os
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from config import Config


def pinned_now() -> datetime | None:
    """TEST_NOW as an aware datetime, or None when the run uses the real clock."""
    value = os.environ.get("TEST_NOW", "").strip()
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(Config.TIMEZONE))


def start_pinned_clock() -> time_machine.travel | None:
    """Move this process's clock to TEST_NOW (it keeps ticking); None without TEST_NOW."""
    moment = pinned_now()
    if moment is None:
        return None
    traveller = time_machine.travel(moment, tick=True)
    traveller.start()
    return traveller
