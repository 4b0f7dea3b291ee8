"""The pay line workflow: pending -> approved (approval.py says by whom) -> paid (finance), or
rejected with a reason. Services flush; the view commits.

A line in a pay run stays in it: it is rejected only while finance has the run reopened, and
paid only with its run.
"""

from __future__ import annotations

from datetime import date

from trainer import audit
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import LineStatus, PaymentLine, PayRunStatus, User
from trainer.payments import approval


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


def in_closed_run(line: PaymentLine) -> bool:
    """In a pay run finance has not reopened: the line is settled as far as changes go."""
    return line.pay_run is not None and line.pay_run.status is not PayRunStatus.REOPENED


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
    """The line is due: approved by someone the organisation's approval route allows, never
    for their own work (nor, where two people are needed, for work they confirmed)."""
    approval.check(line, actor)
    _move(line, LineStatus.APPROVED, actor)
    return line


def reject_line(
    line: PaymentLine,
    reason: str,
    *,
    actor: User | None,
    related: PaymentLine | None = None,
) -> PaymentLine:
    """Not paying a line needs a reason, kept on the line and in the audit log; a reason that
    refers to another line of the same person's ("claimed twice") names that line."""
    if not reason.strip():
        raise DomainError("Enter the reason for rejecting this line.", "reason")
    if related is not None and (related.id == line.id or related.person_id != line.person_id):
        raise DomainError(
            f"Line {related.id} is not another line of {line.person.full_name}'s. Enter the "
            "number of the other line this one repeats, or leave it empty.",
            "related_line",
        )
    if in_closed_run(line) and line.status is not LineStatus.PAID:
        raise DomainError(
            f"This line is in pay run {line.pay_run.reference}, and its letters are issued. "
            "Finance can reopen the run to correct it.",
            "reason",
        )
    line.rejected_reason = reason.strip()
    line.related_line_id = related.id if related is not None else None
    if line.pay_run is not None and line.pay_run.status is PayRunStatus.REOPENED:
        line.pay_run = None  # it leaves a run reopened for corrections
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
