"""One session as a calendar event: what every calendar app will read back."""

from datetime import UTC
from zoneinfo import ZoneInfo

import pytest

from tests.calendars.factories import (
    LONDON,
    make_details,
    make_event,
    parse_icalendar,
    parse_vobject,
    unfolded,
    utc,
)
from trainer.calendars.ics import EventData, event_component, render_calendar, render_event
from trainer.calendars.itip import describe_session, event_from_details


def render(*events: EventData, tz: ZoneInfo = LONDON) -> bytes:
    return render_calendar(list(events), tz, cache=None)


def mixed_year() -> list[EventData]:
    online = {"location": "Online", "url": "https://meet.example.org/j/123?pwd=a,b"}
    return [
        make_event(uid="jan@heads-together", starts_at=utc(2026, 1, 14, 10), alarms=(1440,)),
        make_event(uid="mar@heads-together", starts_at=utc(2026, 3, 30, 9), hours=1, **online),
        make_event(uid="jul@heads-together", starts_at=utc(2026, 7, 1, 8, 30), sequence=3),
        make_event(uid="oct@heads-together", starts_at=utc(2026, 10, 26, 10), status="TENTATIVE"),
        make_event(uid="dec@heads-together", starts_at=utc(2026, 12, 2, 10), status="CANCELLED"),
        make_event(uid="jun27@heads-together", starts_at=utc(2027, 6, 9, 8), hours=1, **online),
    ]


def test_a_year_of_sessions_reads_back_the_same_in_icalendar_and_vobject():
    events = mixed_year()
    data = render(*events)
    by_icalendar = parse_icalendar(data).events
    by_vobject = parse_vobject(data).vevent_list
    assert len(by_icalendar) == len(by_vobject) == len(events)
    for event, ical_event, vobj_event in zip(events, by_icalendar, by_vobject, strict=True):
        assert str(ical_event["UID"]) == vobj_event.uid.value == event.uid
        assert ical_event.start.astimezone(UTC) == event.starts_at
        assert vobj_event.dtstart.value.astimezone(UTC) == event.starts_at
        assert vobj_event.dtend.value.astimezone(UTC) == event.ends_at
        assert vobj_event.summary.value == event.summary
        assert vobj_event.location.value == event.location
        assert int(vobj_event.sequence.value) == event.sequence
        assert vobj_event.status.value == event.status


def test_uid_stays_the_same_across_renders_and_changes_and_sequence_follows_the_data():
    first = make_event(sequence=0)
    moved = make_event(sequence=1, starts_at=utc(2026, 4, 2, 9), last_modified=utc(2026, 3, 5))
    cancelled = make_event(sequence=2, status="CANCELLED", last_modified=utc(2026, 3, 9))
    seen = [parse_icalendar(render(event)).events[0] for event in (first, first, moved, cancelled)]
    assert {str(event["UID"]) for event in seen} == {first.uid}
    assert [int(event["SEQUENCE"]) for event in seen] == [0, 0, 1, 2]
    assert str(seen[-1]["STATUS"]) == "CANCELLED"


def test_every_tzid_used_has_a_matching_vtimezone():
    data = render(*mixed_year())
    calendar = parse_icalendar(data)
    assert calendar.get_used_tzids() == {"Europe/London"}
    assert calendar.get_missing_tzids() == set()
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]
    assert parse_vobject(data).vtimezone.tzid.value == "Europe/London"


def test_the_day_after_the_march_clock_change_is_10am_british_summer_time():
    event = make_event(starts_at=utc(2026, 3, 30, 9))
    data = render(event)
    assert "DTSTART;TZID=Europe/London:20260330T100000" in unfolded(data)
    assert parse_icalendar(data).events[0].start.astimezone(UTC) == utc(2026, 3, 30, 9)
    assert parse_vobject(data).vevent.dtstart.value.astimezone(UTC).hour == 9


def test_the_day_after_the_october_clock_change_is_10am_greenwich_mean_time():
    event = make_event(starts_at=utc(2026, 10, 26, 10))
    data = render(event)
    assert "DTSTART;TZID=Europe/London:20261026T100000" in unfolded(data)
    assert parse_icalendar(data).events[0].start.astimezone(UTC) == utc(2026, 10, 26, 10)
    assert parse_vobject(data).vevent.dtstart.value.astimezone(UTC).hour == 10


def test_another_organisation_zone_is_used_for_tzid_and_vtimezone():
    new_york = ZoneInfo("America/New_York")
    data = render(make_event(starts_at=utc(2026, 7, 1, 14)), tz=new_york)
    assert "DTSTART;TZID=America/New_York:20260701T100000" in unfolded(data)
    assert parse_icalendar(data).get_missing_tzids() == set()
    assert parse_vobject(data).vevent.dtstart.value.astimezone(UTC) == utc(2026, 7, 1, 14)


def test_reminders_are_there_as_chosen():
    data = render(make_event(alarms=(1440, 120)))
    alarms = parse_icalendar(data).events[0].walk("VALARM")
    assert [str(alarm["ACTION"]) for alarm in alarms] == ["DISPLAY", "DISPLAY"]
    assert [alarm["TRIGGER"].dt.total_seconds() for alarm in alarms] == [-86400, -7200]
    assert all(str(alarm["DESCRIPTION"]) for alarm in alarms)
    assert [a.trigger.value.total_seconds() for a in parse_vobject(data).vevent.valarm_list] == [
        -86400,
        -7200,
    ]


def test_no_reminders_when_none_chosen_or_the_session_is_cancelled():
    for event in (make_event(alarms=()), make_event(alarms=(60,), status="CANCELLED")):
        data = render(event)
        assert b"VALARM" not in data
        assert parse_icalendar(data).events[0].walk("VALARM") == []


def test_cancelled_session_shows_cancelled_and_leaves_the_time_free():
    event = parse_icalendar(render(make_event(status="CANCELLED", sequence=4))).events[0]
    assert (str(event["STATUS"]), str(event["TRANSP"]), int(event["SEQUENCE"])) == (
        "CANCELLED",
        "TRANSPARENT",
        4,
    )


def test_downloads_and_feeds_name_no_organizer_attendee_or_email_address():
    data = render(*mixed_year())
    text = data.decode()
    assert "ORGANIZER" not in text and "ATTENDEE" not in text and "mailto:" not in text


def test_event_bytes_are_stable_because_dtstamp_is_last_modified():
    event = make_event(last_modified=utc(2026, 2, 3, 4, 5))
    assert render_event(event, LONDON) == render_event(
        make_event(last_modified=utc(2026, 2, 3, 4, 5)), LONDON
    )
    parsed = parse_icalendar(render(event)).events[0]
    assert parsed["DTSTAMP"].dt == parsed["LAST-MODIFIED"].dt == utc(2026, 2, 3, 4, 5)


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"alarms": (120, 1440, 120)},
        {"alarms": (0,), "status": "TENTATIVE"},
        {"alarms": (60,), "status": "CANCELLED"},
    ],
)
def test_feed_event_bytes_are_icalendars_own_with_the_reminders_written_once(changes):
    event = make_event(**changes)
    assert render_event(event, LONDON) == event_component(event, LONDON).to_ical(sorted=False)


def test_online_link_is_a_url_property_and_odd_links_are_left_out():
    kept = parse_icalendar(render(make_event(url="https://meet.example.org/j/1 2"))).events[0]
    assert str(kept["URL"]) == "https://meet.example.org/j/1%202"
    for odd in ("javascript:alert(1)", "meet.example.org/j/1", ""):
        assert "URL" not in parse_icalendar(render(make_event(url=odd))).events[0]


def test_describe_session_gives_the_plain_facts_in_local_time():
    text = describe_session(make_details(joining_link="https://meet.example.org/j/9"), LONDON)
    assert text.splitlines()[:5] == [
        "When: Monday 30 March 2026, 10am to 4:30pm",
        "Please arrive by 9:30am.",
        "Where: Riverside Centre, 1 Mill Lane, Leeds LS1 1AA",
        "Join online: https://meet.example.org/j/9",
        "Ask for: Jo Bloggs at reception",
    ]
    assert "- Lee Jones, autistic co-trainer" in text
    assert "Support arranged:\n- A quiet room at lunch" in text
    assert "What to bring:\n- Your lunch" in text


def test_event_from_details_reads_back_with_the_description_and_summary():
    details = make_details()
    event = event_from_details(
        details,
        uid="s@heads-together",
        sequence=1,
        status="CONFIRMED",
        last_modified=utc(2026, 3, 1),
        alarms=(1440,),
        tz=LONDON,
    )
    parsed = parse_vobject(render(event)).vevent
    assert parsed.summary.value == "Oliver McGowan Tier 2 – autistic co-trainer"
    assert parsed.description.value == describe_session(details, LONDON)


@pytest.mark.parametrize(
    "changes",
    [
        {"starts_at": utc(2026, 3, 30, 9).replace(tzinfo=None)},
        {"hours": 0},
        {"status": "MAYBE"},
        {"sequence": -1},
        {"alarms": (-5,)},
        {"uid": "a\r\nb"},
    ],
)
def test_event_data_refuses_values_a_calendar_cannot_show(changes):
    with pytest.raises(ValueError):
        make_event(**changes)
