"""A real worker (`flask worker`, the queue's own harness in tests/jobs/workers.py) sending a
batch of reminders through GOV.UK Notify (the local fake) is killed in the middle of the
batch and started again: no message is lost and none is sent twice."""

import os
import signal
import time
from collections import Counter
from types import SimpleNamespace

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select

from tests.jobs import workers
from tests.messages import fake_notify
from tests.settings import TEST_DATABASE_URL, suite_config
from trainer import create_app, jobs
from trainer.extensions import db
from trainer.messages.content import Content, Line
from trainer.messages.log import batched, tell_person
from trainer.models import Message, MessageChoice, MessageStatus, Person

ON_POSTGRESQL = TEST_DATABASE_URL.startswith("postgresql")
HOW_MANY = 150
#: the worker dies while Notify has this request on its desk (the second batch of 100)
KILLED_AT = 120
SETTINGS = {
    "QUEUE_IMMEDIATE": False,
    "QUEUE_URL": None,
    "QUEUE_RETRIES": 1,
    "QUEUE_RETRY_DELAY_SECONDS": 1,
    "QUEUE_LEASE_SECONDS": 2,
    "MESSAGE_STALE_MINUTES": 0,
}


@pytest.fixture
def shared(request, app, tmp_path, notify):
    """This process and a worker on one database and one SQLite queue file."""
    settings = SETTINGS | {"QUEUE_FILE": str(tmp_path / "queue.db")}
    notify_settings = {
        "NOTIFY_API_KEY": fake_notify.API_KEY,
        "NOTIFY_BASE_URL": notify.url,
        "NOTIFY_EMAIL_TEMPLATE_ID": fake_notify.EMAIL_TEMPLATE,
        "NOTIFY_SMS_TEMPLATE_ID": fake_notify.SMS_TEMPLATE,
    }
    if ON_POSTGRESQL:
        request.getfixturevalue("committed")
        url, own = TEST_DATABASE_URL, app
        saved = {name: app.config.get(name) for name in settings}
        app.config.update(settings)
    else:
        url = f"sqlite:///{tmp_path / 'app.db'}"
        own, saved = create_app("test", suite_config(url) | settings | notify_settings), None
    jobs.init_app(own)
    try:
        with own.app_context():
            if not ON_POSTGRESQL:
                upgrade()
            env = workers.environment(url, settings | notify_settings)
            yield SimpleNamespace(env=env, log=tmp_path / "worker.log", notify=notify)
            db.session.remove()
    finally:
        if saved is not None:
            app.config.update(saved)
        jobs.init_app(app)  # the rest of the suite runs jobs at once again


def write_batch() -> None:
    """HOW_MANY reminders due now, written as a scheduled run writes them: batch jobs."""
    no_quiet = MessageChoice(by_email=True, by_text=False, quiet_from=None, quiet_until=None)
    with batched():
        for n in range(1, HOW_MANY + 1):
            person = Person(full_name=f"Person {n}", email=f"p{n}@example.org")
            db.session.add(person)
            db.session.flush()
            content = Content(
                subject=f"Reminder {n}", heading=f"Your session, {n}.", lines=(Line("Hello"),)
            )
            tell_person(person, "reminder", f"worker-test:{n}", content, chosen=no_quiet)
    db.session.commit()
    jobs.run_committed()


def statuses() -> Counter:
    db.session.rollback()  # see what the worker committed since
    try:
        return Counter(db.session.scalars(select(Message.status)))
    finally:
        db.session.rollback()


def test_a_worker_killed_mid_batch_loses_no_message_and_sends_none_twice(shared):
    write_batch()
    notify = shared.notify
    worker = None

    def kill_the_worker(number: int) -> bool:
        if number == KILLED_AT:
            os.kill(worker.pid, signal.SIGKILL)  # no chance to tidy up
            return True
        return False

    notify.before_each = kill_the_worker
    worker = workers.start_worker(shared.env, shared.log, threads=1)
    try:
        workers.wait_until(lambda: worker.poll() is not None, timeout=90, what="the kill")
        notify.before_each = None
        before = statuses()
        assert len(notify.emails()) == KILLED_AT - 1
        assert before[MessageStatus.SENDING] > 0, "no batch was under way"
        time.sleep(SETTINGS["QUEUE_LEASE_SECONDS"] + 0.5)  # the killed job's lease ends
        worker = workers.start_worker(shared.env, shared.log, threads=1)
        workers.wait_until(
            lambda: statuses()[MessageStatus.SENT] == HOW_MANY, timeout=90, what="all sent"
        )
    finally:
        workers.stop(worker)
    sent = Counter(body["reference"] for body in notify.emails())
    assert len(sent) == HOW_MANY, "a message was lost"
    assert set(sent.values()) == {1}, "a message was sent twice"
    unsent = db.session.scalar(
        select(func.count()).select_from(Message).where(Message.status != MessageStatus.SENT)
    )
    assert unsent == 0
