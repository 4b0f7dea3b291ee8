"""Names and addresses are data, never structure: escaping, CRLF and folding."""

from tests.calendars.factories import (
    AWKWARD,
    HOSTILE,
    make_event,
    parse_icalendar,
    parse_vobject,
    physical_lines,
    unfolded,
)
from trainer.calendars.contentlines import escape_text, fold, param
from trainer.calendars.ics import render_calendar

PROPERTY_NAMES = ("BEGIN", "END", "UID", "ATTENDEE", "ORGANIZER", "DTSTART", "METHOD")


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
    return render_calendar(events, name=HOSTILE, cache=None)


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
    assert parse_vobject(data).x_wr_calname.value == expected_summary


def test_escaping_covers_commas_semicolons_backslashes_and_every_line_break():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    for line_break in ("\r\n", "\r", "\n", "\u2028", "\u2029", "\x85", "\v", "\f"):
        assert escape_text(f"a{line_break}b") == "a\\nb"
    assert escape_text("tab\tstays, nul\x00 and bell\x07 go") == "tab\tstays\\, nul and bell go"


def test_parameter_values_are_quoted_and_cannot_break_out():
    assert param("TZID", "Europe/London") == ";TZID=Europe/London"
    assert param("CN", 'Ann "The Boss"; Smith:\r\nX') == ";CN=\"Ann 'The Boss'; Smith: X\""


def test_every_line_is_crlf_and_at_most_75_octets():
    long_text = "Déjà vu – 🎉 Zoë’s café, 北京 " * 40
    data = render_calendar(
        [make_event(summary=long_text, location=long_text, description=long_text)], cache=None
    )
    for line in physical_lines(data):
        assert len(line) <= 75
        line.decode("utf-8")
    assert str(parse_icalendar(data).events[0]["SUMMARY"]) == long_text


def test_folding_never_splits_a_character_wherever_the_boundary_falls():
    for padding in range(8):
        line = "SUMMARY:" + "x" * padding + "🎉é北" * 30
        folded = fold(line)
        parts = folded[:-2].split(b"\r\n")
        assert all(len(part) <= 75 for part in parts)
        assert [part.decode("utf-8") for part in parts]
        assert b"".join([parts[0], *(part[1:] for part in parts[1:])]).decode() == line


def test_short_lines_are_not_folded():
    assert fold("VERSION:2.0") == b"VERSION:2.0\r\n"
    assert fold("X:" + "a" * 73) == b"X:" + b"a" * 73 + b"\r\n"
    assert fold("X:" + "a" * 74).count(b"\r\n ") == 1
