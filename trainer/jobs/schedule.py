"""Jobs run every day at a local time named by a setting, once a day however many workers
are running: the day's run is a job keyed by its name and date."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import Config, current_app

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.jobs import queue
from trainer.jobs.runner import Task, later, run_committed

#: task name -> the setting holding its local time of day
DAILY: dict[str, str] = {}


def periodic(setting: str):
    """Run the declared job every day at the local time in `setting` ("HH:MM"; empty: never).

    A time that the clocks skip in spring does not come that day; one they repeat in
    autumn runs once. Times outside 01:00 to 02:00 avoid both."""

    def schedule(task: Task) -> Task:
        DAILY[task.name] = setting

        def due(moment: datetime) -> bool:
            return is_due(queue.app().config, setting, moment)

        def queue_today() -> None:
            with queue.app().app_context():
                queue_daily_run(task)

        queue_today.__name__ = f"daily {task.name}"
        queue.huey.periodic_task(due, name=f"daily:{task.name}")(queue_today)
        return task

    return schedule


def is_due(config: Config, setting: str, moment: datetime) -> bool:
    """True in the minute named by `setting`, on the organisation's wall clock.

    `moment` is the queue's clock reading: naive UTC (Huey's `utc=True`) or aware."""
    at = (config.get(setting) or "").strip()
    if not at:
        return False
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return f"{aware.astimezone(ZoneInfo(config['TIMEZONE'])):%H:%M}" == at


def queue_daily_run(task: Task, now: datetime | None = None):
    """Queue today's run of `task` (once: keyed by the local date) and hand it over."""
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    day = (now or utc_now()).astimezone(zone).date()
    row = later(task, key=f"daily:{task.name}:{day.isoformat()}")
    db.session.commit()
    run_committed()
    return row
