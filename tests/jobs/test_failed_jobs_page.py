"""The failed jobs page: coordinators see what failed and why, then try it again or dismiss
it, each after a confirmation."""

import pytest
from sqlalchemy import select

from tests.jobs.factories import RUNS, make_failed_job
from trainer.models import AuditEvent, Job, JobState


@pytest.fixture(autouse=True)
def fresh_runs():
    RUNS.clear()
    yield
    RUNS.clear()


def test_the_page_lists_failed_jobs_with_their_error(client, login, db):
    make_failed_job(error="SMTPServerDisconnected: the server went away")
    login("coordinator")
    page = client.get("/admin/jobs").get_data(as_text=True)
    assert "SMTPServerDisconnected: the server went away" in page
    assert "tests.jobs.fail(1)" in page


def test_an_empty_list_says_so(client, login, db):
    login("admin")
    assert "No job has failed." in client.get("/admin/jobs").get_data(as_text=True)


def test_try_again_asks_first_then_runs_the_job(client, login, db):
    row = make_failed_job(task="tests.jobs.note", args=("second time",))
    db.session.commit()
    login("coordinator")
    page = client.get(f"/admin/jobs/{row.id}/try-again").get_data(as_text=True)
    assert "Try again job" in page and "Try the job again" in page
    assert RUNS == []  # only asked
    response = client.post(f"/admin/jobs/{row.id}/try-again")
    assert response.status_code == 302
    assert RUNS == [("note", "second time", {})]
    assert db.session.get(Job, row.id).state == JobState.DONE
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "job.retried"))
    assert event.entity_id == row.id


def test_a_job_that_fails_again_is_back_on_the_list(client, login, db, app):
    row = make_failed_job()
    db.session.commit()
    login("coordinator")
    client.post(f"/admin/jobs/{row.id}/try-again")
    assert len(RUNS) == app.config["QUEUE_RETRIES"] + 1
    assert db.session.get(Job, row.id).state == JobState.FAILED


def test_dismiss_takes_the_job_off_the_list(client, login, db):
    row = make_failed_job(error="KeyError: gone")
    db.session.commit()
    login("coordinator")
    assert "Dismiss the job" in client.get(f"/admin/jobs/{row.id}/dismiss").get_data(as_text=True)
    response = client.post(f"/admin/jobs/{row.id}/dismiss", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "The job is dismissed." in page and "KeyError: gone" not in page
    assert db.session.get(Job, row.id).state == JobState.DISMISSED
    assert RUNS == []


def test_a_job_dismissed_in_another_tab_is_not_tried_again(client, login, db):
    row = make_failed_job()
    row.state = JobState.DISMISSED
    db.session.commit()
    login("coordinator")
    page = client.post(f"/admin/jobs/{row.id}/try-again", follow_redirects=True)
    assert "This job is dismissed now: nothing was changed." in page.get_data(as_text=True)
    assert RUNS == []


def test_others_cannot_see_failed_jobs(client, login, db):
    login("trainer")
    assert client.get("/admin/jobs").status_code == 403
