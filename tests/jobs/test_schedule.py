"""Scheduled jobs: each runs at the local times its setting names, on both sides of a clock
change, once however many workers' schedulers ask; the app's own scheduled jobs do their work."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from tests.jobs.factories import RUNS, tick
from trainer import create_app
from trainer.jobs import huey, schedule
from trainer.jobs.runner import TASKS
from trainer.models import Job, JobState, RetentionRun

CONFIG = {"TIMEZONE": "Europe/London", "NIGHTLY": "03:15", "HOURLY": "*:05", "TWICE": "07:00,19:30"}


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    "moment, setting, due",
    [
        (utc(2027, 3, 27, 3, 15), "NIGHTLY", True),  # GMT: 03:15 on the wall is 03:15 UTC
        (utc(2027, 3, 28, 2, 15), "NIGHTLY", True),  # BST from 28 March: 03:15 is 02:15 UTC
        (utc(2027, 3, 28, 3, 15), "NIGHTLY", False),  # that is 04:15 on the wall
        (utc(2027, 10, 30, 2, 15), "NIGHTLY", True),  # still BST
        (utc(2027, 10, 31, 3, 15), "NIGHTLY", True),  # GMT again
        (utc(2027, 3, 28, 0, 5), "HOURLY", True),
        (utc(2027, 3, 28, 0, 6), "HOURLY", False),
        (utc(2027, 6, 1, 18, 30), "TWICE", True),  # 19:30 BST
        (utc(2027, 6, 1, 6, 0), "TWICE", True),
        (utc(2027, 6, 1, 7, 0), "TWICE", False),
    ],
)
def test_a_job_is_due_at_its_local_times(moment, setting, due):
    assert schedule.is_due(CONFIG, setting, moment) is due
    assert schedule.is_due(CONFIG, setting, moment.replace(tzinfo=None)) is due  # Huey's naive UTC


def test_an_empty_setting_is_never_due():
    assert not schedule.is_due(CONFIG | {"NIGHTLY": ""}, "NIGHTLY", utc(2027, 3, 27, 3, 15))


@pytest.mark.parametrize("value", ["3.15", "25:00", "12:60", "noon", "*:5"])
def test_a_time_that_is_not_one_stops_the_app_starting(value):
    with pytest.raises(ValueError, match="is not a time of day"):
        create_app("test", {"BOOKINGS_CHECK_AT": value})


def test_a_run_is_queued_once_however_many_schedulers_ask(app, db):
    RUNS.clear()
    moment = utc(2027, 3, 28, 2, 15)
    first = schedule.queue_run(tick, moment)
    second = schedule.queue_run(tick, moment)  # a second worker's scheduler, same minute
    assert first.id == second.id and first.key == "at:tests.jobs.tick:2027-03-28T03:15"
    assert RUNS == [("tick",)]
    RUNS.clear()


def test_the_app_schedules_its_sweeps():
    names = {task.__name__ for task in huey._registry._periodic_tasks}
    assert {
        "at:problems.check_bookings",
        "at:privacy.retention_sweep",
        "at:learners.sweep",
        "look_after_jobs",
    } <= names
    assert schedule.SETTINGS["problems.check_bookings"] == "BOOKINGS_CHECK_AT"


@pytest.mark.parametrize(
    "name", ["problems.check_bookings", "privacy.retention_sweep", "learners.sweep"]
)
def test_each_scheduled_job_runs_on_the_queue(app, db, name):
    schedule.queue_run(TASKS[name], utc(2027, 3, 28, 2, 15))
    job = db.session.scalar(select(Job).where(Job.task == name))
    assert (job.state, job.last_error) == (JobState.DONE, "")


def test_the_retention_sweep_logs_what_it_removed(app, db):
    before = db.session.scalar(select(func.count()).select_from(RetentionRun))
    schedule.queue_run(TASKS["privacy.retention_sweep"], utc(2027, 3, 28, 2, 15))
    assert db.session.scalar(select(func.count()).select_from(RetentionRun)) > before
