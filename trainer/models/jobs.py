"""Work done later: each job queued by the app, until it is done (or has failed for good),
and the files that jobs make for every app server to hand out."""

import enum
from datetime import datetime

from sqlalchemy import Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models.base import enum_type
from trainer.models.types import UTCDateTime


class JobState(enum.StrEnum):
    WAITING = "waiting"  # on the queue, or waiting for its next try
    RUNNING = "running"  # a worker has it until `lease_until`
    DONE = "done"
    FAILED = "failed"  # every try failed: on the failed jobs page
    DISMISSED = "dismissed"  # failed, and a coordinator said not to try again


class Job(db.Model):
    """One queued job (trainer/jobs): the queue carries only its id, so a job is never lost
    with a worker, and never done twice once done."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_state_due_at", "state", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the task's name, as declared with `trainer.jobs.job`
    task: Mapped[str] = mapped_column(String(200))
    #: JSON: [args, kwargs]
    arguments: Mapped[str] = mapped_column(Text, default="[[], {}]")
    #: unique when given: the same job asked for twice is queued once
    key: Mapped[str | None] = mapped_column(String(300), unique=True)
    state: Mapped[JobState] = mapped_column(
        enum_type(JobState, "job_state"), default=JobState.WAITING
    )
    tries: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    #: when it should next run: a job still waiting long after this is put on the queue again
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    #: a running job whose worker has not finished by then is taken as lost
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class StoredFile(db.Model):
    """A file made in the background (pay-run letters), kept in the database so that every
    app server can hand it out."""

    __tablename__ = "stored_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    media_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
