"""When reminders fall and quiet hours end, in local time, on both sides of the clock changes
(pure: no app, no database)."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from trainer.messages.timing import after_quiet_hours, is_quiet, reminder_moments

LONDON = ZoneInfo("Europe/London")
ALL = ["week_before", "two_days_before", "day_before", "morning_of"]


def local(*parts) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


def wall(moment: datetime) -> str:
    return moment.astimezone(LONDON).strftime("%a %d %b %H:%M %Z")


def test_reminders_keep_their_local_times_when_the_clocks_go_forward():
    """Clocks go forward on Sunday 28 March 2027: a session on Tuesday 30 March at 9:30
    (BST) is reminded at 10am GMT before the change and 10am BST after it."""
    moments = reminder_moments(local(2027, 3, 30, 9, 30), ALL, LONDON)
    assert {name: wall(m) for name, m in moments.items()} == {
        "week_before": "Tue 23 Mar 10:00 GMT",
        "two_days_before": "Sun 28 Mar 10:00 BST",
        "day_before": "Mon 29 Mar 10:00 BST",
        "morning_of": "Tue 30 Mar 07:30 BST",
    }
    assert moments["week_before"] == datetime(2027, 3, 23, 10, tzinfo=UTC)
    assert moments["two_days_before"] == datetime(2027, 3, 28, 9, tzinfo=UTC)


def test_reminders_keep_their_local_times_when_the_clocks_go_back():
    """Clocks go back on Sunday 31 October 2027."""
    moments = reminder_moments(local(2027, 11, 1, 9, 30), ALL, LONDON)
    assert wall(moments["week_before"]) == "Mon 25 Oct 10:00 BST"
    assert wall(moments["day_before"]) == "Sun 31 Oct 10:00 GMT"
    assert moments["day_before"] == datetime(2027, 10, 31, 10, tzinfo=UTC)
    assert moments["morning_of"] == datetime(2027, 11, 1, 7, 30, tzinfo=UTC)


def test_a_reminder_that_would_fall_after_the_start_is_left_out():
    moments = reminder_moments(local(2027, 3, 30, 7, 0), ALL, LONDON)
    assert "morning_of" not in moments
    assert set(moments) == {"week_before", "two_days_before", "day_before"}


def test_only_chosen_reminders_are_made():
    assert list(reminder_moments(local(2027, 3, 30, 9, 30), ["morning_of"], LONDON)) == [
        "morning_of"
    ]


def test_quiet_hours_over_midnight_hold_and_end_at_local_time():
    start, end = time(21), time(7)
    late = local(2027, 3, 27, 23, 30)  # the night the clocks go forward
    assert is_quiet(late, start, end, LONDON)
    assert wall(after_quiet_hours(late, start, end, LONDON)) == "Sun 28 Mar 07:00 BST"
    early = local(2027, 10, 31, 1, 30)  # the first 1:30 of the night the clocks go back
    assert wall(after_quiet_hours(early, start, end, LONDON)) == "Sun 31 Oct 07:00 GMT"
    day = local(2027, 3, 29, 12, 0)
    assert after_quiet_hours(day, start, end, LONDON) == day


def test_quiet_hours_within_a_day_and_none():
    lunch = local(2027, 6, 1, 12, 30)
    assert wall(after_quiet_hours(lunch, time(12), time(14), LONDON)) == "Tue 01 Jun 14:00 BST"
    assert after_quiet_hours(lunch, None, None, LONDON) == lunch
    assert not is_quiet(lunch, time(9), time(9), LONDON)
