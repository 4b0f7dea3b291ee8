"""The Easy Read vocabulary in templates: `say`, `picture` and days in words in local time."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask

from trainer.clock import local_today
from trainer.easy_read import dates, icons, words
from trainer.timezones import local_zone, to_local


def day_in_words(moment: datetime | date) -> str:
    """'Tuesday 3 March' in local time (the year too when it is not this year)."""
    if isinstance(moment, datetime):
        moment = to_local(moment).date()
    return dates.say_day(moment, this_year=local_today(local_zone()).year)


def days_in_words(first: datetime | date, last: datetime | date) -> str:
    """'From Wednesday 9 December to Thursday 17 December' in local time."""
    first = to_local(first).date() if isinstance(first, datetime) else first
    last = to_local(last).date() if isinstance(last, datetime) else last
    return dates.say_days(first, last, this_year=local_today(local_zone()).year)


def time_in_words(moment: datetime) -> str:
    """'10am', 'midday' in local time."""
    return dates.say_time(to_local(moment))


def register(app: Flask) -> None:
    app.add_template_filter(day_in_words, "dayname")
    app.add_template_filter(time_in_words, "timename")
    app.add_template_filter(dates.say_money, "money_words")
    app.add_template_filter(dates.say_length, "length_words")
    app.add_template_global(days_in_words, "days_in_words")
    app.add_template_global(words.say, "say")
    app.add_template_global(words.PHRASES, "PHRASES")
    app.add_template_global(icons.picture, "picture")
