"""Coordinators' learner pages: adding a learner to a session, changing a record, a
programme's booking settings, Part 1 certificates, and what the session's page flags."""

from io import BytesIO

from sqlalchemy import select

from tests import factories
from tests.helpers import refused
from tests.learners.factories import (
    emails,
    learner_data,
    link_in,
    make_booking,
    make_learner,
    make_settings,
    open_session,
)
from trainer.models import (
    AuditEvent,
    Booking,
    BookingSettings,
    BookingStatus,
    Learner,
    PartOne,
    PartOneUpload,
)

PDF = b"%PDF-1.4 a Part 1 certificate"


def test_adding_learners_fills_the_session_then_its_waiting_list(client, login, db):
    session = open_session(capacity=1)
    db.session.commit()
    login("coordinator")
    path = f"/sessions/{session.id}/learners/new"
    first = client.post(path, data=learner_data(full_name="Ann First"), follow_redirects=True)
    assert "Ann First has a place." in first.get_data(as_text=True)
    second = client.post(path, data=learner_data(full_name="Bo Second"), follow_redirects=True)
    page = second.get_data(as_text=True)
    assert "The session is full, so Bo Second is on the waiting list." in page
    assert "Waiting list, in order (1)" in page


def test_a_learner_cannot_be_added_twice(client, login, db):
    session = open_session()
    learner = make_learner(email="twice@example.org")
    make_booking(session=session, learner=learner)
    db.session.commit()
    login("coordinator")
    refused(
        client.post(
            f"/sessions/{session.id}/learners/new", data=learner_data(email="TWICE@example.org")
        ),
        "twice@example.org already has a place on this session.",
    )


def test_changing_a_learner_keeps_their_email_their_own(client, login, db):
    ann, bo = make_learner(email="ann@example.org"), make_learner(email="bo@example.org")
    db.session.commit()
    login("coordinator")
    refused(
        client.post(f"/learners/{bo.id}/edit", data=learner_data(email="ann@example.org")),
        "There is already a learner with this email address.",
    )
    saved = client.post(
        f"/learners/{bo.id}/edit", data=learner_data(full_name="Bo Renamed", email="bo@example.org")
    )
    assert saved.status_code == 302
    db.session.refresh(bo)
    assert bo.full_name == "Bo Renamed" and ann.full_name != "Bo Renamed"


def test_a_programmes_booking_settings_are_saved_and_kept_in_the_audit_log(client, login, db):
    programme = factories.make_programme()
    db.session.commit()
    login("coordinator")
    data = {
        "tier": "Tier 2",
        "is_public": "y",
        "cutoff_days": "3",
        "offer_hours": "24",
        "before_you_come": "Bring lunch.",
        "training_category": "Oliver McGowan Mandatory Training (Tier 2)",
        "valid_months": "",
    }
    response = client.post(f"/programmes/{programme.id}/booking-settings", data=data)
    assert response.location == f"/programmes/{programme.id}"
    settings = db.session.get(BookingSettings, programme.id)
    assert (settings.tier, settings.cutoff_days, settings.is_public) == ("Tier 2", 3, True)
    assert settings.valid_months is None and not settings.is_accredited
    assert db.session.scalar(
        select(AuditEvent.action).where(AuditEvent.action == "programme.booking_settings")
    )
    page = client.get(f"/programmes/{programme.id}").get_data(as_text=True)
    assert "3 days before a session" in page and f"/book/{programme.id}" in page
    refused(
        client.post(
            f"/programmes/{programme.id}/booking-settings", data={**data, "offer_hours": "0"}
        ),
        "Hours a waiting learner has to confirm a place offered to them must be between 1 and 336",
    )


def test_part_one_certificates_are_kept_and_only_pdf_or_pictures(app, client, login, db):
    learner = make_learner(part_one=PartOne.NOT_YET)
    db.session.commit()
    login("coordinator")
    path = f"/learners/{learner.id}/part-one"
    wrong = client.post(
        path, data={"certificate": (_file(b"MZ not a pdf"), "virus.pdf")}, follow_redirects=True
    )
    assert "The file must be a PDF, JPEG or PNG." in wrong.get_data(as_text=True)
    assert db.session.get(PartOneUpload, learner.id) is None
    client.post(path, data={"certificate": (_file(PDF), "part1.pdf")})
    db.session.refresh(learner)
    assert learner.part_one is PartOne.CERTIFICATE
    download = client.get(f"/learners/{learner.id}/part-one-certificate")
    assert download.data == PDF and download.mimetype == "application/pdf"


def test_a_learner_uploads_their_own_part_one_certificate(app, client, db, outbox_dir):
    session = open_session()
    db.session.commit()
    client.post(
        f"/book/sessions/{session.id}",
        data=learner_data(email="own@example.org", part_one="not_yet"),
    )
    booking_link = _confirmed(client, outbox_dir, "own@example.org")
    page = client.post(
        booking_link + "/part-one",
        data={"certificate": (_file(PDF), "mine.pdf")},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Thank you. We have your Part 1 certificate." in page
    learner = db.session.scalar(select(Learner).where(Learner.email == "own@example.org"))
    assert learner.part_one is PartOne.CERTIFICATE


def test_the_sessions_page_flags_learners_who_need_adjustments(client, login, db):
    session = open_session()
    make_booking(
        session=session, learner=make_learner(name="Cy Needs", adjustments="A hearing loop")
    )
    make_booking(session=session, learner=make_learner(name="Di None"))
    make_booking(
        session=session,
        learner=make_learner(name="Ed Gone", adjustments="Large print"),
        status=BookingStatus.CANCELLED,
    )
    db.session.commit()
    login("coordinator")
    page = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "1 learner needs adjustments" in page and "Cy Needs: A hearing loop" in page
    assert "Ed Gone" not in page and "2 of 20 places taken" in page


def test_learners_are_found_by_name_or_email(client, login, db):
    make_learner(name="Findable Person", email="findme@example.org")
    make_learner(name="Someone Else")
    make_settings(factories.make_programme())
    db.session.commit()
    login("coordinator")
    page = client.get("/learners/?q=FINDME").get_data(as_text=True)
    assert "Findable Person" in page and "Someone Else" not in page
    assert db.session.scalar(select(Booking.id)) is None


def _file(content: bytes) -> BytesIO:
    return BytesIO(content)


def _confirmed(client, outbox_dir, address: str) -> str:
    [message] = emails(outbox_dir, address)
    response = client.post(link_in(message, "/book/confirm/"))
    return response.location
