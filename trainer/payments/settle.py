"""Pay lines brought into line with what is due: lines not yet settled are updated or
removed; settled lines (paid, rejected, or in a pay run whose letters stand) are never touched,
and any difference becomes a new adjustment line for a later run."""

from __future__ import annotations

from sqlalchemy import select

from trainer import audit
from trainer.extensions import db
from trainer.models import Assignment, FeeBasis, LineKind, LineStatus, PaymentLine, User
from trainer.money import pay
from trainer.payments.workflow import in_closed_run, snapshot

OPEN = (LineStatus.PENDING, LineStatus.APPROVED)


def _settled(line: PaymentLine) -> bool:
    """Paid, rejected, or in a pay run whose letters stand: never changed, only adjusted."""
    return line.status not in OPEN or in_closed_run(line)


def settle(
    assignment: Assignment, kind: LineKind, due: pay.PayLine | None, actor: User | None
) -> PaymentLine | None:
    """One kind of pay for one seat made to match what is due; the line changed or made."""
    lines = assignment_lines(assignment, kind)
    settled = sum(line.amount_pence for line in lines if _settled(line))
    minutes = sum(line.minutes for line in lines if _settled(line))
    open_line = next((line for line in lines if not _settled(line)), None)
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
