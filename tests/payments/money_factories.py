"""A past session whose team has recorded attendance, pay runs and letters: the money tests'
shared setup (keyword-only, each flushes)."""

from tests import factories
from tests.payments.factories import local_day, make_rate
from trainer.models import (
    Attendance,
    InformationFormat,
    LineStatus,
    PaymentChoice,
    PaymentLine,
    SessionStatus,
)
from trainer.payments import runs, service, workflow
from trainer.timezones import to_local

#: per person: the delivery fee, preparation (30 minutes at £20 an hour), travel at £15 an hour
FEE, PREPARATION, TRAVEL_RATE = 9_000, 1_000, 1_500


def past_team(*, days_ago: int = 10, choices=(PaymentChoice.PAID_PAYROLL,) * 2, easy=False):
    """A scheduled session `days_ago` days back, its first seats accepted by new people."""
    programme = factories.make_programme(duration=60)
    roles = [seat.delivery_role for seat in programme.seats]
    for role in roles:
        make_rate(
            programme=programme,
            role=role,
            delivery_pence=FEE,
            preparation_minutes=30,
            preparation_pence_per_hour=2_000,
            travel_pence_per_hour=TRAVEL_RATE,
        )
    session = factories.make_session(
        programme=programme,
        starts_at=factories.days_ahead(-days_ago, 10),
        status=SessionStatus.SCHEDULED,
    )
    seats = []
    for n, (role, choice) in enumerate(zip(roles, choices, strict=False)):
        person = factories.make_person(
            roles=[role],
            name=f"Person {n + 1} of session {session.id}",
            postal_address="1 Road\nTown",
            payment_choice=choice,
            preferred_format=InformationFormat.EASY_READ if easy else InformationFormat.PLAIN,
        )
        seats.append(factories.make_assignment(session=session, person=person, role=role))
    return session, seats


def deliver(session, seats, *, travel=(45, 0), learners=11):
    entries = [
        service.AttendanceEntry(seat, Attendance.ATTENDED, None, minutes)
        for seat, minutes in zip(seats, travel, strict=False)
    ]
    service.mark_delivered(session, entries, learners, actor=None)


def approve_everything(db) -> None:
    for line in db.session.query(PaymentLine).filter_by(status=LineStatus.PENDING):
        workflow.approve_line(line, actor=None)


def pay_run_for(session, *, planned_in: int = 7):
    """A pay run for the session's day, its payment planned `planned_in` days from today."""
    day = to_local(session.starts_at).date()
    return runs.create_pay_run(day, day, local_day(planned_in), "BACS-TEST", actor=None)


def line_state(db, session) -> list[tuple]:
    """Every pay line of the session, as finance would compare them."""
    lines = db.session.query(PaymentLine).filter_by(session_id=session.id)
    return sorted(
        (
            line.id,
            line.person_id,
            line.kind.value,
            line.sequence,
            line.amount_pence,
            line.minutes,
            line.status.value,
            line.pay_run_id,
            line.description,
        )
        for line in lines
    )
