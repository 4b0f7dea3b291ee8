"""`flask worker`: the process that runs queued and daily jobs (Huey's consumer), inside
the app made once for it."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import with_appcontext

from trainer.extensions import db
from trainer.jobs import queue
from trainer.jobs.runner import rescue


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
    put_back = rescue()
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
