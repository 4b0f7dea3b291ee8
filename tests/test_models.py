"""Rules the database itself enforces, UTC-only datetimes, and the session status workflow."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError, StatementError

from tests import factories
from trainer.domain import IllegalTransition
from trainer.models import (
    Assignment,
    Programme,
    SessionStatus,
    TeamSeat,
    TrainingSession,
    User,
)

START = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def refused(db, change) -> None:
    """`change` must fail with an IntegrityError at flush; the test's transaction survives."""
    with pytest.raises(IntegrityError):
        with db.session.begin_nested():
            change()
            db.session.flush()


def test_a_session_must_end_after_it_starts(db):
    session = factories.make_session()
    for ends_at in (session.starts_at, session.starts_at - timedelta(minutes=1)):
        refused(db, lambda ends_at=ends_at: setattr(session, "ends_at", ends_at))
    assert db.session.get(TrainingSession, session.id).ends_at > session.starts_at


@pytest.mark.parametrize("capacity", [0, -3])
def test_session_and_programme_capacity_is_at_least_one(db, capacity):
    session = factories.make_session()
    refused(db, lambda: setattr(session, "capacity", capacity))
    programme = session.programme
    refused(db, lambda: setattr(programme, "capacity", capacity))
    refused(
        db,
        lambda: db.session.add(
            Programme(
                name="Zero",
                delivery_mode=programme.delivery_mode,
                duration_minutes=60,
                capacity=capacity,
            )
        ),
    )


def test_a_programme_lasts_at_least_a_minute(db):
    programme = factories.make_programme()
    refused(db, lambda: setattr(programme, "duration_minutes", 0))


@pytest.mark.parametrize("seats", [0, -1])
def test_a_team_seat_counts_at_least_one_person(db, seats):
    programme = factories.make_programme()
    seat = programme.seats[0]
    refused(db, lambda: setattr(seat, "count", seats))


def test_a_role_appears_once_in_a_team(db):
    programme = factories.make_programme()
    role = programme.seats[0].delivery_role
    refused(db, lambda: db.session.add(TeamSeat(programme=programme, delivery_role=role)))


def test_user_email_is_unique(db):
    factories.make_user(email="same@example.org")
    refused(db, lambda: db.session.add(User(email="same@example.org", password_hash="x")))
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_a_person_has_one_seat_per_session(db):
    session = factories.make_session()
    facilitator, co_trainer = (seat.delivery_role for seat in session.programme.seats[:2])
    person = factories.make_person(roles=[facilitator, co_trainer])
    factories.make_assignment(session=session, person=person, role=facilitator)
    refused(
        db,
        lambda: db.session.add(
            Assignment(session=session, person=person, delivery_role=co_trainer)
        ),
    )
    other = factories.make_session(programme=session.programme, starts_at=START + timedelta(days=1))
    factories.make_assignment(session=other, person=person, role=co_trainer)  # elsewhere: fine


def test_the_database_refuses_unknown_status_values(db):
    session = factories.make_session()
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.execute(
            text("UPDATE training_sessions SET status = 'teleported' WHERE id = :id"),
            {"id": session.id},
        )


def test_naive_datetimes_are_refused(db):
    session = factories.make_session(starts_at=START)
    with pytest.raises(StatementError, match="naive datetime"), db.session.begin_nested():
        session.starts_at = datetime(2026, 12, 1, 9, 0)  # noqa: DTZ001 (refused)
        db.session.flush()
    with pytest.raises(StatementError, match="naive datetime"), db.session.begin_nested():
        db.session.execute(update(TrainingSession).values(ends_at=datetime(2026, 12, 1, 12, 0)))  # noqa: DTZ001
    assert db.session.get(TrainingSession, session.id).starts_at == START


def test_aware_datetimes_are_stored_and_read_back_in_utc(db):
    london_summer = datetime(2026, 7, 1, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    session = factories.make_session(starts_at=london_summer)
    db.session.expire_all()
    stored = db.session.get(TrainingSession, session.id).starts_at
    assert stored == datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
    assert stored.utcoffset() == timedelta(0)


ALLOWED = {
    ("draft", "scheduled"),
    ("draft", "delivered"),  # a draft closed after its day
    ("draft", "cancelled"),
    ("scheduled", "draft"),
    ("scheduled", "delivered"),
    ("scheduled", "cancelled"),
    ("cancelled", "draft"),
}
MOVES = [(a.value, b.value) for a in SessionStatus for b in SessionStatus]


@pytest.mark.parametrize(("current", "target"), MOVES)
def test_session_status_moves(current, target):
    session = TrainingSession(status=SessionStatus(current))
    if (current, target) in ALLOWED:
        session.move_to(SessionStatus(target))
        assert session.status is SessionStatus(target)
        assert SessionStatus(current).can_become(SessionStatus(target))
    else:
        with pytest.raises(IllegalTransition) as refusal:
            session.move_to(SessionStatus(target))
        assert session.status is SessionStatus(current)
        assert refusal.value.field == "status"
        if current == target:
            assert refusal.value.message == f"This session is already {current}."
        else:
            assert f"that is {current} cannot become {target}" in refusal.value.message


def test_delivered_is_final():
    assert not any(SessionStatus.DELIVERED.can_become(s) for s in SessionStatus)
