"""The workflow, pay runs, CSV, letters read back with pypdf, receipts and who sees what."""

import csv
import io
import itertools
import zipfile
from datetime import date

import pytest
from pypdf import PdfReader

from tests import factories
from tests.payments.factories import START, day_text, delivered_team, local_day, make_pay_run
from trainer.domain import IllegalTransition
from trainer.models import (
    LetterRecord,
    LineKind,
    LineStatus,
    PaymentLine,
)
from trainer.models.money import (
    LineAlreadyApproved,
    LineAlreadyPaid,
    LineAlreadyRejected,
    LineNotApproved,
    LineUnchanged,
)
from trainer.payments import export, workflow

ALLOWED = {
    (LineStatus.PENDING, LineStatus.APPROVED),
    (LineStatus.PENDING, LineStatus.REJECTED),
    (LineStatus.APPROVED, LineStatus.PAID),
    (LineStatus.APPROVED, LineStatus.REJECTED),
}


def a_line(status: LineStatus) -> PaymentLine:
    line = PaymentLine(
        person_id=factories.make_person().id,
        kind=LineKind.DELIVERY,
        starts_at=START,
        amount_pence=100,
        method="payroll",
        status=status,
    )
    return line


@pytest.mark.parametrize(("current", "target"), list(itertools.product(LineStatus, LineStatus)))
def test_every_transition(db, current, target):
    line = a_line(current)
    if (current, target) in ALLOWED:
        line.move_to(target)
        assert line.status is target
        return
    expected = {LineStatus.PAID: LineAlreadyPaid, LineStatus.REJECTED: LineAlreadyRejected}.get(
        current,
        LineUnchanged
        if current is target
        else LineNotApproved
        if target is LineStatus.PAID
        else LineAlreadyApproved,
    )
    with pytest.raises(expected) as error:
        line.move_to(target)
    assert isinstance(error.value, IllegalTransition) and error.value.field == "status"
    assert line.status is current


def test_transitions_are_audited_and_reject_needs_a_reason(db):
    from sqlalchemy import select

    from trainer.models import AuditEvent

    _, seats = delivered_team(db)
    line = db.session.scalars(select(PaymentLine)).first()
    with pytest.raises(Exception, match="reason"):
        workflow.reject_line(line, "  ", actor=None)
    workflow.approve_line(line, actor=None)
    workflow.reject_line(line, "Paid by the NHS trust directly", actor=None)
    actions = db.session.scalars(
        select(AuditEvent.action).where(
            AuditEvent.entity_type == "payment_lines", AuditEvent.entity_id == line.id
        )
    ).all()
    assert actions == ["payment_line.created", "payment_line.approved", "payment_line.rejected"]


def test_pay_run_end_to_end(db, client, login):
    run_path = make_pay_run(db, client, login)
    body = client.get(run_path).get_data(as_text=True)
    assert "£200.00" in body  # 2 people x (90 + 10)

    pdf = client.get(f"{run_path}/letters.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    letters = db.session.query(LetterRecord).all()
    for record in letters:
        assert record.reference in text
    assert "Ann O'Neill" in text and "Ben Shah" in text
    assert "£100.00" in text and "BACS-0403" in text

    assert client.get(f"{run_path}/letters.zip").status_code == 202  # drawn when first asked
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"{run_path}/letters.zip").data))
    named = tuple(f"_{r.reference}.pdf" for r in letters)
    assert all(name.endswith(named) for name in archive.namelist())
    assert len(archive.namelist()) == len(letters)

    rows = list(csv.reader(io.StringIO(client.get(f"{run_path}/payroll.csv").data.decode())))
    assert tuple(rows[0]) == export.COLUMNS
    assert len(rows) == 1 + 4  # one row per line, no TOTAL row: totals are a file of their own
    assert all(row[0].isdigit() for row in rows[1:])
    assert sum(int(r[13]) for r in rows[1:]) == 20000
    summary = list(csv.DictReader(io.StringIO(client.get(f"{run_path}/summary.csv").data.decode())))
    status = [row for row in summary if row["level"] == "status"]
    assert [(r["status"], r["amount_pence"], r["amount_pounds"]) for r in status] == [
        ("approved", "20000", "200.00")
    ]

    response = client.post(
        f"{run_path}/paid", data={"paid_on": day_text(0), "payment_reference": "BACS-0403"}
    )
    assert response.status_code == 302
    assert {line.status for line in db.session.query(PaymentLine)} == {LineStatus.PAID}
    again = client.post(
        f"{run_path}/paid", data={"paid_on": day_text(0), "payment_reference": "BACS-0403"}
    )
    assert "already paid" in again.get_data(as_text=True)


def test_a_pay_run_with_nothing_approved_changes_nothing(db, client, login):
    login("finance")
    response = client.post(
        "/finance/pay-runs/new",
        data={
            "period_from": "2026-03-01",
            "period_to": "2026-03-31",
            "paid_on": day_text(7),
            "payment_reference": "X",
        },
    )
    assert response.status_code == 200
    assert "no approved lines" in response.get_data(as_text=True)


def test_a_person_downloads_their_own_letters_only(db, client, login, app):
    session, seats = delivered_team(db, easy=True)
    for line in db.session.query(PaymentLine):
        workflow.approve_line(line, actor=None)
    from trainer.payments import runs

    with app.test_request_context():
        runs.create_pay_run(date(2026, 3, 1), date(2026, 3, 31), local_day(7), "BACS-9", actor=None)
    mine = db.session.query(LetterRecord).filter_by(person_id=seats[0].person_id).one()
    theirs = db.session.query(LetterRecord).filter_by(person_id=seats[1].person_id).one()
    user = factories.make_user(roles={"trainer"}, person=seats[0].person)
    login(user)
    response = client.get(f"/letters/{mine.id}.pdf")
    assert response.status_code == 200
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert mine.reference in text and "£100.00" in text
    assert client.get(f"/letters/{theirs.id}.pdf").status_code == 403
    assert client.get(f"/letters/{mine.id}.pdf?format=standard").status_code == 200
    page = client.get("/my-money").get_data(as_text=True)
    assert f"/letters/{mine.id}.pdf" in page and f"/letters/{mine.id}" in page
    assert f"/letters/{theirs.id}" not in page


def test_recognition_letter_is_issued_and_read_back(db, client, login):
    session, seats = delivered_team(db)
    person = seats[1].person
    login("coordinator")
    response = client.post(
        f"/people/{person.id}/recognition-letter",
        data={
            "period_from": "2026-01-01",
            "period_to": day_text(0),
            "role_wording": "expert co-trainer",
            "personal_message": "You made the room listen.",
        },
    )
    assert response.status_code == 302
    record = db.session.query(LetterRecord).filter_by(person_id=person.id).one()
    pdf = client.get(f"/letters/{record.id}.pdf?format=standard")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Ben Shah" in text and record.reference in text and "You made the room listen." in text
    assert "autistic" not in text.lower()
    assert record.learners_reached == 11 and record.sessions_delivered == 1


def test_csv_quotes_formula_text(db):
    line = a_line(LineStatus.PENDING)
    line.description = "=HYPERLINK(1)"
    db.session.add(line)
    db.session.flush()
    rows = list(csv.reader(io.StringIO(export.lines_csv([line]).decode())))
    assert rows[1][15] == "'=HYPERLINK(1)"


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


@pytest.mark.parametrize(
    ("content", "name", "ok"),
    [
        (PNG, "ticket.png", True),
        (b"%PDF-1.4 rest", "ticket.pdf", True),
        (b"\xff\xd8\xff\xe0rest", "ticket.jpg", True),
        (b"<html>", "ticket.png", False),
        (b"MZ\x90\x00", "ticket.pdf", False),
        (b"%PDF-" + b"0" * 2000, "big.pdf", False),
    ],
)
def test_receipt_upload_is_checked(
    db, client, login, app, content, name, ok, tmp_path, monkeypatch
):
    from trainer.payments import expenses

    monkeypatch.setattr(expenses, "MAX_RECEIPT_BYTES", 2000)  # small, so the test stays light
    original, app.instance_path = app.instance_path, str(tmp_path)
    try:
        session, seats = delivered_team(db)
        user = factories.make_user(roles={"trainer"}, person=seats[0].person)
        login(user)
        response = client.post(
            f"/sessions/{session.id}/expenses/new",
            data={
                "kind": "parking",
                "incurred_on": "2026-03-10",
                "amount": "5.50",
                "receipt": (io.BytesIO(content), name),
            },
            content_type="multipart/form-data",
        )
        from trainer.models import Expense

        expense = db.session.query(Expense).one_or_none()
        if ok:
            assert response.status_code == 302
            assert expense.receipt_stored_as != name
            assert (tmp_path / "receipts" / expense.receipt_stored_as).read_bytes() == content
            assert client.get(f"/expenses/{expense.id}/receipt").data == content
        else:
            assert response.status_code == 200 and expense is None
            assert "must be" in response.get_data(as_text=True)
    finally:
        app.instance_path = original
