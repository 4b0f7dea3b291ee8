"""`flask worker`: the process that runs queued and daily jobs (Huey's consumer), inside
the app made once for it."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from trainer.extensions import db
from trainer.jobs import queue
from trainer.jobs.runner import hand_over, rescue
from trainer.models import Job, JobState


@click.command("worker")
@click.option("--threads", default=2, show_default=True, help="Jobs run at the same time.")
@click.option(
    "--periodic/--no-periodic",
    default=True,
    show_default=True,
    help="Also start the daily jobs (safe on every worker: each runs once a day).",
)
@with_appcontext
def worker_command(threads: int, periodic: bool) -> None:
    """Run queued jobs until stopped (Ctrl-C or SIGINT waits for running jobs to end)."""
    if current_app.config.get("QUEUE_IMMEDIATE"):
        raise click.ClickException("QUEUE_IMMEDIATE is set: jobs run where they are queued.")
    if current_app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite") and threads > 1:
        threads = 1  # SQLite takes one writer at a time: threads would only wait on each other
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("huey").setLevel(logging.WARNING)  # each job is logged once, below
    logging.getLogger("huey.consumer").setLevel(logging.INFO)
    click.echo(f"Heads Together worker: {queue.describe()}, {threads} at a time.")
    put_back = rescue() + put_back_orphans()
    db.session.remove()
    if put_back:
        click.echo(f"{put_back} job(s) left unfinished before were put back on the queue.")
    consumer = queue.huey.create_consumer(
        workers=threads,
        periodic=periodic,
        worker_type="thread",
        check_worker_health=True,
        max_delay=1.0,  # an idle worker looks at a SQLite queue every second (Redis waits)
    )
    consumer.run()


def put_back_orphans() -> int:
    """Put back on the queue each waiting job that is neither on it nor in its schedule: a
    worker died between taking it from the queue and starting it. (One still being handed
    over is put there twice: the second copy finds it done and does nothing.)"""
    on_queue = {
        task.args[0]
        for task in (*queue.huey.pending(), *queue.huey.scheduled())
        if type(task).__name__ == "run_job" and task.args
    }
    waiting = set(db.session.scalars(select(Job.id).where(Job.state == JobState.WAITING)))
    db.session.commit()
    orphans = sorted(waiting - on_queue)
    for job_id in orphans:
        hand_over(job_id, None)
    return len(orphans)
