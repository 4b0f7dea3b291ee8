"""The Easy Read vocabulary: the same words and pictures on every page, message and letter.

Pages, emails and letters for people who chose Easy Read take their phrases (`say`), their
pictures (`picture`, `ICONS`) and their dates (`say_day`, `say_days`, `say_times`) from here,
so "offer", "session" and "money" always read the same and carry the same picture.

The core (`words`, `dates`, `icons`) is pure: plain values in, strings out, no Flask and no
ORM, so messages and letters can use it outside a request. `trainer.easy_read.jinja` puts it
into templates.
"""

from trainer.easy_read.dates import (
    part_of_day,
    say_day,
    say_days,
    say_length,
    say_money,
    say_time,
    say_times,
)
from trainer.easy_read.icons import ICONS, Icon, picture
from trainer.easy_read.words import PHRASES, say

__all__ = [
    "ICONS",
    "PHRASES",
    "Icon",
    "part_of_day",
    "picture",
    "say",
    "say_day",
    "say_days",
    "say_length",
    "say_money",
    "say_time",
    "say_times",
]
