"""Two coordinators booking at the same moment, in parallel requests against PostgreSQL:
exactly one succeeds and the other sees why. Runs only when TEST_DATABASE_URL is
PostgreSQL (CI's PostgreSQL pass); it commits for real, so it cleans up after itself."""

import re
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.settings import TEST_DATABASE_URL
from tests.team_factories import team_setup
from trainer.extensions import db
from trainer.models import Assignment, OfferStatus
from trainer.offers import service as offers

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not TEST_DATABASE_URL.startswith("postgresql"),
        reason="needs PostgreSQL (TEST_DATABASE_URL)",
    ),
]
#: how long each request holds its locks before checking: long enough that, without the
#: lock, both requests would check before either had booked
HOLD_SECONDS = 0.4


def signed_in(app, user):
    client = app.test_client()
    response = client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 302
    return client


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def race(app, monkeypatch, bookings) -> list[str]:
    """Fire the (client, path, role_id) bookings at once; each request holds its locks a
    while. Returns the page each coordinator sees afterwards."""
    hold = offers.lock_rows

    def slow_lock(**rows):
        hold(**rows)
        time.sleep(HOLD_SECONDS)

    monkeypatch.setattr(offers, "lock_rows", slow_lock)
    start, pages = threading.Barrier(len(bookings)), [None] * len(bookings)

    def book(index, client, path, role_id):
        start.wait()
        response = client.post(path, data={"role": role_id})
        pages[index] = text(client.get(response.location))

    threads = [threading.Thread(target=book, args=(i, *b)) for i, b in enumerate(bookings)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return pages


def test_one_person_into_overlapping_sessions_at_once(app, committed, monkeypatch):
    setup = team_setup(per_role=1)
    other = factories.make_session(
        programme=setup.programme, starts_at=setup.session.starts_at + timedelta(minutes=30)
    )
    person = setup.people["Autistic"][0]
    first, second = factories.make_user(), factories.make_user()
    db.session.commit()
    pages = race(
        app,
        monkeypatch,
        [
            (
                signed_in(app, first),
                f"/sessions/{setup.session.id}/people/{person.id}/offer",
                setup.autistic.id,
            ),
            (
                signed_in(app, second),
                f"/sessions/{other.id}/people/{person.id}/offer",
                setup.autistic.id,
            ),
        ],
    )
    db.session.expire_all()
    held = db.session.scalars(select(Assignment).where(Assignment.person_id == person.id)).all()
    assert [a.offer_status for a in held] == [OfferStatus.OFFERED]
    won = [page for page in pages if "Autistic 1 is offered the" in page]
    lost = [page for page in pages if "Autistic 1 cannot take this seat: Already booked" in page]
    assert len(won) == len(lost) == 1, pages


def test_two_people_into_one_seat_at_once(app, committed, monkeypatch):
    setup = team_setup(per_role=2)
    one, two = setup.people["Autistic"]
    first, second = factories.make_user(), factories.make_user()
    db.session.commit()
    path = f"/sessions/{setup.session.id}/people/{{}}/offer"
    pages = race(
        app,
        monkeypatch,
        [
            (signed_in(app, first), path.format(one.id), setup.autistic.id),
            (signed_in(app, second), path.format(two.id), setup.autistic.id),
        ],
    )
    db.session.expire_all()
    held = db.session.scalars(
        select(Assignment).where(Assignment.session_id == setup.session.id)
    ).all()
    assert len(held) == 1
    lost = [page for page in pages if "seat is already filled. Take someone off first." in page]
    assert len(lost) == 1, pages
