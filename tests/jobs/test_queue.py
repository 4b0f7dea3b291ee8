"""The job queue in immediate mode (the suite's default): jobs run once their transaction
commits, never when it rolls back, once per key, and a job failing every try is kept."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.jobs import factories
from tests.jobs.factories import RUNS, fail, note
from trainer import jobs
from trainer.changes import Change
from trainer.domain import DomainError
from trainer.jobs import queue
from trainer.jobs.runner import rescue
from trainer.models import Job, JobState


@pytest.fixture(autouse=True)
def fresh_runs():
    RUNS.clear()
    yield
    RUNS.clear()


def test_a_job_runs_after_its_change_commits(app, db):
    with app.test_request_context(), Change():
        jobs.later(note, "hello", colour="blue")
        assert RUNS == []  # not before the commit
    assert RUNS == [("note", "hello", {"colour": "blue"})]
    row = db.session.scalar(select(Job))
    assert (row.state, row.tries, row.finished_at is not None) == (JobState.DONE, 1, True)


def test_a_job_queued_in_a_change_that_fails_never_runs(app, db):
    with app.test_request_context():
        with Change() as change:
            jobs.later(note, "lost")
            raise DomainError("refused")
        assert not change.saved
        jobs.run_committed()
    assert RUNS == []
    assert db.session.scalar(select(Job)) is None


def test_a_job_queued_outside_a_request_runs_when_handed_over(db):
    jobs.later(note, 1)
    db.session.commit()
    assert RUNS == []
    assert jobs.run_committed() == 1
    assert RUNS == [("note", 1, {})]


def test_the_same_key_is_queued_once(db):
    first = jobs.later(note, 1, key="reminder:7:email")
    second = jobs.later(note, 1, key="reminder:7:email")
    db.session.commit()
    jobs.run_committed()
    assert first.id == second.id
    assert RUNS == [("note", 1, {})]
    jobs.later(note, 1, key="reminder:7:email")  # already done: still not again
    db.session.commit()
    jobs.run_committed()
    assert RUNS == [("note", 1, {})]


def test_a_failing_job_is_tried_again_then_kept_as_failed(app, db):
    jobs.later(fail, "the impossible")
    db.session.commit()
    jobs.run_committed()
    tries = app.config["QUEUE_RETRIES"] + 1
    assert RUNS == [("fail", "the impossible")] * tries
    row = db.session.scalar(select(Job))
    assert row.state == JobState.FAILED
    assert row.tries == tries
    assert row.last_error == "RuntimeError: cannot do the impossible"


def test_a_done_job_is_never_run_again(db):
    row = jobs.later(note, 1)
    db.session.commit()
    jobs.run_committed()
    jobs.huey.enqueue(jobs.runner.run_job.s(row.id))  # the queue delivers it twice
    assert RUNS == [("note", 1, {})]


def test_rescue_requeues_a_job_whose_worker_died(app, db):
    row = factories.make_failed_job(task="tests.jobs.note", args=("again",))
    row.state, row.lease_until = JobState.RUNNING, row.created_at - timedelta(seconds=1)
    db.session.commit()
    assert rescue() == 1
    assert RUNS == [("note", "again", {})]
    assert db.session.get(Job, row.id).state == JobState.DONE


def test_rescue_leaves_a_running_job_with_time_left(app, db):
    row = factories.make_failed_job(task="tests.jobs.note")
    row.state, row.lease_until = JobState.RUNNING, row.created_at + timedelta(hours=1)
    db.session.commit()
    assert rescue(now=row.created_at) == 0
    assert RUNS == []


def test_the_health_check_answers_for_the_queue(client):
    body = client.get("/healthz").get_json()
    assert body["checks"]["queue"] == "ok"


def test_tests_run_the_queue_in_immediate_mode(app):
    assert queue.huey.immediate
    assert "immediate" in queue.describe()


def test_the_health_check_fails_when_redis_cannot_be_reached(client, monkeypatch):
    from huey.storage import RedisStorage

    unreachable = RedisStorage("heads-together", url="redis://127.0.0.1:1/0")
    monkeypatch.setattr(queue.huey, "storage", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {"database": "ok", "queue": "failing"}


def test_a_queue_that_cannot_be_reached_loses_no_job(app, db, monkeypatch):
    """The row waits; `rescue` puts it on the queue once the store is back."""
    from huey.storage import RedisStorage

    monkeypatch.setattr(queue.huey, "immediate", False)
    monkeypatch.setattr(queue.huey, "storage", RedisStorage("x", url="redis://127.0.0.1:1/0"))
    row = jobs.later(note, "kept")
    db.session.commit()
    jobs.run_committed()  # fails to enqueue: logged, not raised
    monkeypatch.undo()
    assert RUNS == [] and db.session.get(Job, row.id).state == JobState.WAITING
    assert rescue(now=row.due_at + timedelta(minutes=app.config["QUEUE_RESCUE_MINUTES"])) == 1
    assert RUNS == [("note", "kept", {})]
