"""The nation data set: regions copied from the region set, each with people, venues, sessions
and learners of its own, obeying the same booking rules (built small here: the shape is the
same at any size)."""

import pytest
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from trainer import demo
from trainer.certificates.codes import normalise
from trainer.clock import utc_now
from trainer.demo import region, region_learners
from trainer.models import (
    Assignment,
    Booking,
    Certificate,
    Learner,
    Person,
    Problem,
    TrainingSession,
    Venue,
    accounts,
)
from trainer.problems.checks import check_seats, held_seats
from trainer.problems.sweep import check_every_held_seat

REGIONS = 3


@pytest.fixture(autouse=True)
def small_regions(monkeypatch):
    monkeypatch.setattr(region, "SESSIONS", 120)
    monkeypatch.setattr(region, "PEOPLE_PER_ROLE", 8)
    monkeypatch.setattr(region_learners, "PER_SESSION", 4)
    monkeypatch.setattr(
        accounts,
        "generate_password_hash",
        lambda password, method=None: generate_password_hash(password, "pbkdf2:sha256:1000"),
    )


def seed_nation(db):
    messages = []
    summary = demo.seed(
        password="demo-password", scale="nation", echo=messages.append, regions=REGIONS
    )
    db.session.commit()
    return summary, messages


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_every_region_is_a_full_copy_with_its_own_people(db):
    summary, messages = seed_nation(db)
    assert messages == ["Region 2 of 3 copied.", "Region 3 of 3 copied."]
    assert count(db, Person) == 3 * 24 and count(db, TrainingSession) == 3 * 120
    assert count(db, Assignment) % 3 == 0 and count(db, Assignment) > 0
    assert count(db, Learner) == count(db, Booking) == 3 * 120 * 4
    assert f"{count(db, TrainingSession):,} sessions" in summary
    copied = db.session.scalar(select(Person).where(Person.email.like("%@region03.%")).limit(1))
    assert copied.full_name.endswith("(region 3)")
    seats = db.session.scalars(select(Assignment).where(Assignment.person_id == copied.id)).all()
    assert seats and all(s.session.calendar_uid.startswith("r03-") for s in seats)
    venues = {s.session.venue.name for s in seats}
    assert all(v.endswith("(region 3)") or "Online" in v for v in venues)


def test_the_copies_break_no_booking_rule(db):
    seed_nation(db)
    found = check_seats(held_seats(now=utc_now(), include_past=True))
    assert not any(found.values())
    assert check_every_held_seat().found == 0
    assert db.session.scalars(select(Problem)).all() == []


def test_certificates_verify_with_codes_of_their_own(db, client):
    seed_nation(db)
    codes = db.session.scalars(select(Certificate.code)).all()
    assert len(codes) == len(set(codes)) > 0
    assert all(normalise(code) for code in codes)
    copied = db.session.scalar(
        select(Certificate).where(Certificate.learner_name.like("%(region 2)")).limit(1)
    )
    assert copied.booking.learner.full_name == copied.learner_name
    page = client.get(f"/certificates/{copied.code}")
    assert page.status_code == 200 and copied.learner_name in page.text


def test_new_rows_follow_the_copies(db):
    seed_nation(db)
    before = db.session.scalar(select(func.max(Venue.id)))
    venue = Venue(name="A new room")
    db.session.add(venue)
    db.session.commit()
    assert venue.id > before
