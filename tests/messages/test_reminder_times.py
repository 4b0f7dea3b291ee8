"""Reminders are written when their local time comes, on both sides of the clock changes,
by the scheduled run (a quarter-hour's run, as the worker makes it)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select

from tests.messages.factories import make_scene
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.messages import schedule
from trainer.models import Message, MessageChoice

LONDON = ZoneInfo("Europe/London")


def reminders_written() -> list[tuple[str, str]]:
    rows = db.session.scalars(
        select(Message).where(Message.kind == "reminder").order_by(Message.id)
    )
    return [
        (m.key.split(":")[2], f"{m.send_after.astimezone(LONDON):%a %d %b %H:%M %Z}") for m in rows
    ]


def run_at(moment: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        schedule.send_reminders(utc_now())


@pytest.mark.parametrize(
    ("starts", "expected"),
    [
        (  # clocks go forward on Sunday 28 March 2027
            datetime(2027, 3, 30, 9, 30, tzinfo=LONDON),
            [
                ("week_before", "Tue 23 Mar 10:00 GMT"),
                ("two_days_before", "Sun 28 Mar 10:00 BST"),
                ("day_before", "Mon 29 Mar 10:00 BST"),
                ("morning_of", "Tue 30 Mar 07:30 BST"),
            ],
        ),
        (  # clocks go back on Sunday 31 October 2027
            datetime(2027, 11, 1, 9, 30, tzinfo=LONDON),
            [
                ("week_before", "Mon 25 Oct 10:00 BST"),
                ("two_days_before", "Sat 30 Oct 10:00 BST"),
                ("day_before", "Sun 31 Oct 10:00 GMT"),
                ("morning_of", "Mon 01 Nov 07:30 GMT"),
            ],
        ),
    ],
    ids=["march", "october"],
)
def test_each_reminder_is_written_at_its_local_time(db, starts, expected):
    with time_machine.travel(starts - timedelta(days=9), tick=False):
        scene = make_scene(starts_at=starts)
        choice = db.session.get(MessageChoice, scene.person.id)
        choice.remind_day_before = True
        db.session.flush()
    written = []
    for name, when in expected:
        moment = datetime.strptime(f"2027 {when[:-4]}", "%Y %a %d %b %H:%M").replace(tzinfo=LONDON)
        run_at(moment - timedelta(minutes=1))
        assert reminders_written() == written, f"{name} was written early"
        run_at(moment)
        run_at(moment + timedelta(minutes=15))  # the next run writes nothing again
        written.append((name, when))
        assert reminders_written() == written
