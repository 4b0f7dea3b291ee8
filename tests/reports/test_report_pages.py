"""Reports through the app: the page, its CSV and PDF, every booking as CSV (streamed), and
completed training shaped like Skills for Care's training record, for coordinators and (their
own staff only) employers' booking contacts."""

import csv
import io
from datetime import timedelta

import pytest

from tests import factories
from tests.helpers import signed_in_browser
from tests.learners.factories import (
    make_booking,
    make_contact,
    make_employer,
    make_learner,
    make_settings,
)
from tests.letters.letter_samples import pdf_text
from trainer.certificates import service as certificates
from trainer.clock import local_today
from trainer.models import (
    BookingStatus,
    EvaluationAnswer,
    EvaluationQuestion,
    EvaluationResponse,
    QuestionKind,
    Sector,
    SessionStatus,
)
from trainer.reports.exports import COMPLETION_COLUMNS
from trainer.timezones import local_zone


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


@pytest.fixture
def delivered(app, db):
    """A delivered Tier 2 session ten days ago and a cancelled one, with learners."""
    programme = factories.make_programme(name="Oliver McGowan Tier 2", capacity=12)
    make_settings(
        programme,
        tier="Tier 2",
        is_accredited=True,
        training_category="Oliver McGowan Mandatory Training (Tier 2)",
        valid_months=36,
    )
    session = factories.make_session(
        programme=programme, status=SessionStatus.DELIVERED, starts_at=factories.days_ahead(-10)
    )
    factories.make_session(
        programme=programme, status=SessionStatus.CANCELLED, starts_at=factories.days_ahead(-5)
    )
    care, nhs = (
        make_employer(name="Riverside Care"),
        make_employer(name="Northgate NHS", sector=Sector.HEALTH),
    )
    people = [
        ("Ann Carer", care, BookingStatus.ATTENDED),
        ("Bo Carer", care, BookingStatus.PARTIAL),
        ("Cy Nurse", nhs, BookingStatus.ATTENDED),
        ("Di Nurse", nhs, BookingStatus.ABSENT),
    ]
    with app.test_request_context():
        for name, employer, status in people:
            learner = make_learner(name=name, employer=employer, sector=employer.sector)
            booking = make_booking(session=session, learner=learner, status=status)
            if status is BookingStatus.ATTENDED:
                certificates.issue(booking, tier="Tier 2", actor=None)
    aims = db.session.query(EvaluationQuestion).filter_by(kind=QuestionKind.CONFIDENCE).first()
    db.session.add(
        EvaluationResponse(
            session_id=session.id, answers=[EvaluationAnswer(question=aims, before=2, value=5)]
        )
    )
    db.session.commit()
    return session, care


def test_the_report_page_shows_the_period_by_programme(client, login, delivered):
    login("coordinator")
    page = client.get("/reports/").get_data(as_text=True)
    assert "Oliver McGowan Tier 2" in page
    row = page[page.index("Oliver McGowan Tier 2") :]
    cells = [c.strip() for c in row.split("</t")[1:16]]
    texts = [c.rsplit(">", 1)[-1] for c in cells]
    assert texts[:10] == ["1", "1", "12", "4", "33%", "3", "2", "1", "25%", "0"]


def test_the_report_by_employer_splits_learners_not_sessions(client, login, delivered):
    login("coordinator")
    response = client.get("/reports/figures.csv?by=employer")
    rows = rows_of(response)
    assert rows[0][:3] == ["Employer", "Sessions delivered", "Sessions cancelled"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Riverside Care"][1] == "" and by_name["Riverside Care"][6] == "2"
    assert by_name["Northgate NHS"][7] == "1"  # completed
    assert by_name["Total"][1] == "1"


def test_the_report_as_a_pdf_to_print(client, login, delivered):
    login("coordinator")
    response = client.get("/reports/report.pdf?by=tier")
    text = pdf_text(response.data)
    assert "Training delivered" in text and "by tier" in text and "Tier 2" in text
    assert "Learners completed" in text


def test_every_booking_streams_as_csv(client, login, delivered):
    session, _ = delivered
    login("coordinator")
    response = client.get("/reports/bookings.csv")
    assert response.is_streamed or response.status_code == 200
    rows = rows_of(response)
    assert rows[0][:3] == ["session_id", "session_date", "programme"]
    assert len(rows) == 5
    statuses = sorted(row[12] for row in rows[1:])
    assert statuses == ["absent", "attended", "attended", "partial"]
    assert {row[3] for row in rows[1:]} == {"Tier 2"}


def test_completed_training_in_the_shape_of_the_training_record(client, login, delivered):
    session, _ = delivered
    login("coordinator")
    rows = rows_of(client.get("/reports/completions.csv"))
    assert tuple(rows[0]) == COMPLETION_COLUMNS
    assert sorted(row[0] for row in rows[1:]) == ["Ann Carer", "Cy Nurse"]
    ann = next(row for row in rows if row[0] == "Ann Carer")
    day = session.starts_at.astimezone(local_zone()).date()
    assert ann[4:8] == [
        "Oliver McGowan Mandatory Training (Tier 2)",
        "Oliver McGowan Tier 2",
        "Yes",
        f"{day:%d/%m/%Y}",
    ]
    assert ann[8] == f"{day.replace(year=day.year + 3):%d/%m/%Y}" or day.month == 2
    assert "/certificates/" in ann[9]


def test_an_employer_exports_only_its_own_staffs_completions(app, delivered, db):
    _, care = delivered
    contact = make_contact(care)
    db.session.commit()
    rows = rows_of(signed_in_browser(app, contact).get("/employer/completions.csv"))
    assert [row[0] for row in rows[1:]] == ["Ann Carer"]


def test_a_bad_period_falls_back_to_the_last_twelve_months_with_a_message(client, login, delivered):
    login("coordinator")
    page = client.get("/reports/?date_from=2026-05-01&date_to=2026-04-01&by=colour").get_data(
        as_text=True
    )
    assert "To must be the same as or after From" in page
    assert "Oliver McGowan Tier 2" in page
    today = local_today(local_zone())
    assert f"to {today.day} " in page


def test_the_period_chooses_the_sessions(client, login, delivered):
    session, _ = delivered
    login("coordinator")
    after = (session.starts_at + timedelta(days=1)).astimezone(local_zone()).date()
    page = client.get(f"/reports/?date_from={after}&date_to={after + timedelta(days=30)}").get_data(
        as_text=True
    )
    assert "Oliver McGowan Tier 2" in page  # the cancelled session five days ago
    rows = rows_of(client.get(f"/reports/bookings.csv?date_from={after}"))
    assert len(rows) == 1
