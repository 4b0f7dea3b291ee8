"""Issued letters are documents: the same bytes for ever, whatever changes later. A correction
is a new letter, under a new reference, naming the one it replaces; pay-run lines stay in
their run unless finance reopens it on purpose."""

import pytest
from sqlalchemy import select

from tests.helpers import form_values, saved
from tests.letters.letter_samples import pdf_text
from tests.payments.factories import day_text, local_day
from tests.payments.money_factories import approve_everything, deliver, past_team, pay_run_for
from trainer.domain import DomainError
from trainer.models import (
    AuditEvent,
    InformationFormat,
    LetterRecord,
    LineStatus,
    PaymentChoice,
    PaymentLine,
    PayRate,
    PayRunStatus,
)
from trainer.payments import rate_card, run_changes, runs, workflow
from trainer.payments.rate_card import RateDetails

FORMATS = ("", "?format=easy", "?format=standard")


def downloads(client, records) -> dict[tuple[str, str], bytes]:
    return {
        (record.reference, fmt): client.get(f"/letters/{record.id}.pdf{fmt}").data
        for record in records
        for fmt in FORMATS
    }


def test_an_issued_letter_downloads_the_same_bytes_after_later_edits(db, client, login):
    session, seats = past_team()
    deliver(session, seats)
    approve_everything(db)
    pay_run_for(session)
    saved(db)
    login("coordinator")
    person = seats[0].person
    client.post(
        f"/people/{person.id}/recognition-letter",
        data={
            "period_from": day_text(-60),
            "period_to": day_text(0),
            "role_wording": "expert co-trainer",
        },
    )
    records = db.session.scalars(select(LetterRecord)).all()
    assert len(records) == 3  # two payment letters, one recognition letter
    before = downloads(client, records)
    assert all(pdf.startswith(b"%PDF") for pdf in before.values())

    # the session: its learners and attendance edited, its programme renamed
    values = form_values(client.get(f"/sessions/{session.id}/attendance"))
    values["learners_count"] = ["3"]
    client.post(f"/sessions/{session.id}/attendance", data=values)
    session.programme.name = "A renamed programme"
    # the person: name, address, format and payment choice
    person.full_name, person.postal_address = "Someone Else", "9 Elsewhere"
    person.preferred_format = InformationFormat.EASY_READ
    person.payment_choice = PaymentChoice.VOUCHER
    # the rates: the one in force changed, and a new one added
    for rate in db.session.scalars(select(PayRate)):
        rate.delivery_pence = 1
    role = seats[0].delivery_role
    later = RateDetails(local_day(1), rate.fee_basis, 5, equal_pay_reason="A trial rate")
    rate_card.add_rate(session.programme, role, later, actor=None)
    saved(db)

    after = downloads(client, records)
    assert after == before
    text = pdf_text(after[(records[0].reference, "?format=standard")])
    assert "Someone Else" not in text and "A renamed programme" not in text


def reopen_and_change(db, client, login, *, absent):
    """A run made, finance reopens it, a coordinator records `absent` as not attending."""
    session, seats = past_team()
    deliver(session, seats)
    approve_everything(db)
    run = pay_run_for(session)
    saved(db)
    login("finance")
    response = client.post(f"/finance/pay-runs/{run.id}/reopen", data={"reason": "Ben was ill"})
    assert response.status_code == 302 and run.status is PayRunStatus.REOPENED
    client.post("/sign-out")
    login("coordinator")
    values = form_values(client.get(f"/sessions/{session.id}/attendance"))
    values[f"attendance_{seats[absent].id}"] = ["did_not_attend"]
    client.post(f"/sessions/{session.id}/attendance", data=values)
    client.post("/sign-out")
    login("finance")
    return session, seats, run


def test_a_reopened_run_re_issues_its_letters_under_new_references(db, client, login):
    session, seats, run = reopen_and_change(db, client, login, absent=1)
    old = {r.person_id: r for r in runs.run_records(run)}
    before = downloads(client, old.values())
    assert not db.session.scalars(select(PaymentLine).where(PaymentLine.is_adjustment)).all()
    response = client.post(f"/finance/pay-runs/{run.id}/reissue", data={"paid_on": day_text(5)})
    assert response.status_code == 302
    assert run.status is PayRunStatus.OPEN and run.paid_on == local_day(5)
    records = runs.run_records(run)
    [new] = [r for r in records if r.replaced_on is None]
    assert new.replaces is old[seats[0].person_id] and new.reference not in before
    assert all(r.replaced_on == local_day(0) for r in old.values())  # Ben's: withdrawn
    assert downloads(client, old.values()) == before  # the old letters stay as they were
    text = pdf_text(client.get(f"/letters/{new.id}.pdf?format=standard").data)
    assert new.reference in text and "£111.25" in text  # fee, preparation, 45 minutes' travel
    page = client.get(f"/finance/pay-runs/{run.id}").get_data(as_text=True)
    assert f"(corrects {new.replaces.reference})" in page and "Replaced" in page
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "pay_run.reopened" in actions and "pay_run.reissued" in actions


def test_a_reopened_run_with_nothing_left_is_withdrawn(db, client, login):
    session, seats = past_team(choices=(PaymentChoice.PAID_PAYROLL,))
    deliver(session, seats)
    approve_everything(db)
    run = pay_run_for(session)
    run_changes.reopen_pay_run(run, "Not delivered after all", actor=None)
    for line in runs.run_lines(run):
        workflow.reject_line(line, "Not delivered", actor=None)
    run_changes.reissue_pay_run(run, local_day(3), actor=None)
    assert run.status is PayRunStatus.WITHDRAWN and runs.current_records(run) == []


def test_changed_lines_not_approved_again_leave_the_run_when_it_is_re_issued(db):
    session, seats = past_team()
    deliver(session, seats, travel=(45, 0))
    approve_everything(db)
    run = pay_run_for(session)
    run_changes.reopen_pay_run(run, "Travel was wrong", actor=None)
    deliver(session, seats, travel=(90, 0))  # a changed amount waits for approval again
    changed = db.session.scalars(
        select(PaymentLine).where(PaymentLine.status == LineStatus.PENDING)
    ).all()
    assert len(changed) == 1 and changed[0].pay_run_id == run.id
    run_changes.reissue_pay_run(run, local_day(3), actor=None)
    assert changed[0].pay_run_id is None and changed[0] not in runs.run_lines(run)


def test_a_line_in_a_run_is_rejected_only_once_the_run_is_reopened(db):
    session, seats = past_team()
    deliver(session, seats)
    approve_everything(db)
    run = pay_run_for(session)
    line = runs.run_lines(run)[0]
    with pytest.raises(DomainError, match="Finance can reopen the run"):
        workflow.reject_line(line, "Wrong", actor=None)
    assert line.pay_run_id == run.id and line.status is LineStatus.APPROVED
    run_changes.reopen_pay_run(run, "One line is wrong", actor=None)
    workflow.reject_line(line, "Wrong", actor=None)
    assert line.pay_run_id is None and line.status is LineStatus.REJECTED


def test_a_paid_run_is_never_reopened_and_a_reopened_run_is_not_paid(db):
    session, seats = past_team()
    deliver(session, seats)
    approve_everything(db)
    run = pay_run_for(session)
    with pytest.raises(DomainError, match="Enter why"):
        run_changes.reopen_pay_run(run, "  ", actor=None)
    run_changes.reopen_pay_run(run, "Checking", actor=None)
    with pytest.raises(DomainError, match="Re-issue its letters"):
        runs.mark_pay_run_paid(run, local_day(0), "BACS", actor=None)
    run_changes.reissue_pay_run(run, local_day(0), actor=None)
    runs.mark_pay_run_paid(run, local_day(0), "BACS", actor=None)
    with pytest.raises(DomainError, match="never changed"):
        run_changes.reopen_pay_run(run, "Too late", actor=None)
