"""Names and addresses are data, never structure: escaping, CRLF and folding."""

import pytest

from tests.calendars.factories import (
    AWKWARD,
    HOSTILE,
    LONDON,
    make_event,
    parse_icalendar,
    parse_vobject,
    physical_lines,
    unfolded,
)
from trainer.calendars.ics import render_calendar, render_invite

PROPERTY_NAMES = ("BEGIN", "END", "UID", "ATTENDEE", "ORGANIZER", "DTSTART", "METHOD")
LINE_BREAKS = ("\r\n", "\r", "\n", "\u2028", "\u2029", "\x85", "\v", "\f", "\x1c", "\x1e")


def hostile_feed() -> bytes:
    events = [
        make_event(
            uid=f"s{number}@heads-together",
            summary=HOSTILE,
            location=AWKWARD,
            description=f"{HOSTILE}\n{AWKWARD}",
        )
        for number in range(3)
    ]
    return render_calendar(events, LONDON, name=HOSTILE, cache=None)


def read_back(**values) -> list[tuple[str, str, str]]:
    """(summary, location, description) as icalendar and as vobject read one event."""
    data = render_calendar([make_event(**values)], LONDON, cache=None)
    by_icalendar = parse_icalendar(data).events[0]
    by_vobject = parse_vobject(data).vevent
    return [
        tuple(str(by_icalendar[name]) for name in ("SUMMARY", "LOCATION", "DESCRIPTION")),
        (by_vobject.summary.value, by_vobject.location.value, by_vobject.description.value),
    ]


def test_hostile_text_cannot_add_lines_properties_or_components():
    data = hostile_feed()
    assert len(parse_icalendar(data).events) == 3
    assert len(parse_vobject(data).vevent_list) == 3
    lines = unfolded(data)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 3
    assert not any(line.startswith(("UID:evil", "ATTENDEE")) for line in lines)
    for line in physical_lines(data):
        if line.startswith(b" "):
            continue
        name = line.split(b":")[0].split(b";")[0].decode()
        assert name.isupper() and " " not in name, line


def test_hostile_and_awkward_text_reads_back_exactly():
    data = hostile_feed()
    expected_summary = HOSTILE.replace("\r\n", "\n")
    for event in parse_icalendar(data).events:
        assert str(event["SUMMARY"]) == expected_summary
        assert str(event["LOCATION"]) == AWKWARD
        assert str(event["DESCRIPTION"]) == f"{expected_summary}\n{AWKWARD}"
    for event in parse_vobject(data).vevent_list:
        assert event.summary.value == expected_summary
        assert event.location.value == AWKWARD
    by_vobject = parse_vobject(data)
    assert by_vobject.name_list[0].value == by_vobject.x_wr_calname.value == expected_summary


@pytest.mark.parametrize("line_break", LINE_BREAKS)
def test_every_kind_of_line_break_reads_back_as_a_line_break(line_break):
    text = f"Room 1{line_break}Mill Lane, Leeds; back door"
    expected = "Room 1\nMill Lane, Leeds; back door"
    for parsed in read_back(summary=text, location=text, description=text):
        assert parsed == (expected, expected, expected)


def test_control_characters_are_dropped_and_tabs_backslashes_stay():
    text = "tab\tstays, nul\x00 and bell\x07 go; C:\\Notes\\new \\N stays"
    expected = "tab\tstays, nul and bell go; C:\\Notes\\new \\N stays"
    for parsed in read_back(summary=text, location=text, description=text):
        assert parsed == (expected, expected, expected)


def test_names_in_parameters_are_quoted_and_cannot_break_out():
    data = render_invite(
        make_event(),
        method="REQUEST",
        organizer_email="c@example.org",
        organizer_name='Jo "Boss"; HQ: Leeds',
        attendee_email="a@example.org",
        attendee_name="Ann\r\nSmith\x07",
        tz=LONDON,
        dtstamp=make_event().last_modified,
    )
    [event] = parse_icalendar(data).events
    assert event["ORGANIZER"].params["CN"] == "Jo 'Boss'; HQ: Leeds"
    assert event["ATTENDEE"].params["CN"] == "Ann Smith"
    parsed = parse_vobject(data).vevent
    assert parsed.organizer.params["CN"] == ["Jo 'Boss'; HQ: Leeds"]
    assert parsed.attendee.params["CN"] == ["Ann Smith"]


def test_every_line_is_crlf_and_at_most_75_octets():
    long_text = "Déjà vu – 🎉 Zoë’s café, 北京 " * 40
    data = render_calendar(
        [make_event(summary=long_text, location=long_text, description=long_text)],
        LONDON,
        cache=None,
    )
    for line in physical_lines(data):
        assert len(line) <= 75
        line.decode("utf-8")
    assert str(parse_icalendar(data).events[0]["SUMMARY"]) == long_text
    assert parse_vobject(data).vevent.summary.value == long_text


def test_folding_never_splits_a_character_wherever_the_boundary_falls():
    for padding in range(8):
        summary = "x" * padding + "🎉é北\\;," * 30
        data = render_calendar([make_event(summary=summary)], LONDON, cache=None)
        for line in physical_lines(data):
            assert len(line) <= 75
            line.decode("utf-8")
        for parsed in read_back(summary=summary):
            assert parsed[0] == summary
