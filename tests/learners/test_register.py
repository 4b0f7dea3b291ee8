"""The register on the day: each learner present, part or absent. It counts the session's
learners, issues certificates to those present all session, and thanks those who came."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.helpers import signed_in_browser
from tests.learners.factories import emails, make_booking, make_learner, make_settings
from tests.payments.factories import make_rate
from trainer.clock import utc_now
from trainer.models import (
    BookingStatus,
    Certificate,
    OfferStatus,
    SessionStatus,
    TrainingSession,
)


@pytest.fixture
def today(db):
    """A scheduled session starting in two hours, with three learners booked."""
    programme = factories.make_programme(capacity=10)
    make_settings(programme, tier="Tier 2")
    session = factories.make_session(
        programme=programme,
        status=SessionStatus.SCHEDULED,
        starts_at=utc_now().replace(microsecond=0) + timedelta(hours=2),
    )
    names = ("Ann Present", "Bo Partial", "Cy Absent")
    bookings = [
        make_booking(session=session, learner=make_learner(name=name, adjustments=needs))
        for name, needs in zip(names, ("", "Large print", ""), strict=True)
    ]
    db.session.commit()
    return session, bookings


def marks(bookings, *values) -> dict:
    return {f"mark_{b.id}": value for b, value in zip(bookings, values, strict=True)}


def test_the_register_lists_each_learner_and_their_needs(client, login, today):
    session, _ = today
    login("coordinator")
    page = client.get(f"/sessions/{session.id}/register").get_data(as_text=True)
    for words in ("Ann Present", "Bo Partial", "Needs: Large print.", "Present all session"):
        assert words in page


def test_saving_it_counts_learners_and_issues_certificates(client, login, today, outbox_dir, db):
    session, bookings = today
    login("coordinator")
    response = client.post(
        f"/sessions/{session.id}/register", data=marks(bookings, "attended", "partial", "absent")
    )
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Register saved: 2 learners came." in page
    db.session.expire_all()
    statuses = [db.session.get(type(b), b.id).status for b in bookings]
    assert statuses == [BookingStatus.ATTENDED, BookingStatus.PARTIAL, BookingStatus.ABSENT]
    assert db.session.get(TrainingSession, session.id).learners_count == 2
    [certificate] = db.session.scalars(select(Certificate)).all()
    assert certificate.learner_name == "Ann Present" and certificate.tier == "Tier 2"
    [thanks] = emails(outbox_dir, bookings[0].learner.email)
    assert "your certificate" in thanks["Subject"] and "/evaluate/me/" in thanks.get_content()
    [partial] = emails(outbox_dir, bookings[1].learner.email)
    assert "we cannot send a certificate" in partial.get_content()
    assert emails(outbox_dir, bookings[2].learner.email) == []


def test_marking_someone_present_for_part_withdraws_their_certificate(client, login, today, db):
    session, bookings = today
    login("coordinator")
    path = f"/sessions/{session.id}/register"
    client.post(path, data=marks(bookings, "attended", "attended", "absent"))
    client.post(path, data=marks(bookings, "attended", "partial", "absent"))
    withdrawn = db.session.scalar(
        select(Certificate).where(Certificate.learner_name == "Bo Partial")
    )
    assert withdrawn.withdrawn_at is not None
    assert "This certificate has been withdrawn" in client.get(
        f"/certificates/{withdrawn.code}"
    ).get_data(as_text=True)
    client.post(path, data=marks(bookings, "attended", "attended", "absent"))
    again = db.session.scalars(
        select(Certificate).where(Certificate.learner_name == "Bo Partial").order_by(Certificate.id)
    ).all()
    assert len(again) == 2 and again[1].replaces_id == withdrawn.id and again[1].is_valid


def test_everyone_can_be_marked_present_at_once(client, login, today, db):
    session, bookings = today
    login("coordinator")
    client.post(f"/sessions/{session.id}/register", data={f"mark_{bookings[2].id}": "absent"})
    client.post(f"/sessions/{session.id}/register/everyone")
    db.session.expire_all()
    statuses = [db.session.get(type(b), b.id).status for b in bookings]
    assert statuses == [BookingStatus.ATTENDED, BookingStatus.ATTENDED, BookingStatus.ABSENT]


def test_the_register_opens_twelve_hours_before_the_start(client, login, today, db):
    session, bookings = today
    session.starts_at += timedelta(hours=11)  # 13 hours from now
    session.ends_at += timedelta(hours=11)
    db.session.commit()
    login("coordinator")
    page = client.get(f"/sessions/{session.id}/register").get_data(as_text=True)
    response = client.post(
        f"/sessions/{session.id}/register",
        data=marks(bookings, "attended", "attended", "attended"),
    )
    assert "The register opens at" in page
    assert "The register is not open for this session." in response.get_data(as_text=True)
    assert db.session.scalar(select(Certificate.id)) is None


def test_a_tampered_mark_is_a_form_error(client, login, today, db):
    session, bookings = today
    login("coordinator")
    response = client.post(
        f"/sessions/{session.id}/register", data={f"mark_{bookings[0].id}": "teleported"}
    )
    assert response.status_code == 200 and "Not a valid choice" in response.get_data(as_text=True)


def test_the_sessions_team_takes_the_register_and_others_cannot(app, today, db):
    session, _ = today
    role = session.programme.seats[0].delivery_role
    on_team = factories.make_person(roles=[role])
    factories.make_assignment(
        session=session, person=on_team, role=role, status=OfferStatus.ACCEPTED
    )
    elsewhere = factories.make_person(roles=[role])
    team_user = factories.make_user(roles={"trainer"}, person=on_team)
    other_user = factories.make_user(roles={"trainer"}, person=elsewhere)
    finance = factories.make_user(roles={"finance"})
    db.session.commit()
    path = f"/sessions/{session.id}/register"
    assert signed_in_browser(app, team_user).get(path).status_code == 200
    assert signed_in_browser(app, other_user).get(path).status_code == 403
    assert signed_in_browser(app, finance).get(path).status_code == 403
    links = signed_in_browser(app, team_user).get("/my-sessions").get_data(as_text=True)
    assert path in links


def test_the_attendance_page_takes_the_learner_count_from_the_register(client, login, today, db):
    session, bookings = today
    length = session.ends_at - session.starts_at  # the session has now been and gone
    session.starts_at = utc_now().replace(microsecond=0) - length - timedelta(hours=1)
    session.ends_at = session.starts_at + length
    team = factories.make_full_team(session)
    for seat in session.programme.seats:
        make_rate(programme=session.programme, role=seat.delivery_role)
    db.session.commit()
    login("coordinator")
    client.post(
        f"/sessions/{session.id}/register", data=marks(bookings, "attended", "partial", "absent")
    )
    page = client.get(f"/sessions/{session.id}/attendance").get_data(as_text=True)
    assert "Learners reached: 2, from" in page and 'name="learners_count"' not in page
    data = {f"attendance_{a.id}": "attended" for a in team}
    response = client.post(
        f"/sessions/{session.id}/attendance", data={**data, "learners_count": "40"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(TrainingSession, session.id)
    assert saved.status is SessionStatus.DELIVERED and saved.learners_count == 2
