"""Employers' booking contacts book their own staff and see only their own organisation's
learners; coordinators add employers and their contacts."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.helpers import count, refused, signed_in_browser
from tests.learners.factories import (
    emails,
    learner_data,
    make_booking,
    make_contact,
    make_employer,
    make_learner,
    open_session,
)
from trainer.models import Booking, BookingSource, BookingStatus, Employer, Learner, Role, User


@pytest.fixture
def two_employers(app, db):
    ours, theirs = make_employer(name="Riverside Care"), make_employer(name="Hillside Care")
    session = open_session(capacity=5)
    our_learner = make_learner(name="Our Carer", employer=ours)
    their_learner = make_learner(name="Their Carer", employer=theirs)
    ours_booked = make_booking(session=session, learner=our_learner)
    theirs_booked = make_booking(session=session, learner=their_learner)
    contact = make_contact(ours)
    db.session.commit()
    browser = signed_in_browser(app, contact)
    return browser, session, ours_booked, theirs_booked


def test_a_contact_books_their_staff_and_sees_them(two_employers, db):
    browser, session, _, _ = two_employers
    response = browser.post(
        f"/employer/sessions/{session.id}/book",
        data=learner_data(full_name="New Starter", email="new.starter@example.org"),
    )
    assert response.status_code == 302
    booking = db.session.scalar(
        select(Booking).join(Learner).where(Learner.email == "new.starter@example.org")
    )
    assert booking.source is BookingSource.EMPLOYER and booking.employer.name == "Riverside Care"
    assert booking.learner.employer.name == "Riverside Care"
    home = browser.get("/employer").get_data(as_text=True)
    assert "New Starter" in home and "Our Carer" in home and "Their Carer" not in home
    staff = browser.get("/employer/learners").get_data(as_text=True)
    assert "New Starter" in staff and "Their Carer" not in staff


def test_another_organisations_learners_are_not_found(two_employers):
    browser, _, ours, theirs = two_employers
    assert browser.get(f"/employer/learners/{ours.learner_id}").status_code == 200
    assert browser.get(f"/employer/learners/{theirs.learner_id}").status_code == 404
    assert browser.post(f"/employer/bookings/{theirs.id}/cancel").status_code == 404
    assert browser.get(f"/employer/bookings/{theirs.id}/certificate.pdf").status_code == 404


def test_booking_someone_another_employer_knows_changes_nothing_of_theirs(two_employers, db):
    browser, session, _, theirs = two_employers
    other = factories.make_session(
        programme=session.programme,
        starts_at=session.starts_at + timedelta(days=7),
        status=session.status,
    )
    db.session.commit()
    data = learner_data(full_name="Renamed", email=theirs.learner.email, job_role="Changed")
    assert browser.post(f"/employer/sessions/{other.id}/book", data=data).status_code == 302
    learner = db.session.get(Learner, theirs.learner_id)
    db.session.refresh(learner)
    assert (learner.full_name, learner.employer.name) == ("Their Carer", "Hillside Care")
    placed = db.session.scalar(select(Booking).where(Booking.session_id == other.id))
    assert placed.employer.name == "Riverside Care"


def test_a_contact_cancels_their_staffs_place(two_employers, db):
    browser, _, ours, _ = two_employers
    response = browser.post(f"/employer/bookings/{ours.id}/cancel", follow_redirects=True)
    assert "Our Carer&#39;s place is cancelled." in response.get_data(as_text=True)
    db.session.refresh(ours)
    assert ours.status is BookingStatus.CANCELLED and ours.cancel_reason == "employer"


def test_an_employer_account_without_an_employer_sees_nothing(app, db):
    lone = factories.make_user(roles={"employer"})
    db.session.commit()
    browser = signed_in_browser(app, lone)
    assert browser.get("/employer").status_code == 403
    assert browser.get("/").location == "/employer"


def test_bad_input_when_an_employer_books_is_a_form_error(two_employers, db):
    browser, session, _, _ = two_employers
    refused(
        browser.post(f"/employer/sessions/{session.id}/book", data=learner_data(email="nope")),
        "Enter an email address in the right format, like name@example.org",
    )


def test_coordinators_add_employers_and_booking_contacts(client, login, db, outbox_dir):
    login("coordinator")
    response = client.post(
        "/employers/new", data={"name": "Brookside Care", "sector": "social_care"}
    )
    employer = db.session.scalar(select(Employer).where(Employer.name == "Brookside Care"))
    assert response.location == f"/employers/{employer.id}"
    refused(
        client.post("/employers/new", data={"name": "brookside care", "sector": "other"}),
        "There is already an employer called Brookside Care.",
    )
    client.post(f"/employers/{employer.id}/contacts", data={"email": "Booker@Brookside.example"})
    user = db.session.scalar(select(User).where(User.email == "booker@brookside.example"))
    assert user.roles == {Role.EMPLOYER}
    db.session.commit()
    client.application.test_client().post("/sign-in/link", data={"email": user.email})
    [message] = emails(outbox_dir, user.email)
    assert "/sign-in/link/" in message.get_content()


def test_an_account_with_other_roles_cannot_become_a_booking_contact(client, login, db):
    login("coordinator")
    employer = make_employer()
    staff = factories.make_user(roles={"coordinator"})
    db.session.commit()
    refused(
        client.post(f"/employers/{employer.id}/contacts", data={"email": staff.email}),
        "That email address has an account with other roles. Use another address.",
    )


def test_removing_a_contact_stops_them_signing_in(app, client, login, db):
    employer = make_employer()
    contact = make_contact(employer)
    db.session.commit()
    browser = signed_in_browser(app, contact)
    login("coordinator")
    [link] = employer.contacts
    client.post(f"/employers/{employer.id}/contacts/{link.id}/remove")
    assert browser.get("/employer").status_code == 302
    assert count(db, Employer) == (1,)
    db.session.refresh(contact)
    assert not contact.is_enabled
