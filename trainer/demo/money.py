"""Demo money: rates, attendance and pay lines in every state, a paid pay run with its
letters, and a recognition letter, so finance finds a pay run and the demo co-trainer finds
their paid session and their letters."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from trainer.clock import local_today
from trainer.demo.sessions import DEMO_CO_TRAINER
from trainer.extensions import db
from trainer.models import (
    Attendance,
    DeliveryRole,
    ExpenseKind,
    FeeBasis,
    LineStatus,
    OfferStatus,
    PaymentLine,
    PayRate,
    Person,
    Programme,
    SessionStatus,
    TrainingSession,
)
from trainer.payments import expenses, recognition, runs, service, workflow
from trainer.timezones import local_zone, to_local

#: (programme name, pence per session, preparation minutes): equal rates for equal roles
RATES = {
    "Oliver McGowan Tier 1": (7_500, 60),
    "Oliver McGowan Tier 2": (22_500, 90),
    "Co-production review meeting": (6_000, 30),
}
#: a shadow (observer) is paid this share of the session's fee, with no preparation
SHADOW_PERCENT = 50


def seed_rates() -> None:
    """Rates for every programme and role (before teams are built: pay caps read them)."""
    roles = list(db.session.scalars(select(DeliveryRole)))
    for programme in db.session.scalars(select(Programme)):
        fee, prep = RATES.get(programme.name, (10_000, 60))
        for role in roles:
            db.session.add(
                PayRate(
                    programme=programme,
                    delivery_role=role,
                    effective_from=date(2025, 4, 1),
                    fee_basis=FeeBasis.PER_SESSION,
                    delivery_pence=fee * SHADOW_PERCENT // 100 if role.is_shadow else fee,
                    preparation_minutes=0 if role.is_shadow else prep,
                    preparation_pence_per_hour=2_000,
                    travel_pence_per_hour=1_500,
                )
            )
    db.session.flush()


def seed_money() -> None:
    """Pay for every delivered demo session, moved along the workflow."""
    delivered = list(
        db.session.scalars(
            select(TrainingSession)
            .where(TrainingSession.status == SessionStatus.DELIVERED)
            .order_by(TrainingSession.starts_at)
        )
    )
    for number, session in enumerate(delivered):
        _attend(session, number)
    _move_along(delivered)
    _recognise(delivered)


def _attend(session: TrainingSession, number: int) -> None:
    session.status = SessionStatus.SCHEDULED  # marked delivered the way a coordinator does
    entries = []
    for k, a in enumerate(a for a in session.assignments if a.offer_status is OfferStatus.ACCEPTED):
        attendance = Attendance.PARTIAL if (number + k) % 7 == 3 else Attendance.ATTENDED
        minutes = session.duration_minutes // 2 if attendance is Attendance.PARTIAL else None
        entries.append(
            service.AttendanceEntry(a, attendance, minutes, 30 if not session.is_online else 0)
        )
    service.mark_delivered(session, entries, session.learners_count, actor=None)
    if not session.is_online and entries:
        person = entries[0].assignment.person
        details = expenses.ExpenseDetails(
            ExpenseKind.PARKING, _day(session), "Car park at the venue", 450
        )
        expenses.claim_expense(person, session, details, None, actor=None)


def _day(session: TrainingSession) -> date:
    return to_local(session.starts_at).date()


def _move_along(sessions: list[TrainingSession]) -> None:
    """Oldest sessions paid in a pay run; then approved (ready for a run); newest pending."""
    if not sessions:
        return
    third = max(len(sessions) // 3, 1)
    by_session = {s.id: i for i, s in enumerate(sessions)}
    lines = list(db.session.scalars(select(PaymentLine).order_by(PaymentLine.id)))
    for line in lines:
        place = by_session.get(line.session_id, len(sessions))
        if place < 2 * third:
            workflow.approve_line(line, actor=None)
    first, last = _day(sessions[0]), _day(sessions[third - 1])
    issued = min(last + timedelta(days=3), local_today(local_zone()))
    paid = min(issued + timedelta(days=4), local_today(local_zone()))
    run = runs.create_pay_run(first, last, paid, "BACS-DEMO-1", actor=None, today=issued)
    runs.mark_pay_run_paid(run, paid, "BACS-DEMO-1", actor=None, today=paid)
    _reject_a_repeat(lines)


def _reject_a_repeat(lines: list[PaymentLine]) -> None:
    """A pending line rejected as a repeat of the same person's paid line, linked to it."""
    paid = {(line.person_id, line.kind): line for line in lines if line.status is LineStatus.PAID}
    for line in lines:
        other = paid.get((line.person_id, line.kind))
        if line.status is LineStatus.PENDING and other is not None:
            reason = "Claimed twice: the other claim is paid."
            workflow.reject_line(line, reason, actor=None, related=other)
            return


def _recognise(sessions: list[TrainingSession]) -> None:
    """A recognition letter for the demo co-trainer, for the work they have delivered."""
    person = db.session.scalar(select(Person).where(Person.full_name == DEMO_CO_TRAINER))
    if person is None or not sessions:
        return
    today = local_today(local_zone())
    recognition.issue_recognition_letter(
        person,
        _day(sessions[0]) - timedelta(days=7),
        today,
        "expert co-trainer",
        personal_message="Thank you for the stories you shared. Learners remember them.",
        message_from="The training team",
        actor=None,
        today=today,
    )
