"""Keyword-only factories for money records (rates, lines, runs, letters); each flushes."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from config import Config
from tests import factories
from trainer.extensions import db
from trainer.models import (
    Attendance,
    Expense,
    ExpenseKind,
    FeeBasis,
    InformationFormat,
    LetterKind,
    LetterRecord,
    LineKind,
    LineStatus,
    PaymentLine,
    PayRate,
    PayRun,
    SessionStatus,
)
from trainer.payments import service


def make_rate(
    *,
    programme,
    role,
    effective_from=date(2020, 1, 1),
    effective_to=None,
    fee_basis=FeeBasis.PER_SESSION,
    delivery_pence=10_000,
    **values,
) -> PayRate:
    rate = PayRate(
        programme=programme,
        delivery_role=role,
        effective_from=effective_from,
        effective_to=effective_to,
        fee_basis=fee_basis,
        delivery_pence=delivery_pence,
        **values,
    )
    db.session.add(rate)
    db.session.flush()
    return rate


def make_money_records(*, person, session) -> dict[str, int]:
    """A pay run with one expense line and its payment letter, for permission tests."""
    run = PayRun(
        reference=f"RUN-T-{person.id}",
        period_from=date(2026, 1, 1),
        period_to=date(2026, 12, 31),
        paid_on=date(2026, 12, 31),
        payment_reference="BACS-T",
    )
    expense = Expense(
        person=person,
        session=session,
        kind=ExpenseKind.PARKING,
        incurred_on=date(2026, 12, 1),
        amount_pence=550,
        description="Car park",
    )
    line = PaymentLine(
        person_id=person.id,
        session_id=session.id,
        kind=LineKind.EXPENSE,
        expense=expense,
        starts_at=session.starts_at,
        amount_pence=550,
        method="expenses",
        description="Car park",
        status=LineStatus.PENDING,
        pay_run=run,
    )
    letter = LetterRecord(
        reference=f"PAY-T-{person.id}",
        kind=LetterKind.PAYMENT,
        person=person,
        pay_run=run,
        issued_on=date(2026, 12, 31),
    )
    db.session.add_all([run, expense, line, letter])
    db.session.flush()
    return {"run": run.id, "expense": expense.id, "line": line.id, "letter": letter.id}


START = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)


def local_day(days: int = 0) -> date:
    """The local day `days` from today: pay dates are judged against today."""
    return factories.days_ahead(days).astimezone(ZoneInfo(Config.TIMEZONE)).date()


def day_text(days: int = 0) -> str:
    """The same day as a form sends it."""
    return local_day(days).isoformat()


def delivered_team(db, *, names=("Ann O'Neill", "Ben Shah"), easy=False):
    programme = factories.make_programme(duration=60, name=f"Tier 1 {next(factories._ids)}")
    roles = [seat.delivery_role for seat in programme.seats]
    for role in roles:
        make_rate(
            programme=programme,
            role=role,
            delivery_pence=9_000,
            preparation_minutes=30,
            preparation_pence_per_hour=2_000,
        )
    session = factories.make_session(
        programme=programme, starts_at=START, status=SessionStatus.SCHEDULED
    )
    seats = []
    for name, role in zip(names, roles, strict=False):  # the first few seats
        person = factories.make_person(
            roles=[role],
            name=name,
            postal_address="1 Road\nTown",
            preferred_format=InformationFormat.EASY_READ if easy else InformationFormat.PLAIN,
        )
        seats.append(factories.make_assignment(session=session, person=person, role=role))
    service.mark_delivered(
        session, [service.AttendanceEntry(a, Attendance.ATTENDED) for a in seats], 11, actor=None
    )
    return session, seats


def approve_all(client, session):
    return client.post(f"/sessions/{session.id}/pay/approve")


def make_pay_run(db, client, login) -> str:
    """Finance approves a delivered session's pay and makes the March run."""
    session, _ = delivered_team(db)
    login("finance")
    assert approve_all(client, session).status_code == 302
    response = client.post(
        "/finance/pay-runs/new",
        data={
            "period_from": "2026-03-01",
            "period_to": "2026-03-31",
            "paid_on": day_text(7),
            "payment_reference": "BACS-0403",
        },
    )
    assert response.status_code == 302
    return response.location
