"""Jobs as rows: queued in the caller's transaction, put on the queue after it commits, run
once by whichever worker claims them first, and kept as failed when every try fails.

The queue itself carries only a job's id. A worker claims the row (state RUNNING, with a
lease) before it starts, and marks it DONE in the same transaction as the job's own work, so
a job that is done is never done again. A job whose worker died (its lease ran out), or that
never reached the queue, is put on the queue again by `rescue`, which every worker runs when
it starts and then every minute.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, has_app_context
from sqlalchemy import and_, delete, event, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.jobs import queue
from trainer.models import Job, JobState

log = logging.getLogger(__name__)

#: session.info keys: jobs queued in the open transaction; committed but not yet handed over
PENDING, READY = "jobs_pending", "jobs_ready"


@dataclass(frozen=True)
class Task:
    """A declared job: call `later(task, ...)` to queue it."""

    name: str
    func: Callable[..., object]
    lease_seconds: int | None

    def __call__(self, *args, **kwargs):
        """Run it here and now (a command, a test): not queued."""
        return self.func(*args, **kwargs)


TASKS: dict[str, Task] = {}


def job(*, name: str | None = None, lease_seconds: int | None = None):
    """Declare a job. `lease_seconds`: how long one try may take before it is taken as lost
    (default QUEUE_LEASE_SECONDS)."""

    def declare(func: Callable[..., object]) -> Task:
        task = Task(name or f"{func.__module__}.{func.__name__}", func, lease_seconds)
        if task.name in TASKS and TASKS[task.name].func is not func:
            raise ValueError(f"Two jobs are named {task.name}.")
        TASKS[task.name] = task
        return task

    return declare


def later(task: Task, *args, key: str | None = None, delay: timedelta | None = None, **kwargs):
    """Queue `task(*args, **kwargs)` to run once the current transaction commits (flushes).

    With a `key` already queued, nothing new is queued: the existing job is returned."""
    if key is not None and (existing := _by_key(key)) is not None:
        return existing
    row = Job(
        task=task.name,
        arguments=json.dumps([list(args), kwargs]),
        key=key,
        due_at=utc_now() + (delay or timedelta()),
    )
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # the same key, queued at the same moment by another transaction
        return _by_key(key)
    hand_over_after_commit(row.id, delay)
    return row


def hand_over_after_commit(job_id: int, delay: timedelta | None = None) -> None:
    """Put the job on the queue once the current transaction commits."""
    db.session.info.setdefault(PENDING, []).append((job_id, delay))


def _by_key(key: str) -> Job | None:
    return db.session.scalar(select(Job).where(Job.key == key))


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    if queue.huey.immediate:  # run them once the commit is over, not inside it
        session.info.setdefault(READY, []).extend(pending)
        return
    for job_id, delay in pending:
        _hand_over(job_id, delay)


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop(PENDING, None)


def run_committed() -> int:
    """Hand over the jobs this session committed (immediate mode runs them now)."""
    ready = db.session.info.pop(READY, None) or []
    for job_id, delay in ready:
        _hand_over(job_id, delay)
    return len(ready)


def _hand_over(job_id: int, delay: timedelta | None) -> None:
    """Put the job on the queue; if the queue is down, `rescue` puts it there later."""
    config = queue.app().config if not has_app_context() else current_app.config
    signature = run_job.s(
        job_id,
        delay=delay.total_seconds() if delay else None,
        retries=config["QUEUE_RETRIES"],
        retry_delay=config["QUEUE_RETRY_DELAY_SECONDS"],
        retry_backoff=2,
    )
    try:
        queue.huey.enqueue(signature)
    except Exception:  # the store is unreachable: the row waits for `rescue`
        log.exception("Job %s could not be put on the queue; it will be put there later", job_id)


@queue.huey.task(context=True, name="run_job")
def run_job(job_id: int, task=None) -> None:
    """What the queue runs: the job with this id, in an app context."""
    context = nullcontext() if has_app_context() else queue.app().app_context()
    with context:
        try:
            _run(job_id, final=task is None or not task.retries)
        finally:
            run_committed()


def _run(job_id: int, *, final: bool) -> None:
    row = _claim(job_id)
    if row is None:
        return  # done, dismissed, or running on another worker
    task = TASKS.get(row.task)
    try:
        if task is None:
            raise LookupError(f"No job is called {row.task}.")
        args, kwargs = json.loads(row.arguments)
        started = time.monotonic()
        task.func(*args, **kwargs)
        row.state, row.finished_at, row.lease_until, row.last_error = (
            JobState.DONE,
            utc_now(),
            None,
            "",
        )
        db.session.commit()
        log.info("Job %s (%s) done in %.2f s", job_id, row.task, time.monotonic() - started)
    except Exception as error:
        db.session.rollback()
        _note_failure(job_id, error, final=final)
        log.warning(
            "Job %s failed (%s): %s", job_id, "for good" if final else "to be tried again", error
        )
        raise


def _claim(job_id: int) -> Job | None:
    """Take the job for this worker (committed at once), or None if it is not to be run.

    The transaction starts with the write, so on SQLite it never waits holding a read lock."""
    now = utc_now()
    taken = db.session.execute(
        update(Job)
        .where(
            Job.id == job_id,
            or_(
                Job.state == JobState.WAITING,
                and_(Job.state == JobState.RUNNING, Job.lease_until < now),
            ),
        )
        .values(state=JobState.RUNNING, tries=Job.tries + 1, lease_until=now + _lease())
        .execution_options(synchronize_session=False)
    )
    if not taken.rowcount:
        db.session.rollback()
        return None
    row = db.session.get(Job, job_id, populate_existing=True)
    task = TASKS.get(row.task)
    if task is not None and task.lease_seconds:
        row.lease_until = now + timedelta(seconds=task.lease_seconds)
    db.session.commit()
    return row


def _lease() -> timedelta:
    return timedelta(seconds=current_app.config["QUEUE_LEASE_SECONDS"])


def _note_failure(job_id: int, error: Exception, *, final: bool) -> None:
    row = db.session.get(Job, job_id)
    if row is None:
        return
    row.last_error = f"{type(error).__name__}: {error}"[:2000]
    row.lease_until = None
    if final:
        row.state, row.finished_at = JobState.FAILED, utc_now()
    else:
        row.state = JobState.WAITING
        row.due_at = utc_now() + _next_delay(row.tries)
    db.session.commit()


def _next_delay(tries: int) -> timedelta:
    """Huey's backoff: the first retry after QUEUE_RETRY_DELAY_SECONDS, doubling each time."""
    return timedelta(seconds=current_app.config["QUEUE_RETRY_DELAY_SECONDS"] * 2 ** (tries - 1))


# -- lost jobs and old ones ---------------------------------------------------------------------


def rescue(now: datetime | None = None) -> int:
    """Put back on the queue each job that should be running but is not: its worker died
    (lease run out), or it never reached the queue. Returns how many."""
    now = now or utc_now()
    overdue = now - timedelta(minutes=current_app.config["QUEUE_RESCUE_MINUTES"])
    lost = list(
        db.session.scalars(
            select(Job.id).where(
                or_(
                    and_(Job.state == JobState.WAITING, Job.due_at <= overdue),
                    and_(Job.state == JobState.RUNNING, Job.lease_until < now),
                )
            )
        )
    )
    if lost:
        db.session.execute(
            update(Job)
            .where(Job.id.in_(lost), Job.state == JobState.WAITING)
            .values(due_at=now)
            .execution_options(synchronize_session=False)
        )
    db.session.commit()  # and hold no lock while the jobs run (SQLite)
    for job_id in lost:
        _hand_over(job_id, None)
    return len(lost)


def forget_done(now: datetime | None = None) -> int:
    """Delete jobs done more than QUEUE_KEEP_DONE_DAYS ago (failed ones stay until dealt with)."""
    before = (now or utc_now()) - timedelta(days=current_app.config["QUEUE_KEEP_DONE_DAYS"])
    removed = db.session.execute(
        delete(Job)
        .where(
            Job.state.in_([JobState.DONE, JobState.DISMISSED]),
            Job.finished_at < before,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return removed.rowcount


@queue.huey.periodic_task(lambda moment: True, name="look_after_jobs")
def look_after_jobs() -> None:
    """Every minute on the worker: re-queue lost jobs, forget old finished ones."""
    with queue.app().app_context():
        rescue()
        forget_done()
