"""The rules of places, as plain maths on times: when booking closes, how long a waiting
learner has to take up an offered place, whether a cancellation came late, when the register
opens. Pure: no Flask, no database."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


def booking_closes_at(starts_at: datetime, cutoff_days: int, zone: ZoneInfo) -> datetime:
    """Booking closes `cutoff_days` before the start, at the same time on the local clock
    (so a clock change in between moves nothing); 0 days: at the start."""
    local = starts_at.astimezone(zone)
    day = local.date() - timedelta(days=cutoff_days)
    closes = datetime.combine(day, local.time(), tzinfo=zone)
    return closes.astimezone(starts_at.tzinfo)


def is_open(now: datetime, starts_at: datetime, cutoff_days: int, zone: ZoneInfo) -> bool:
    """True while learners (and employers) may still book."""
    return now < booking_closes_at(starts_at, cutoff_days, zone)


def offer_expires_at(now: datetime, offer_hours: int, starts_at: datetime) -> datetime:
    """A place offered from the waiting list is held for `offer_hours`, never past the start."""
    return min(now + timedelta(hours=offer_hours), starts_at)


def can_offer(now: datetime, starts_at: datetime) -> bool:
    """Places are offered from the waiting list until the session starts."""
    return now < starts_at


def is_late_cancellation(
    cancelled_at: datetime, starts_at: datetime, cutoff_days: int, zone: ZoneInfo
) -> bool:
    """A cancellation is late once booking has closed: the place can hardly be filled again."""
    return cancelled_at >= booking_closes_at(starts_at, cutoff_days, zone)


def register_opens_at(starts_at: datetime, hours_before: int) -> datetime:
    """The register can be filled in from this long before the start (late arrivals, tablets
    set up the evening before) and at any time after."""
    return starts_at - timedelta(hours=hours_before)


def places_left(capacity: int, holding: int) -> int:
    return max(capacity - holding, 0)
