"""Pay lines from attendance, and the approval workflow. Services flush; the view commits.

Marking a session delivered (or editing its attendance) works each person's pay out again
with the pure core and brings their lines into line with it: unpaid lines are updated or
removed, paid (or rejected) lines are never touched and any difference becomes a new
adjustment line. Marking again with the same attendance changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from trainer import audit
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import (
    Assignment,
    Attendance,
    FeeBasis,
    LineKind,
    LineStatus,
    OfferStatus,
    PaymentLine,
    PayRunStatus,
    Person,
    SessionStatus,
    TrainingSession,
    User,
)
from trainer.money import pay
from trainer.money.rates import rate_from
from trainer.payments.rate_card import rates_for
from trainer.sessions import service as sessions_service
from trainer.timezones import local_zone

OPEN = (LineStatus.PENDING, LineStatus.APPROVED)
PAY_KINDS = (LineKind.DELIVERY, LineKind.PREPARATION, LineKind.TRAVEL_TIME)


@dataclass(frozen=True)
class AttendanceEntry:
    assignment: Assignment
    attendance: Attendance
    minutes_worked: int | None = None
    travel_minutes: int = 0


def pay_choice(person: Person) -> pay.PayChoice:
    """The person's own choice as the pure core's PayChoice."""
    kind = pay.PaymentChoice(person.payment_choice.value)
    percent = person.reduced_percent if kind is pay.PaymentChoice.REDUCED else 100
    return pay.PayChoice(
        kind, percent=100 if percent is None else percent, charity_name=person.charity_name or None
    )


def session_work(assignment: Assignment, entry: AttendanceEntry) -> pay.SessionWork:
    session = assignment.session
    return pay.SessionWork(
        person=assignment.person_id,
        session_ref=str(session.id),
        programme=str(session.programme_id),
        delivery_role=str(assignment.delivery_role_id),
        starts_at=session.starts_at,
        scheduled_minutes=session.duration_minutes,
        attendance=pay.Attendance(entry.attendance.value),
        minutes_worked=entry.minutes_worked,
        travel_minutes=entry.travel_minutes,
    )


def work_out(assignment: Assignment, entry: AttendanceEntry) -> list[pay.PayLine]:
    """The pay lines due for one person's part in a session (pure core, database rates)."""
    session = assignment.session
    rates = [rate_from(r) for r in rates_for(session.programme_id, assignment.delivery_role_id)]
    return pay.work_out_pay(
        session_work(assignment, entry), rates, pay_choice(assignment.person), zone=local_zone()
    )


def mark_delivered(
    session: TrainingSession,
    entries: list[AttendanceEntry],
    learners_count: int | None,
    *,
    actor: User | None,
) -> list[PaymentLine]:
    """Record attendance and learners, mark the session delivered, and bring pay up to date."""
    if session.status not in (SessionStatus.SCHEDULED, SessionStatus.DELIVERED):
        raise DomainError(
            f"A {session.status.label.lower()} session cannot be marked "
            "delivered. Schedule it first.",
            "status",
        )
    if learners_count is not None and learners_count < 0:
        raise DomainError("Learners reached cannot be negative.", "learners_count")
    changed: list[PaymentLine] = []
    for entry in entries:
        changed += record_attendance(entry, actor=actor)
    session.learners_count = learners_count
    if session.status is SessionStatus.SCHEDULED:
        sessions_service.change_status(session, SessionStatus.DELIVERED, actor=actor)
    db.session.flush()
    return changed


def record_attendance(entry: AttendanceEntry, *, actor: User | None) -> list[PaymentLine]:
    """One person's attendance, and their pay lines made to match it."""
    assignment = entry.assignment
    if assignment.offer_status is not OfferStatus.ACCEPTED:
        raise DomainError(
            f"{assignment.person.display_name} did not accept this session.", "attendance"
        )
    before = {
        "attendance": assignment.attendance.value if assignment.attendance else None,
        "attended_minutes": assignment.attended_minutes,
    }
    due = {LineKind(line.kind.value): line for line in work_out(assignment, entry)}
    assignment.attendance = entry.attendance
    assignment.attended_minutes = _minutes_attended(assignment, entry)
    after = {"attendance": entry.attendance.value, "attended_minutes": assignment.attended_minutes}
    if before != after:
        audit.record("assignment.attendance", assignment, actor=actor, before=before, after=after)
    return [
        line
        for kind in PAY_KINDS
        if (line := _settle(assignment, kind, due.get(kind), actor)) is not None
    ]


def _minutes_attended(assignment: Assignment, entry: AttendanceEntry) -> int:
    if entry.attendance is Attendance.ATTENDED:
        return assignment.session.duration_minutes
    if entry.attendance is Attendance.PARTIAL:
        return entry.minutes_worked or 0
    return 0


def _settle(
    assignment: Assignment, kind: LineKind, due: pay.PayLine | None, actor: User | None
) -> PaymentLine | None:
    lines = assignment_lines(assignment, kind)
    settled = sum(line.amount_pence for line in lines if line.status not in OPEN)
    minutes = sum(line.minutes for line in lines if line.status not in OPEN)
    open_line = next((line for line in lines if line.status in OPEN), None)
    owed = (due.amount_pence if due else 0) - settled
    if open_line is not None:
        if owed == 0 and (settled or due is None):
            _withdraw(open_line, actor)
            return None
        return _update(open_line, due, owed, minutes, actor)
    if owed == 0 and (lines or due is None):
        return None
    return _create(assignment, kind, due, owed, minutes, lines, actor)


def assignment_lines(assignment: Assignment, kind: LineKind) -> list[PaymentLine]:
    return list(
        db.session.scalars(
            select(PaymentLine)
            .where(PaymentLine.assignment_id == assignment.id, PaymentLine.kind == kind)
            .order_by(PaymentLine.sequence)
        )
    )


def _fill(line: PaymentLine, due: pay.PayLine | None, owed: int, settled_minutes: int) -> None:
    line.amount_pence = owed
    line.minutes = (due.minutes if due else 0) - settled_minutes
    if due is not None:
        line.rate_pence = due.rate_pence
        line.fee_basis = FeeBasis(due.fee_basis.value)
        line.method = due.method.value
    text = due.description if due else "no longer due"
    line.description = (f"Adjustment: {text}" if line.is_adjustment else text)[:200]


def _create(
    assignment: Assignment,
    kind: LineKind,
    due: pay.PayLine | None,
    owed: int,
    minutes: int,
    lines: list[PaymentLine],
    actor: User | None,
) -> PaymentLine:
    session = assignment.session
    line = PaymentLine(
        person_id=assignment.person_id,
        session_id=session.id,
        assignment_id=assignment.id,
        programme_id=session.programme_id,
        kind=kind,
        starts_at=session.starts_at,
        sequence=(lines[-1].sequence + 1) if lines else 0,
        is_adjustment=bool(lines),
        method=lines[-1].method if lines else "payroll",
        status=LineStatus.PENDING,
    )
    _fill(line, due, owed, minutes)
    db.session.add(line)
    db.session.flush()
    audit.record("payment_line.created", line, actor=actor, after=snapshot(line))
    return line


def _update(
    line: PaymentLine, due: pay.PayLine | None, owed: int, minutes: int, actor: User | None
) -> PaymentLine:
    before = snapshot(line)
    _fill(line, due, owed, minutes)
    if snapshot(line) != before:
        if line.status is LineStatus.APPROVED:  # a changed amount is approved again
            line.status = LineStatus.PENDING
            line.decided_at = line.decided_by_id = None
        db.session.flush()
        audit.record("payment_line.updated", line, actor=actor, before=before, after=snapshot(line))
    return line


def _withdraw(line: PaymentLine, actor: User | None) -> None:
    audit.record(
        "payment_line.withdrawn",
        line,
        actor=actor,
        before=snapshot(line),
        reason="No longer due after attendance changed",
    )
    db.session.delete(line)
    db.session.flush()


def snapshot(line: PaymentLine) -> dict:
    return {
        "kind": line.kind.value,
        "sequence": line.sequence,
        "amount_pence": line.amount_pence,
        "minutes": line.minutes,
        "status": line.status.value,
        "method": line.method,
        "pay_run_id": line.pay_run_id,
        "payment_reference": line.payment_reference,
        "paid_on": line.paid_on.isoformat() if line.paid_on else None,
    }


# The workflow: pending -> approved (coordinator) -> paid (finance), or rejected with a reason.


def _move(line: PaymentLine, target: LineStatus, actor: User | None, reason: str = "") -> None:
    before = snapshot(line)
    line.move_to(target)
    line.decided_by_id = actor.id if actor else None
    line.decided_at = utc_now()
    db.session.flush()
    audit.record(
        f"payment_line.{target.value}",
        line,
        actor=actor,
        before=before,
        after=snapshot(line),
        reason=reason,
    )


def approve_line(line: PaymentLine, *, actor: User | None) -> PaymentLine:
    """A coordinator agrees the line is due."""
    _move(line, LineStatus.APPROVED, actor)
    return line


def reject_line(line: PaymentLine, reason: str, *, actor: User | None) -> PaymentLine:
    """Not paying a line needs a reason, kept on the line and in the audit log."""
    if not reason.strip():
        raise DomainError("Enter the reason for rejecting this line.", "reason")
    line.rejected_reason = reason.strip()
    if line.pay_run is not None and line.pay_run.status is PayRunStatus.OPEN:
        line.pay_run = None  # it leaves a run not yet paid
    _move(line, LineStatus.REJECTED, actor, reason.strip())
    return line


def pay_line(
    line: PaymentLine, paid_on: date, payment_reference: str, *, actor: User | None
) -> PaymentLine:
    """Finance paid the line: with the date and the payment reference."""
    if not payment_reference.strip():
        raise DomainError("Enter the payment reference.", "payment_reference")
    if line.status is LineStatus.APPROVED:
        line.paid_on, line.payment_reference = paid_on, payment_reference.strip()
    _move(line, LineStatus.PAID, actor)
    return line
