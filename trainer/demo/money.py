"""Demo money: rates, attendance and pay lines in every state, so finance finds a pay run."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

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
    Programme,
    SessionStatus,
    TrainingSession,
)
from trainer.payments import expenses, runs, service

#: (programme name, pence per session, preparation minutes): equal rates for equal roles
RATES = {"Oliver McGowan Tier 1": (7_500, 60), "Oliver McGowan Tier 2": (22_500, 90)}


def seed_money(*, today: date | None = None) -> None:
    """Rates for every programme and role, then pay for every delivered demo session."""
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
                    delivery_pence=fee,
                    preparation_minutes=prep,
                    preparation_pence_per_hour=2_000,
                    travel_pence_per_hour=1_500,
                )
            )
    db.session.flush()
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
            ExpenseKind.PARKING, session.starts_at.date(), "Car park at the venue", 450
        )
        expenses.claim_expense(person, session, details, None, actor=None)


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
            service.approve_line(line, actor=None)
    rejected = next((line for line in lines if line.status is LineStatus.PENDING), None)
    if rejected is not None:
        service.reject_line(rejected, "Claimed twice: the other claim is paid.", actor=None)
    first, last = sessions[0], sessions[third - 1]
    run = runs.create_pay_run(
        first.starts_at.date(),
        last.starts_at.date(),
        last.starts_at.date() + timedelta(days=7),
        "BACS-DEMO-1",
        actor=None,
    )
    runs.mark_pay_run_paid(run, run.paid_on, "BACS-DEMO-1", actor=None)
