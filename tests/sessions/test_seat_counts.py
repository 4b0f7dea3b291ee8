"""Each session's seats held and accepted, kept by the database (triggers on assignments),
always equal what its seats say: after offers, answers, withdrawals, a seat moved to another
session, a seat removed, a bulk statement and a session deleted. The dashboard's fortnight
is summed from them, so a count gone wrong would show a coordinator a wrong figure."""

import random

from sqlalchemy import delete, func, select, update

from tests import factories
from tests.helpers import saved
from trainer.models import Assignment, OfferStatus, TrainingSession

HELD = (OfferStatus.OFFERED, OfferStatus.ACCEPTED)


def kept(db, session) -> tuple[int, int]:
    """(held, accepted) as the session row carries them."""
    return db.session.execute(
        select(TrainingSession.seats_held, TrainingSession.seats_accepted).where(
            TrainingSession.id == session.id
        )
    ).one()


def counted(db, session) -> tuple[int, int]:
    """(held, accepted) counted from the seats themselves."""
    seats = select(func.count()).where(Assignment.session_id == session.id)
    return (
        db.session.scalar(seats.where(Assignment.offer_status.in_(HELD))),
        db.session.scalar(seats.where(Assignment.offer_status == OfferStatus.ACCEPTED)),
    )


def a_session_with_people(count: int = 4):
    roles = factories.make_trio()
    programme = factories.make_programme(roles=roles)
    session = factories.make_session(programme=programme, starts_at=factories.days_ahead(3))
    people = [factories.make_person(roles=[roles[i % 3]]) for i in range(count)]
    return roles, session, people


def test_offers_answers_and_withdrawals_move_the_counts(db):
    roles, session, people = a_session_with_people()
    assert kept(db, session) == (0, 0)
    offered = factories.make_assignment(
        session=session, person=people[0], role=roles[0], status=OfferStatus.OFFERED
    )
    accepted = factories.make_assignment(session=session, person=people[1], role=roles[1])
    factories.make_assignment(
        session=session, person=people[2], role=roles[2], status=OfferStatus.DECLINED
    )
    saved(db)
    assert kept(db, session) == (2, 1)
    offered.offer_status = OfferStatus.ACCEPTED
    saved(db)
    assert kept(db, session) == (2, 2)
    accepted.offer_status = OfferStatus.WITHDRAWN
    saved(db)
    assert kept(db, session) == (1, 1)
    db.session.delete(offered)
    saved(db)
    assert kept(db, session) == (0, 0) == counted(db, session)


def test_a_seat_moved_to_another_session_leaves_one_count_for_the_other(db):
    roles, first, people = a_session_with_people(1)
    second = factories.make_session(programme=first.programme, starts_at=factories.days_ahead(5))
    seat = factories.make_assignment(session=first, person=people[0], role=roles[0])
    saved(db)
    db.session.execute(
        update(Assignment).where(Assignment.id == seat.id).values(session_id=second.id)
    )
    assert kept(db, first) == (0, 0) and kept(db, second) == (1, 1)


def test_bulk_statements_and_a_deleted_session_keep_every_count_true(db):
    roles, session, people = a_session_with_people(6)
    other = factories.make_session(programme=session.programme, starts_at=factories.days_ahead(4))
    for index, person in enumerate(people):
        factories.make_assignment(
            session=session if index % 2 else other,
            person=person,
            role=roles[index % 3],
            status=OfferStatus.OFFERED,
        )
    saved(db)
    db.session.execute(
        update(Assignment)
        .where(Assignment.session_id == session.id)
        .values(offer_status=OfferStatus.ACCEPTED)
    )
    assert kept(db, session) == counted(db, session) == (3, 3)
    db.session.execute(delete(Assignment).where(Assignment.session_id == other.id))
    assert kept(db, other) == counted(db, other) == (0, 0)
    db.session.delete(session)
    saved(db)
    assert db.session.get(TrainingSession, other.id).seats_held == 0


def test_a_long_run_of_random_changes_never_drifts_from_the_seats(db):
    roles, session, people = a_session_with_people(8)
    second = factories.make_session(programme=session.programme, starts_at=factories.days_ahead(6))
    saved(db)
    chosen = random.Random(20261207)
    seats: dict[int, Assignment] = {}
    for _ in range(120):
        person = chosen.choice(people)
        seat = seats.get(person.id)
        if seat is None:
            seats[person.id] = factories.make_assignment(
                session=chosen.choice([session, second]),
                person=person,
                role=roles[0],
                status=chosen.choice(list(OfferStatus)),
            )
        elif chosen.random() < 0.2:
            db.session.delete(seats.pop(person.id))
        else:
            seat.offer_status = chosen.choice(list(OfferStatus))
        saved(db)
        assert kept(db, session) == counted(db, session)
        assert kept(db, second) == counted(db, second)
