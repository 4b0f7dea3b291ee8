"""Before a pay run: Universal Credit counts pay in the assessment period it is paid in, so
the run's payment date can move pay into the next period and over the person's limit.
Built from today (the suite also runs pinned with TEST_NOW)."""

from datetime import timedelta

from sqlalchemy import func, select

from tests import factories
from tests.payments.factories import local_day, make_rate
from trainer.extensions import db
from trainer.models import (
    Attendance,
    AuditEvent,
    BenefitSituation,
    LineStatus,
    PaymentLine,
    PayRun,
    SessionStatus,
)
from trainer.payments import runs, service


def delivered(person, role, programme, days_ago: int):
    session = factories.make_session(
        programme=programme,
        starts_at=factories.days_ahead(-days_ago),
        status=SessionStatus.SCHEDULED,
    )
    seat = factories.make_assignment(session=session, person=person, role=role)
    service.mark_delivered(
        session, [service.AttendanceEntry(seat, Attendance.ATTENDED)], 10, actor=None
    )
    for line in db.session.scalars(select(PaymentLine).where(PaymentLine.session_id == session.id)):
        line.status = LineStatus.APPROVED
    db.session.flush()
    return session


def on_universal_credit(db):
    """Periods start 10 days from today; £300 a period; one £200 session already in a run
    paid the day after that start, another £200 session approved and waiting."""
    programme = factories.make_programme(duration=60, name="Tier 1 UC")
    role = programme.seats[1].delivery_role
    make_rate(programme=programme, role=role, delivery_pence=20_000)
    boundary = local_day(10)
    person = factories.make_person(
        roles=[role],
        name="Uma Credit",
        postal_address="1 Road\nTown",
        benefit_situation=BenefitSituation.UNIVERSAL_CREDIT,
        uc_period_start_day=boundary.day,
        uc_monthly_limit_pence=30_000,
    )
    delivered(person, role, programme, days_ago=10)
    runs.create_pay_run(
        local_day(-11), local_day(-9), boundary + timedelta(days=1), "BACS-1", actor=None
    )
    delivered(person, role, programme, days_ago=5)
    db.session.commit()
    return boundary


def run_form(boundary, paid_on, **extra):
    return {
        "period_from": local_day(-6).isoformat(),
        "period_to": local_day(-1).isoformat(),
        "paid_on": paid_on.isoformat(),
        "payment_reference": "BACS-2",
        **extra,
    }


def runs_made():
    return db.session.scalar(select(func.count()).select_from(PayRun))


def test_a_later_pay_date_moves_pay_into_the_next_period_and_warns_with_the_figures(
    client, login, db
):
    boundary = on_universal_credit(db)
    login("finance")
    page = client.post(
        "/finance/pay-runs/new", data=run_form(boundary, boundary + timedelta(days=2))
    )
    assert page.status_code == 200 and runs_made() == 1
    text = page.get_data(as_text=True)
    assert "Uma Credit" in text
    assert "Would be paid £400.00 in their Universal Credit assessment period" in text
    assert f"{boundary.day} {boundary:%b %Y} to" in text
    assert "within £300.00 a period" in text and "£200.00" in text
    # sent again without a reason: asked for one, still nothing made
    again = client.post(
        "/finance/pay-runs/new",
        data=run_form(boundary, boundary + timedelta(days=2), **{"limits-seen": "yes"}),
    )
    assert "Say why the run should go ahead" in again.get_data(as_text=True)
    assert "govuk-error-summary" in again.get_data(as_text=True) and runs_made() == 1


def test_finance_can_go_ahead_with_a_reason_which_is_kept(client, login, db):
    boundary = on_universal_credit(db)
    login("finance")
    data = run_form(
        boundary,
        boundary + timedelta(days=2),
        **{"limits-seen": "yes", "limits-reason": "Uma asked to be paid now; she has told DWP"},
    )
    made = client.post("/finance/pay-runs/new", data=data)
    assert made.status_code == 302 and runs_made() == 2
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "pay_run.limits_accepted")
    )
    assert event.after["reason"] == "Uma asked to be paid now; she has told DWP"
    assert "Uma Credit: Would be paid £400.00" in event.after["warnings"][0]


def test_paid_before_the_period_starts_nothing_to_warn(client, login, db):
    boundary = on_universal_credit(db)
    login("finance")
    made = client.post(
        "/finance/pay-runs/new", data=run_form(boundary, boundary - timedelta(days=1))
    )
    assert made.status_code == 302 and runs_made() == 2


def test_the_persons_page_shows_each_period_against_their_limit(client, login, db):
    boundary = on_universal_credit(db)
    login("coordinator")
    person = db.session.scalar(select(PaymentLine)).person
    page = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert "Earnings against their limits" in page
    # the run paid the day after the boundary; the waiting line is expected on the pay day
    assert f"their Universal Credit assessment period {boundary.day} {boundary:%b %Y} to" in page
    assert "within £300.00 a period" in page
