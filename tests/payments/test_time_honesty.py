"""Nothing is recorded or paid before it happens: attendance once a session has started,
"delivered" once it has ended, a run marked paid on a day that has come, letters that never
promise payment before their own date, and "we have paid you" only from the day we did."""

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import func, select

from tests import factories
from tests.helpers import page_errors, saved, signed_in_browser
from tests.letters.letter_samples import pdf_text
from tests.payments.factories import day_text, local_day
from tests.payments.money_factories import approve_everything, deliver, past_team, pay_run_for
from trainer.clock import utc_now
from trainer.models import (
    Assignment,
    ExpenseKind,
    LetterRecord,
    LineStatus,
    PaymentChoice,
    PaymentLine,
    PayRun,
    SessionStatus,
)
from trainer.payments import expenses, runs


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_attendance_for_a_session_still_to_come_is_refused_with_a_message(db, client, login):
    session, seats = past_team(days_ago=-9)  # nine days ahead
    saved(db)
    login("coordinator")
    path = f"/sessions/{session.id}/attendance"
    page = client.get(path).get_data(as_text=True)
    assert "Attendance can be recorded once it has started." in page
    response = client.post(path, data={f"attendance_{seats[0].id}": "attended"})
    assert "Attendance can be recorded once it has started." in response.get_data(as_text=True)
    assert session.status is SessionStatus.SCHEDULED and count(db, PaymentLine) == 0
    assert all(seat.attendance is None for seat in seats)


def test_attendance_during_a_session_is_kept_but_it_is_delivered_only_after(db, client, login):
    session, seats = past_team(days_ago=0)
    session.starts_at = utc_now() - timedelta(minutes=10)
    session.ends_at = session.starts_at + timedelta(minutes=60)
    saved(db)
    login("coordinator")
    path = f"/sessions/{session.id}/attendance"
    data = {f"attendance_{seat.id}": "attended" for seat in seats} | {"learners_count": "8"}
    response = client.post(path, data=data, follow_redirects=True)
    assert "Once the session has ended, save it again" in response.get_data(as_text=True)
    assert all(seat.attendance is not None for seat in seats) and session.learners_count == 8
    assert session.status is SessionStatus.SCHEDULED and count(db, PaymentLine) == 0


def test_a_run_is_marked_paid_only_on_a_day_that_has_come(db, client, login):
    session, seats = past_team()
    deliver(session, seats)
    approve_everything(db)
    run = pay_run_for(session)
    saved(db)
    login("finance")
    path = f"/finance/pay-runs/{run.id}/paid"
    response = client.post(path, data={"paid_on": day_text(1), "payment_reference": "BACS"})
    assert "The date paid cannot be in the future." in " ".join(page_errors(response))
    assert {line.status for line in runs.run_lines(run)} == {LineStatus.APPROVED}
    response = client.post(path, data={"paid_on": day_text(0), "payment_reference": "BACS"})
    assert response.status_code == 302 and run.paid_on == local_day(0)


def test_letters_never_promise_payment_before_their_own_date(db, client, login):
    session, seats = past_team(easy=True)
    deliver(session, seats)
    approve_everything(db)
    saved(db)
    login("finance")
    day = session.starts_at.date().isoformat()
    data = {"period_from": day, "period_to": day, "payment_reference": "BACS"}
    refused = client.post("/finance/pay-runs/new", data=data | {"paid_on": day_text(-1)})
    assert "The payment date cannot be before today" in " ".join(page_errors(refused))
    assert count(db, PayRun) == count(db, LetterRecord) == 0
    made = client.post("/finance/pay-runs/new", data=data | {"paid_on": day_text(0)})
    assert made.status_code == 302
    for record in db.session.scalars(select(LetterRecord)):
        assert record.issued_on <= local_day(0)
        text = pdf_text(client.get(f"/letters/{record.id}.pdf").data)  # Easy Read
        when = local_day(0)
        assert f"We will pay on {when.day} {when:%B %Y}." in text


def test_a_second_run_for_the_same_period_is_refused_and_issues_nothing(db, client, login):
    session, seats = past_team()
    deliver(session, seats)
    approve_everything(db)
    saved(db)
    login("finance")
    day = session.starts_at.date().isoformat()
    data = {"period_from": day, "period_to": day, "paid_on": day_text(3), "payment_reference": "X"}
    assert client.post("/finance/pay-runs/new", data=data).status_code == 302
    letters = count(db, LetterRecord)
    again = client.post("/finance/pay-runs/new", data=data)
    assert "There are no approved lines to pay in that period" in " ".join(page_errors(again))
    assert count(db, PayRun) == 1 and count(db, LetterRecord) == letters


def test_we_have_paid_you_only_from_the_day_we_paid(app, db):
    session, seats = past_team(choices=(PaymentChoice.PAID_PAYROLL,))
    deliver(session, seats)
    line = db.session.scalars(select(PaymentLine)).first()
    line.status, line.paid_on = LineStatus.PAID, local_day(2)  # set outside the app
    user = factories.make_user(roles={"trainer"}, person=seats[0].person)
    saved(db)
    home = signed_in_browser(app, user).get("/home").get_data(as_text=True)
    assert "We have paid you" not in home and "We owe you" in home
    line.paid_on = local_day(0)
    saved(db)
    home = signed_in_browser(app, user).get("/home").get_data(as_text=True)
    assert "We have paid you" in home


def expenses_only_letter(db, client, choice: PaymentChoice) -> str:
    """The letter of a run holding only an expense, for someone with this payment choice."""
    session, seats = past_team(choices=(choice,))
    person = seats[0].person
    details = expenses.ExpenseDetails(
        ExpenseKind.MILEAGE, session.starts_at.date(), "To the venue", 0, Decimal(10)
    )
    expenses.claim_expense(person, session, details, None, actor=None)
    approve_everything(db)
    run = pay_run_for(session)
    [record] = runs.run_records(run)
    return pdf_text(client.get(f"/letters/{record.id}.pdf?format=standard").data)


def test_an_expenses_only_letter_for_someone_on_payroll_says_so_plainly(db, client, login):
    login("finance")
    text = expenses_only_letter(db, client, PaymentChoice.PAID_PAYROLL)
    assert "Expenses only: this letter pays back what you spent and has no fee in it" in text
    assert "volunteer" not in text


def test_a_volunteer_s_letter_says_they_chose_to_volunteer(db, client, login):
    login("finance")
    text = expenses_only_letter(db, client, PaymentChoice.EXPENSES_ONLY)
    assert "as you chose to volunteer without a fee" in text


def test_someone_who_declined_a_fee_is_told_so_not_that_they_volunteer(db, client, login):
    login("finance")
    text = expenses_only_letter(db, client, PaymentChoice.DECLINED)
    assert "as you chose not to take a fee" in text and "volunteer" not in text


def test_a_recognition_letter_records_only_work_done(db, client, login):
    session, seats = past_team()
    deliver(session, seats)
    saved(db)
    login("coordinator")
    response = client.post(
        f"/people/{seats[0].person_id}/recognition-letter",
        data={"period_from": day_text(-30), "period_to": day_text(3), "role_wording": "trainer"},
    )
    assert "The period cannot end after today" in " ".join(page_errors(response))
    assert count(db, LetterRecord) == 0 and db.session.get(Assignment, seats[0].id)
