"""Failed jobs: every try failed. Coordinators see them, try one again or dismiss it."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from trainer import audit
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.jobs.runner import hand_over_after_commit
from trainer.models import Job, JobState, User


def list_failed() -> list[Job]:
    query = select(Job).where(Job.state == JobState.FAILED).order_by(Job.finished_at.desc())
    return list(db.session.scalars(query))


def counts() -> dict[JobState, int]:
    """How many jobs are in each state now."""
    rows = db.session.execute(select(Job.state, func.count()).group_by(Job.state))
    return {row[0]: row[1] for row in rows}


def describe_arguments(job: Job) -> str:
    args, kwargs = json.loads(job.arguments)
    parts = [json.dumps(a) for a in args] + [f"{k}={json.dumps(v)}" for k, v in kwargs.items()]
    return ", ".join(parts)


def try_again(job: Job, *, actor: User) -> None:
    """Queue a failed job again, from its first try (flushes; runs after commit)."""
    _must_be_failed(job)
    job.state, job.tries, job.due_at, job.finished_at = JobState.WAITING, 0, utc_now(), None
    audit.record("job.retried", job, actor=actor, before={"error": job.last_error})
    db.session.flush()
    hand_over_after_commit(job.id)


def dismiss(job: Job, *, actor: User) -> None:
    """Leave a failed job undone, and off the failed jobs page (flushes)."""
    _must_be_failed(job)
    job.state, job.finished_at = JobState.DISMISSED, utc_now()
    audit.record("job.dismissed", job, actor=actor, before={"error": job.last_error})
    db.session.flush()


def _must_be_failed(job: Job) -> None:
    if job.state != JobState.FAILED:
        raise DomainError(f"This job is {job.state.value} now: nothing was changed.")
