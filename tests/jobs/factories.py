"""Jobs for tests: declared tasks that count their runs, and failed jobs."""

import json
import time

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.jobs import job
from trainer.models import AuditEvent, Job, JobState

#: what the test jobs below did, in order (reset by each test that reads it)
RUNS: list[tuple] = []


@job(name="tests.jobs.note")
def note(value, **kwargs) -> None:
    RUNS.append(("note", value, kwargs))


@job(name="tests.jobs.fail")
def fail(value) -> None:
    RUNS.append(("fail", value))
    raise RuntimeError(f"cannot do {value}")


def make_failed_job(*, task: str = "tests.jobs.fail", args=(1,), error="RuntimeError: no") -> Job:
    row = Job(
        task=task,
        arguments=json.dumps([list(args), {}]),
        state=JobState.FAILED,
        tries=6,
        last_error=error,
        finished_at=utc_now(),
    )
    db.session.add(row)
    db.session.flush()
    return row


@job(name="tests.jobs.count")
def count(number: int, pause: float = 0.0) -> None:
    """A job whose work is a row, saved with its "done" mark: done once, or not at all."""
    time.sleep(pause)
    db.session.add(
        AuditEvent(action="tests.job_ran", entity_type="jobs", entity_id=number, reason="")
    )


@job(name="tests.jobs.tick")
def tick() -> None:
    RUNS.append(("tick",))
