"""The rules of places as plain maths: when booking closes, how long an offered place is
held, which cancellations are late, when the register opens."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from trainer.learners import places

LONDON = ZoneInfo("Europe/London")


def at(text: str) -> datetime:
    """A local London time as an aware UTC instant."""
    return datetime.fromisoformat(text).replace(tzinfo=LONDON).astimezone(UTC)


def test_booking_closes_the_same_local_time_days_before():
    starts = at("2026-06-18T09:30")
    assert places.booking_closes_at(starts, 2, LONDON) == at("2026-06-16T09:30")
    assert places.booking_closes_at(starts, 0, LONDON) == starts


def test_a_clock_change_in_between_moves_nothing_on_the_wall_clock():
    # the clocks go forward on Sunday 28 March 2027: the session is the Monday after
    starts = at("2027-03-29T09:30")
    closes = places.booking_closes_at(starts, 3, LONDON)
    assert closes == at("2027-03-26T09:30")
    assert starts - closes == timedelta(days=3, hours=-1)  # 71 hours, not 72


def test_booking_is_open_until_the_cut_off_and_not_after():
    starts = at("2026-10-27T10:00")  # the Tuesday after the clocks go back
    closes = at("2026-10-25T10:00")
    assert places.is_open(closes - timedelta(seconds=1), starts, 2, LONDON)
    assert not places.is_open(closes, starts, 2, LONDON)


def test_an_offered_place_is_held_for_its_hours_but_never_past_the_start():
    now = at("2026-06-01T12:00")
    far = at("2026-06-30T09:00")
    near = at("2026-06-02T09:00")
    assert places.offer_expires_at(now, 48, far) == now + timedelta(hours=48)
    assert places.offer_expires_at(now, 48, near) == near
    assert places.can_offer(now, near) and not places.can_offer(near, near)


def test_a_cancellation_is_late_once_booking_has_closed():
    starts = at("2026-06-18T09:30")
    assert not places.is_late_cancellation(at("2026-06-16T09:29"), starts, 2, LONDON)
    assert places.is_late_cancellation(at("2026-06-16T09:30"), starts, 2, LONDON)


def test_the_register_opens_hours_before_the_start():
    starts = at("2026-06-18T09:30")
    assert places.register_opens_at(starts, 12) == at("2026-06-17T21:30")


def test_places_left_never_goes_below_nothing():
    assert places.places_left(12, 10) == 2
    assert places.places_left(12, 14) == 0
