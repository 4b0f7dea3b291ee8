"""What the limits count, read from the database: vouchers count, expenses and rejected lines
never do, seats to come count at their expected pay after the person's choice."""

from sqlalchemy import select

from tests import factories
from tests.payments.factories import local_day, make_rate
from trainer.limits.projection import person_outlook
from trainer.models import (
    Attendance,
    BenefitSituation,
    LineKind,
    LineStatus,
    PaymentChoice,
    PaymentLine,
    SessionStatus,
)
from trainer.payments import service


def on_esa(db, choice=PaymentChoice.VOUCHER, **values):
    programme = factories.make_programme(duration=60, name="Tier 1 ESA")
    role = programme.seats[1].delivery_role
    make_rate(programme=programme, role=role, delivery_pence=12_000)
    person = factories.make_person(
        roles=[role], benefit_situation=BenefitSituation.ESA, payment_choice=choice, **values
    )
    worked = factories.make_session(
        programme=programme, starts_at=factories.days_ahead(-1), status=SessionStatus.SCHEDULED
    )
    seat = factories.make_assignment(session=worked, person=person, role=role)
    service.mark_delivered(
        worked, [service.AttendanceEntry(seat, Attendance.ATTENDED)], 5, actor=None
    )
    db.session.add(
        PaymentLine(
            person_id=person.id,
            session_id=worked.id,
            kind=LineKind.EXPENSE,
            starts_at=worked.starts_at,
            amount_pence=9_000,
            method="expenses",
            description="Taxi",
        )
    )
    coming = factories.make_session(
        programme=programme, starts_at=factories.days_ahead(1), status=SessionStatus.SCHEDULED
    )
    factories.make_assignment(session=coming, person=person, role=role)
    db.session.flush()
    return person


def pay_rows(person):
    return {
        row.period[1]: row.actual
        for row in person_outlook(person, around=local_day(0)).rows
        if row.limit.code == "esa_pay"
    }


def test_vouchers_count_and_expenses_do_not(db):
    person = on_esa(db)
    rows = pay_rows(person)
    assert sum(rows.values()) == 2 * 12_000  # the voucher-paid session and the seat to come


def test_rejected_lines_do_not_count_and_a_reduced_seat_counts_its_share(db):
    person = on_esa(db, PaymentChoice.REDUCED, reduced_percent=25)
    for line in db.session.scalars(select(PaymentLine).where(PaymentLine.kind != LineKind.EXPENSE)):
        line.status = LineStatus.REJECTED
    db.session.flush()
    assert sum(pay_rows(person).values()) == 3_000  # only the seat to come, at 25%
