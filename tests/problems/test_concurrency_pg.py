"""Two coordinators changing what the same person's bookings read at the same moment, on
PostgreSQL: both changes are saved, neither waits on the other for ever, and the break they
both find is one problem, not two. Runs only when TEST_DATABASE_URL is PostgreSQL; it commits
for real, so it cleans up after itself."""

import threading
import time

import pytest
from sqlalchemy import select

from tests import factories
from tests.problems.factories import booked
from tests.settings import TEST_DATABASE_URL
from trainer.extensions import db
from trainer.models import Problem, UnavailablePeriod
from trainer.problems import recheck
from trainer.timezones import to_local

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not TEST_DATABASE_URL.startswith("postgresql"),
        reason="needs PostgreSQL (TEST_DATABASE_URL)",
    ),
]
#: how long each check takes: long enough that, unheld, both would check before either saved
HOLD_SECONDS = 0.3


def signed_in(app, user):
    client = app.test_client()
    response = client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 302
    return client


def test_two_time_offs_for_one_person_at_once_make_one_problem(app, committed, monkeypatch):
    setup = booked()
    person = setup.people["Autistic"][0]
    day = to_local(setup.session.starts_at).date().isoformat()
    clients = [signed_in(app, factories.make_user()) for _ in range(2)]
    db.session.commit()
    person_id = person.id
    check = recheck.check_seats

    def slowly(seats):
        found = check(seats)
        time.sleep(HOLD_SECONDS)
        return found

    monkeypatch.setattr(recheck, "check_seats", slowly)
    start, statuses = threading.Barrier(2), []

    def add(client):
        start.wait()
        response = client.post(
            f"/people/{person_id}/time-off/new",
            data={"first_day": day, "last_day": day, "reason": "Holiday"},
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=add, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [302, 302]
    db.session.expire_all()
    assert len(db.session.scalars(select(UnavailablePeriod)).all()) == 2
    problems = db.session.scalars(select(Problem).where(Problem.resolved_at.is_(None))).all()
    assert len(problems) == 1 and problems[0].person_id == person_id
