"""A burst of bookings on PostgreSQL: 200 learners confirm their places at the same moment on
a session of 25. Exactly 25 get a place and 175 join the waiting list, and nobody sees an
error page. Runs only when TEST_DATABASE_URL is PostgreSQL; it commits for real, so it
cleans up after itself (the `committed` fixture)."""

import threading

import pytest
from sqlalchemy import func, select

from tests.learners.factories import open_session
from tests.settings import TEST_DATABASE_URL, suite_config
from trainer import create_app
from trainer.extensions import db
from trainer.learners.public import hash_token
from trainer.learners.records import LearnerDetails
from trainer.models import Booking, BookingRequest, BookingStatus, PartOne, Sector

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not TEST_DATABASE_URL.startswith("postgresql"),
        reason="needs PostgreSQL (TEST_DATABASE_URL)",
    ),
]
LEARNERS, PLACES = 200, 25


@pytest.fixture
def busy_app():
    """The app as a server runs it, with connections enough for a crowd to queue for."""
    config = suite_config() | {
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 20, "max_overflow": 20, "pool_timeout": 120}
    }
    app = create_app("test", config)
    yield app
    with app.app_context():
        db.engine.dispose()


def requests_to_confirm(session) -> list[str]:
    """LEARNERS public requests, each from its own email and network address: their tokens."""
    tokens = []
    for n in range(LEARNERS):
        token = f"burst-token-{n:03d}-{'x' * 30}"
        details = LearnerDetails(
            full_name=f"Burst Learner {n:03d}",
            email=f"burst{n:03d}@example.org",
            sector=Sector.HEALTH,
            part_one=PartOne.DECLARED,
        )
        db.session.add(
            BookingRequest(
                session=session,
                email=details.email,
                address=f"10.0.{n // 250}.{n % 250}",
                token_hash=hash_token(token),
                details=details.as_json(),
            )
        )
        tokens.append(token)
    return tokens


def test_two_hundred_at_once_on_twenty_five_places(app, busy_app, committed):
    session = open_session(capacity=PLACES)
    tokens = requests_to_confirm(session)
    db.session.commit()
    start = threading.Barrier(LEARNERS)
    results: list[tuple[int, str, str] | None] = [None] * LEARNERS

    def confirm(index: int, token: str) -> None:
        client = busy_app.test_client()
        start.wait()
        response = client.post(f"/book/confirm/{token}")
        page = client.get(response.location).get_data(as_text=True) if response.location else ""
        results[index] = (response.status_code, response.location or "", page)

    threads = [threading.Thread(target=confirm, args=(i, t)) for i, t in enumerate(tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert all(result is not None for result in results), "a request never finished"
    assert {status for status, _, _ in results} == {302}, "every learner is sent to their booking"
    assert all(location.startswith("/bookings/") for _, location, _ in results)
    booked = sum("Booked" in page for _, _, page in results)
    waiting = sum("On the waiting list" in page for _, _, page in results)
    assert (booked, waiting) == (PLACES, LEARNERS - PLACES)
    db.session.expire_all()
    counts = dict(
        db.session.execute(
            select(Booking.status, func.count())
            .where(Booking.session_id == session.id)
            .group_by(Booking.status)
        ).all()
    )
    assert counts == {BookingStatus.BOOKED: PLACES, BookingStatus.WAITING: LEARNERS - PLACES}
