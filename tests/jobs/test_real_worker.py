"""A real worker process (`flask worker`) on each real store, the SQLite file and Redis:
jobs queued here run there, failures end on the failed list, and a worker killed in the
middle of a batch and started again loses no job and does none twice."""

import time
from collections import Counter
from types import SimpleNamespace

import pytest
from flask_migrate import upgrade
from sqlalchemy import select

from tests.jobs import workers
from tests.jobs.factories import count, fail
from tests.settings import TEST_DATABASE_URL, suite_config
from trainer import create_app, jobs
from trainer.extensions import db
from trainer.models import AuditEvent, Job, JobState

ON_POSTGRESQL = TEST_DATABASE_URL.startswith("postgresql")
WORKER_SETTINGS = {
    "QUEUE_RETRIES": 1,
    "QUEUE_RETRY_DELAY_SECONDS": 1,
    "QUEUE_LEASE_SECONDS": 2,
}


@pytest.fixture(params=["sqlite", "redis"])
def store(request):
    if request.param == "redis":
        if not workers.redis_is_up():
            pytest.skip(f"Redis is not answering at {workers.TEST_REDIS_URL}")
        workers.empty_redis()
    yield request.param
    if request.param == "redis":
        workers.empty_redis()


@pytest.fixture
def shared(request, app, store, tmp_path):
    """This process and a worker on one database and one queue store. PostgreSQL runs use
    the suite's database (rows made are deleted after); others a SQLite file of their own."""
    settings = workers.queue_settings(store, tmp_path) | WORKER_SETTINGS
    if ON_POSTGRESQL:
        request.getfixturevalue("committed")
        url, own = TEST_DATABASE_URL, app
        saved = {name: app.config.get(name) for name in settings}
        app.config.update(settings)
    else:
        url = f"sqlite:///{tmp_path / 'app.db'}"
        own, saved = create_app("test", suite_config(url) | settings), None
    jobs.init_app(own)
    try:
        with own.app_context():
            if not ON_POSTGRESQL:
                upgrade()
            env = workers.environment(url, settings)
            yield SimpleNamespace(app=own, env=env, log=tmp_path / "worker.log")
            db.session.remove()
    finally:
        if saved is not None:
            app.config.update(saved)
        jobs.init_app(app)  # the rest of the suite runs jobs at once again


def ran() -> Counter:
    """How often each test job's work was saved, as the worker committed it."""
    query = select(AuditEvent.entity_id).where(AuditEvent.action == "tests.job_ran")
    return Counter(_read(query))


def states() -> Counter:
    return Counter(_read(select(Job.state)))


def _read(query) -> list:
    db.session.rollback()  # see what the worker committed since
    try:
        return list(db.session.scalars(query))
    finally:
        db.session.rollback()  # and hold no lock while it writes


def queue_batch(size: int, *, pause: float = 0.0) -> None:
    for number in range(1, size + 1):
        jobs.later(count, number, pause=pause, key=f"count:{number}")
    db.session.commit()
    jobs.run_committed()


def test_a_worker_runs_queued_jobs_and_keeps_failures(shared):
    queue_batch(12)
    jobs.later(fail, "on purpose")
    db.session.commit()
    jobs.run_committed()
    assert ran() == Counter()  # nothing runs here: the worker does it
    worker = workers.start_worker(shared.env, shared.log)
    try:
        workers.wait_until(lambda: len(ran()) == 12, what="12 jobs done")
        workers.wait_until(lambda: states()[JobState.FAILED] == 1, what="the failing job kept")
    finally:
        workers.stop(worker)
    assert ran() == Counter(range(1, 13))
    failed = db.session.scalar(select(Job).where(Job.state == JobState.FAILED))
    assert (failed.tries, failed.last_error) == (2, "RuntimeError: cannot do on purpose")


def test_a_worker_killed_mid_batch_loses_no_job_and_does_none_twice(shared):
    queue_batch(20, pause=0.1)
    worker = workers.start_worker(shared.env, shared.log)
    try:
        workers.wait_until(lambda: len(ran()) >= 4, what="the batch under way")
        workers.stop(worker, kill=True)  # SIGKILL: no chance to tidy up
        done_before = sum(ran().values())
        assert done_before < 20, "the worker finished before it could be killed"
        time.sleep(WORKER_SETTINGS["QUEUE_LEASE_SECONDS"] + 0.5)  # the killed jobs' leases end
        worker = workers.start_worker(shared.env, shared.log)
        workers.wait_until(lambda: len(ran()) == 20, what="every job done after the restart")
        workers.wait_until(lambda: states()[JobState.DONE] == 20, what="every job marked done")
    finally:
        workers.stop(worker)
    assert ran() == Counter(range(1, 21)), "a job was lost or done twice"
