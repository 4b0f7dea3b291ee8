"""The shared Easy Read words and pictures: dates in words, money in words, phrases, icons."""

import re
from datetime import UTC, date, datetime, time

import pytest

from trainer.easy_read import (
    ICONS,
    PHRASES,
    part_of_day,
    picture,
    say,
    say_day,
    say_days,
    say_money,
    say_time,
    say_times,
)


def test_days_are_words_with_the_year_only_when_it_is_another_year():
    assert say_day(date(2026, 12, 9), this_year=2026) == "Wednesday 9 December"
    assert say_day(date(2027, 1, 4), this_year=2026) == "Monday 4 January 2027"
    assert say_day(datetime(2026, 12, 9, 10, tzinfo=UTC), this_year=2026) == "Wednesday 9 December"


def test_a_span_of_days_reads_from_and_to():
    assert (
        say_days(date(2026, 12, 9), date(2026, 12, 17), this_year=2026)
        == "From Wednesday 9 December to Thursday 17 December"
    )
    assert say_days(date(2026, 12, 9), date(2026, 12, 9), this_year=2026) == (
        "On Wednesday 9 December"
    )


def test_times_and_parts_of_the_day_in_words():
    assert say_time(time(10)) == "10am"
    assert say_time(time(9, 30)) == "9:30am"
    assert say_time(time(12)) == "midday"
    assert say_time(time(0)) == "midnight"
    assert say_times(time(13), time(16, 30)) == "From 1pm to 4:30pm"
    assert part_of_day(time(8), time(13)) == "the morning"
    assert part_of_day(time(13), time(18)) == "the afternoon"
    assert part_of_day(time(8), time(18)) == "the whole day"
    assert part_of_day(time(10), time(14)) == "from 10am to 2pm"


def test_money_in_words_drops_empty_pence():
    assert say_money(5000) == "£50"
    assert say_money(1250) == "£12.50"
    assert say_money(123456) == "£1,234.56"
    assert say_money(-300) == "-£3"


def test_every_phrase_is_short_and_has_a_known_picture():
    for key, phrase in PHRASES.items():
        assert phrase.icon in ICONS, key
        for sentence in re.split(r"[.?!]\s+", phrase.text):
            assert len(sentence.split()) <= 15, key
    assert say("money.limit", limit="£195.50") == "Your limit is £195.50."
    with pytest.raises(KeyError):
        say("no.such.phrase")


def test_pictures_are_hidden_beside_words_and_named_when_they_stand_alone():
    beside = str(picture("money"))
    assert 'aria-hidden="true"' in beside and "aria-label" not in beside
    alone = str(picture("happy", alt=""))
    assert 'role="img"' in alone and 'aria-label="A happy face"' in alone
    assert 'aria-label="Good"' in str(picture("happy", alt="Good"))
    assert str(picture("money", pictures=False)) == ""
    assert all(icon.alt for icon in ICONS.values())
