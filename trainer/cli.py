"""flask commands: accounts, demo data, mail, backups, retention and the bookings check;
calling the same services as the web."""

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from trainer import backups, demo
from trainer.auth.service import create_user
from trainer.calendars import outbox
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.jobs.worker import worker_command
from trainer.learners import outbox as learner_outbox
from trainer.learners import sweep
from trainer.models import Role
from trainer.privacy import retention
from trainer.problems.sweep import check_every_held_seat

ROLE_NAMES = [role.value for role in Role]


def register(app: Flask) -> None:
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(deliver_mail_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(apply_retention_command)
    app.cli.add_command(check_bookings_command)
    app.cli.add_command(sweep_learners_command)
    app.cli.add_command(worker_command)


def read_password(prompt_user: bool) -> str:
    """Read a password without echo at a terminal, or one line from standard input."""
    if prompt_user:
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


@click.command("create-user")
@click.argument("email")
@click.option(
    "--role",
    "roles",
    multiple=True,
    type=click.Choice(ROLE_NAMES),
    required=True,
    help="A role for the account; repeat for several.",
)
def create_user_command(email: str, roles: tuple[str, ...]) -> None:
    """Add an account. The password is asked for (not echoed) or read from standard input."""
    password = read_password(sys.stdin.isatty())
    try:
        user = create_user(email, password, {Role(r) for r in roles})
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(f"Created {user.email} with roles: {', '.join(sorted(roles))}.")


@click.command("seed-demo")
@click.option(
    "--password",
    default="demo-password",
    show_default=True,
    help="Password for every demo account (local trials only).",
)
@click.option(
    "--scale",
    type=click.Choice(["demo", "region", "nation"]),
    default="demo",
    show_default=True,
    help="'region' (one region) and 'nation' (40 regions) build large data sets for benchmarks.",
)
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has data.")
def seed_demo_command(password: str, scale: str, if_empty: bool) -> None:
    """Load demo programmes, venues, people, sessions and sign-ins."""
    if if_empty and not demo.is_empty():
        click.echo("The database already has data: demo data not loaded.")
        return
    if not demo.is_empty():
        raise click.ClickException("The database already has data. Use a fresh database.")
    summary = demo.seed(password=password, scale=scale, echo=click.echo)
    db.session.commit()
    click.echo(summary)


@click.command("deliver-mail")
@click.option("--limit", default=500, show_default=True, help="The most messages to try.")
def deliver_mail_command(limit: int) -> None:
    """Send emails still waiting (invites and learners' emails), for example after a mail
    server outage."""
    rows = outbox.unsent(limit)
    sent = outbox.deliver(rows)
    learner_rows = learner_outbox.unsent(limit)
    sent_to_learners = learner_outbox.deliver(learner_rows)
    db.session.commit()
    click.echo(f"Sent {sent} of {len(rows)} waiting messages.")
    click.echo(f"Sent {sent_to_learners} of {len(learner_rows)} waiting messages to learners.")
    if sent < len(rows) or sent_to_learners < len(learner_rows):
        raise click.ClickException("Some messages could not be sent. They will be tried again.")


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(target: Path) -> None:
    """Back up the whole database to TARGET (SQLite's online backup, or pg_dump)."""
    try:
        click.echo(backups.backup(db.engine, target))
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from None


@click.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Replace everything in a database with data.")
@with_appcontext
def restore_command(source: Path, replace: bool) -> None:
    """Restore the backup SOURCE into this (empty) database. Restart the app afterwards."""
    db.session.remove()
    try:
        click.echo(backups.restore(db.engine, source, replace=replace))
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from None


@click.command("apply-retention")
@with_appcontext
def apply_retention_command() -> None:
    """Remove personal data older than its retention setting, and log what went."""
    runs = retention.sweep(current_app.config)
    db.session.commit()
    for run in runs:
        click.echo(f"{run.kind}: {run.removed} removed (older than {run.removed_before:%Y-%m-%d}).")


@click.command("check-bookings")
def check_bookings_command() -> None:
    """Check every seat held in sessions to come against the booking rules (the nightly
    check): record new problems, resolve those that no longer apply. Safe to run again."""
    result = check_every_held_seat()
    db.session.commit()
    click.echo(str(result))


@click.command("sweep-learners")
def sweep_learners_command() -> None:
    """Cancel waiting-list offers that ran out (offering the places on) and remind learners
    of sessions starting soon. Safe to run as often as you like."""
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        swept = sweep.run_due()
        db.session.commit()
        learner_outbox.deliver_committed()
    click.echo(f"{swept.lapsed} offers ran out; {swept.reminded} reminders sent.")
