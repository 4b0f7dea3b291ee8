"""The attendance page shows every value already recorded, so saving it unchanged changes
nothing: not pending pay, not paid pay, not the lines of a pay run or its letters."""

from sqlalchemy import func, select

from tests.helpers import form_values, saved
from tests.payments.money_factories import (
    FEE,
    approve_everything,
    deliver,
    line_state,
    past_team,
    pay_run_for,
)
from trainer.models import AuditEvent, LetterRecord, LineKind, PaymentLine
from trainer.payments import runs


def money_events(db) -> int:
    query = select(func.count()).where(AuditEvent.action.like("payment_line.%"))
    return db.session.scalar(query.select_from(AuditEvent))


def resave(client, session):
    """Open the attendance page and save it exactly as it shows."""
    path = f"/sessions/{session.id}/attendance"
    return client.post(path, data=form_values(client.get(path)))


def test_the_page_shows_attendance_hours_travel_and_learners_as_recorded(db, client, login):
    session, (ann, ben) = past_team()
    login("coordinator")
    path = f"/sessions/{session.id}/attendance"
    response = client.post(
        path,
        data={
            f"attendance_{ann.id}": "attended",
            f"travel_{ann.id}": "45",
            f"attendance_{ben.id}": "partial",
            f"hours_{ben.id}": "0:30",
            f"travel_{ben.id}": "",
            "learners_count": "9",
        },
    )
    assert response.status_code == 302
    shown = form_values(client.get(path))
    assert shown[f"attendance_{ann.id}"] == ["attended"] and shown[f"travel_{ann.id}"] == ["45"]
    assert shown[f"attendance_{ben.id}"] == ["partial"] and shown[f"hours_{ben.id}"] == ["0:30"]
    assert shown["learners_count"] == ["9"]


def test_saving_unchanged_leaves_pending_pay_as_it_was(db, client, login):
    session, seats = past_team()
    deliver(session, seats, travel=(45, 20))
    saved(db)
    before, events = line_state(db, session), money_events(db)
    assert [kind for _, _, kind, *_ in before].count(LineKind.TRAVEL_TIME.value) == 2
    login("coordinator")
    assert resave(client, session).status_code == 302
    assert line_state(db, session) == before
    assert money_events(db) == events


def test_saving_unchanged_adds_nothing_to_a_paid_session(db, client, login):
    session, seats = past_team()
    deliver(session, seats)
    approve_everything(db)
    run = pay_run_for(session)
    runs.mark_pay_run_paid(run, run.created_at.date(), "BACS-TEST", actor=None)
    saved(db)
    before = line_state(db, session)
    login("coordinator")
    resave(client, session)
    assert line_state(db, session) == before  # no "no longer due" adjustments


def test_saving_unchanged_keeps_a_pay_run_and_its_letters_whole(db, client, login):
    session, seats = past_team()
    deliver(session, seats)
    approve_everything(db)
    run = pay_run_for(session)
    saved(db)
    before = line_state(db, session)
    login("coordinator")
    letters = {r.reference: client.get(f"/letters/{r.id}.pdf") for r in runs.run_records(run)}
    assert all(pdf.mimetype == "application/pdf" for pdf in letters.values())
    resave(client, session)
    assert line_state(db, session) == before
    assert all(state[7] == run.id for state in before)
    for record in db.session.scalars(select(LetterRecord)):
        assert client.get(f"/letters/{record.id}.pdf").data == letters[record.reference].data


def test_a_change_to_work_in_a_pay_run_is_an_adjustment_for_a_later_run(db, client, login):
    session, (ann, ben) = past_team()
    deliver(session, [ann, ben])
    approve_everything(db)
    run = pay_run_for(session)
    saved(db)
    before = line_state(db, session)
    login("coordinator")
    values = form_values(client.get(f"/sessions/{session.id}/attendance"))
    values[f"attendance_{ben.id}"] = ["did_not_attend"]
    client.post(f"/sessions/{session.id}/attendance", data=values)
    after = line_state(db, session)
    assert [s for s in after if s[0] in {b[0] for b in before}] == before  # untouched
    adjustments = select(PaymentLine).where(PaymentLine.is_adjustment).order_by(PaymentLine.id)
    [delivery, preparation] = db.session.scalars(adjustments).all()
    assert {delivery.amount_pence, preparation.amount_pence} == {-FEE, -1_000}
    assert delivery.pay_run_id is None and delivery.person_id == ben.person_id
    assert len(runs.run_lines(run)) == len(before)
