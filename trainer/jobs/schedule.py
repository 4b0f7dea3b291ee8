"""Jobs run at local times named by a setting, once each time however many workers are
running: each run is a job keyed by its name, date and time.

A setting holds times of day, "HH:MM", several separated by commas ("07:00, 13:00"); "*:MM"
is every hour at that minute; empty is never."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import Config, current_app

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.jobs import queue
from trainer.jobs.runner import Task, later, run_committed

#: task name -> the setting holding its local times
SETTINGS: dict[str, str] = {}


def periodic(setting: str):
    """Run the declared job at the local times in `setting` (see above).

    A time that the clocks skip in spring does not come that day; one they repeat in
    autumn runs once. Times outside 01:00 to 02:00 avoid both."""

    def schedule(task: Task) -> Task:
        SETTINGS[task.name] = setting

        def due(moment: datetime) -> bool:
            return is_due(queue.app().config, setting, moment)

        def queue_now() -> None:
            with queue.app().app_context():
                queue_run(task)

        queue_now.__name__ = f"at times {task.name}"
        queue.huey.periodic_task(due, name=f"at:{task.name}")(queue_now)
        return task

    return schedule


def is_due(config: Config, setting: str, moment: datetime) -> bool:
    """True in a minute named by `setting`, on the organisation's wall clock.

    `moment` is the queue's clock reading: naive UTC (Huey's `utc=True`) or aware."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    local = aware.astimezone(ZoneInfo(config["TIMEZONE"]))
    return any(_matches(at, local) for at in times(config.get(setting)))


def times(value: str | None) -> list[str]:
    """The times in a setting's value; a value that is not times is refused."""
    found = [part.strip() for part in (value or "").split(",") if part.strip()]
    for at in found:
        hour, _, minute = at.partition(":")
        if not (hour == "*" or hour.isdigit() and int(hour) < 24) or not (
            minute.isdigit() and len(minute) == 2 and int(minute) < 60
        ):
            raise ValueError(f"{at!r} is not a time of day (HH:MM, or *:MM for every hour)")
    return found


def _matches(at: str, local: datetime) -> bool:
    hour, _, minute = at.partition(":")
    return int(minute) == local.minute and (hour == "*" or int(hour) == local.hour)


def queue_run(task: Task, now: datetime | None = None):
    """Queue this minute's run of `task` (once: keyed by the local date and time) and hand it
    over."""
    local = (now or utc_now()).astimezone(ZoneInfo(current_app.config["TIMEZONE"]))
    row = later(task, key=f"at:{task.name}:{local:%Y-%m-%dT%H:%M}")
    db.session.commit()
    run_committed()
    return row
