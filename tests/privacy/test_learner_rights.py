"""Learners' data rights: a copy of everything held about a learner, erasure that keeps their
places, attendance and certificates under a reference, and retention a set number of years
after their training."""

import json
from datetime import timedelta

from sqlalchemy import func, select

from tests import factories
from tests.helpers import signed_in_browser
from tests.learners.factories import make_booking, make_learner, make_settings, open_session
from trainer.certificates import service as certificates
from trainer.clock import utc_now
from trainer.extensions import db as _db
from trainer.models import (
    Booking,
    BookingRequest,
    BookingStatus,
    Certificate,
    DataExport,
    EvaluationAnswer,
    EvaluationQuestion,
    EvaluationResponse,
    Learner,
    LearnerMessage,
    PartOneUpload,
    RetentionRun,
)
from trainer.privacy import inventory, subject_access
from trainer.privacy.retention import sweep

SECRETS = ("Alex Learner", "alex@example.org", "Hearing loop please", "Ward clerk", "Alex L.")


def test_every_reference_to_a_learners_rows_is_in_the_inventory():
    """A new table pointing at learners, their places, certificates or evaluation forms fails
    here until a learner's copy and erasure say what it means for them."""
    found = {
        (table.name, fk.parent.name)
        for table in _db.metadata.sorted_tables
        for fk in table.foreign_keys
        if fk.column.table.name in inventory.LEARNER_TABLES
    }
    listed = set(inventory.ABOUT_LEARNER)
    assert found - listed == set(), "add these to ABOUT_LEARNER in trainer/privacy/inventory.py"
    assert listed - found == set(), "these ABOUT_LEARNER entries point at nothing"
    assert {table for table, _ in listed} <= set(inventory.TITLES)


def learner_with_records(db, *, days_ago: int = 10) -> tuple[Learner, Booking]:
    """A learner who attended a past session: certificate, evaluation, emails, a request."""
    programme = factories.make_programme()
    make_settings(programme)
    session = factories.make_session(programme=programme, starts_at=factories.days_ahead(-days_ago))
    learner = make_learner(
        name="Alex Learner",
        email="alex@example.org",
        adjustments="Hearing loop please",
        job_role="Ward clerk",
    )
    booking = make_booking(session=session, learner=learner, status=BookingStatus.ATTENDED)
    certificates.issue(booking, tier="Tier 1", actor=None)
    db.session.add(
        PartOneUpload(
            learner_id=learner.id,
            filename="p1.pdf",
            content_type="application/pdf",
            content=b"%PDF-1",
        )
    )
    db.session.add(
        LearnerMessage(
            booking_id=booking.id,
            kind="joining",
            key=f"joining-{booking.id}",
            to_addr="alex@example.org",
            subject="Your place",
            message=b"To: alex@example.org",
        )
    )
    db.session.add(  # an email about a request, before any place was made
        LearnerMessage(
            kind="confirm",
            key=f"confirm-{booking.id}",
            to_addr="alex@example.org",
            subject="Confirm your email",
            message=b"To: alex@example.org",
        )
    )
    db.session.add(
        BookingRequest(
            session_id=session.id,
            email="alex@example.org",
            address="x",
            token_hash=f"hash-{booking.id}",
            details={"full_name": "Alex Learner"},
            booking_id=booking.id,
        )
    )
    question = db.session.scalar(select(EvaluationQuestion).order_by(EvaluationQuestion.id))
    response = EvaluationResponse(
        session_id=session.id, booking_id=booking.id, learner_name="Alex L."
    )
    response.answers.append(EvaluationAnswer(question=question, value=1))
    db.session.add(response)
    db.session.flush()
    return learner, booking


def test_a_copy_holds_every_table_about_the_learner_without_secrets(app, db):
    learner, _ = learner_with_records(db)
    export = subject_access.make_copy(
        subject_access.request_copy("learner", learner.id, actor=None).id
    )
    data = json.loads(export.json_file)["data"]
    tables = {table for table, _ in inventory.ABOUT_LEARNER}
    assert tables | {"learners"} <= set(data), tables - set(data)
    assert data["learners"][0]["full_name"] == "Alex Learner"
    assert data["part_one_uploads"][0]["content"] == "(6 bytes)"
    assert "token_hash" not in data["booking_requests"][0]
    assert len(data["learner_messages"]) == 2
    assert "message" not in data["learner_messages"][0]
    readable = export.readable_file.decode()
    assert "Your places on sessions" in readable and "Your certificates" in readable


def test_an_admin_makes_a_learners_copy_and_erases_them(app, db):
    learner, booking = learner_with_records(db)
    code = db.session.scalar(select(Certificate.code).where(Certificate.booking_id == booking.id))
    admin = factories.make_user(roles={"admin"})
    db.session.commit()
    browser = signed_in_browser(app, admin)
    assert "Their data" in browser.get(f"/learners/{learner.id}").get_data(as_text=True)
    page = browser.get(f"/data/learner/{learner.id}").get_data(as_text=True)
    assert "Data held about Alex Learner" in page and "Erase their details" in page
    browser.post(f"/data/learner/{learner.id}/copy")
    export_id = db.session.scalar(select(func.max(DataExport.id)))
    copy = json.loads(browser.get(f"/data-copies/{export_id}.json").data)
    assert copy["subject"] == "learner" and copy["data"]["bookings"][0]["id"] == booking.id

    form = browser.get(f"/learners/{learner.id}/erase").get_data(as_text=True)
    assert "What we keep, and why" in form and "verify page" in form
    blank = browser.post(f"/learners/{learner.id}/erase", data={"reason": ""})
    assert "govuk-error-summary" in blank.get_data(as_text=True)
    assert db.session.get(Learner, learner.id).erased_at is None

    done = browser.post(f"/learners/{learner.id}/erase", data={"reason": "Asked by email"})
    assert f"Erased learner L{learner.id}" in done.get_data(as_text=True)
    db.session.expire_all()
    erased = db.session.get(Learner, learner.id)
    assert erased.erased_at is not None and erased.email.endswith("@erased.invalid")
    assert (erased.adjustments, erased.job_role) == ("", "")
    assert db.session.get(Booking, booking.id).status is BookingStatus.ATTENDED
    certificate = db.session.scalar(select(Certificate).where(Certificate.code == code))
    assert certificate.learner_name == f"Erased learner L{learner.id}"
    verify = browser.get(f"/certificates/{code}").get_data(as_text=True)
    assert "Alex Learner" not in verify
    for model in (PartOneUpload, LearnerMessage, BookingRequest, DataExport):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0, model
    response = db.session.scalar(select(EvaluationResponse))
    assert response.booking_id is None and response.answers
    left = json.dumps(subject_access.collect_learner(erased))
    for secret in SECRETS:
        assert secret not in left, secret


def test_a_learner_with_a_place_to_come_is_not_erased(app, db):
    session = open_session()
    learner = make_learner(name="Alex Learner")
    make_booking(session=session, learner=learner)
    admin = factories.make_user(roles={"admin"})
    db.session.commit()
    browser = signed_in_browser(app, admin)
    page = browser.get(f"/learners/{learner.id}/erase").get_data(as_text=True)
    assert "They have a place on a session to come. Cancel it first." in page
    browser.post(f"/learners/{learner.id}/erase", data={"reason": "Asked"})
    assert db.session.get(Learner, learner.id).full_name == "Alex Learner"
    assert browser.get("/learners/999999/erase").status_code == 404


def test_retention_erases_learners_trained_long_ago_and_logs_it(app, db):
    years = app.config["RETAIN_LEARNER_YEARS"]
    old, _ = learner_with_records(db, days_ago=365 * years + 30)
    recent = make_learner(name="Recent Learner")
    make_booking(session=open_session(), learner=recent)
    db.session.execute(
        Learner.__table__.update().values(created_at=utc_now() - timedelta(days=365 * years + 60))
    )
    db.session.commit()
    runs = {run.kind.split(",")[0]: run.removed for run in sweep(app.config)}
    assert runs["learners' names"] == 1
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Learner, old.id).full_name == f"Erased learner L{old.id}"
    assert db.session.get(Learner, recent.id).full_name == "Recent Learner"
    again = {run.kind.split(",")[0]: run.removed for run in sweep(app.config)}
    assert again["learners' names"] == 0
    assert db.session.scalar(select(func.count()).select_from(RetentionRun)) > 0
    notice = app.test_client().get("/privacy").get_data(as_text=True)
    assert f"{years} years" in notice and "If you are a learner on our training" in notice
