"""Correcting a pay run before it is paid: finance reopens it on purpose, with a reason, and
re-issues its letters under new references that name the letters they replace.

Until a run is reopened its lines never leave it and never change: a later change to the work
they pay for becomes an adjustment line for a later run (see `service.py`).
"""

from __future__ import annotations

from datetime import date

from trainer import audit
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import LineStatus, PayRun, PayRunStatus, User
from trainer.payments.runs import current_records, issue_letters, run_lines, to_local_today


def reopen_pay_run(run: PayRun, reason: str, *, actor: User | None) -> PayRun:
    """Open a run not yet paid for corrections; its letters stand until it is re-issued."""
    if run.status is PayRunStatus.PAID:
        raise DomainError(
            "A paid run is never changed. Corrections go in a later run as adjustments.",
            "reason",
        )
    if run.status is not PayRunStatus.OPEN:
        raise DomainError(f"This pay run is {run.status.label.lower()} already.", "reason")
    if not reason.strip():
        raise DomainError("Enter why the pay run is reopened.", "reason")
    run.status, run.reopened_reason = PayRunStatus.REOPENED, reason.strip()
    db.session.flush()
    audit.record(
        "pay_run.reopened",
        run,
        actor=actor,
        before={"status": PayRunStatus.OPEN.value},
        after={"status": run.status.value},
        reason=run.reopened_reason,
    )
    return run


def reissue_pay_run(
    run: PayRun, paid_on: date, *, actor: User | None, today: date | None = None
) -> PayRun:
    """Close a reopened run again: lines changed and not approved again leave it for a later
    run; its letters are replaced by new ones under new references (or withdrawn, for people
    with nothing left in it). A run with nothing left to pay is withdrawn."""
    today = today or to_local_today()
    if run.status is not PayRunStatus.REOPENED:
        raise DomainError("Only a reopened pay run has letters to re-issue.", "paid_on")
    if paid_on < today:
        raise DomainError(
            "The payment date cannot be before today: the new letters are dated today.",
            "paid_on",
        )
    lines = run_lines(run)
    left = [line for line in lines if line.status is not LineStatus.APPROVED]
    for line in left:
        line.pay_run = None
        audit.record(
            "payment_line.left_pay_run",
            line,
            actor=actor,
            before={"pay_run_id": run.id},
            after={"pay_run_id": None, "status": line.status.value},
            reason="Changed while the run was reopened; waits for approval and a later run",
        )
    old = current_records(run)
    for record in old:
        record.replaced_on = today
    db.session.flush()
    before = {"letters": [record.reference for record in old], "lines": len(lines)}
    if len(left) == len(lines):
        run.status = PayRunStatus.WITHDRAWN
        db.session.flush()
        audit.record("pay_run.withdrawn", run, actor=actor, before=before, after={"lines": 0})
        return run
    run.status, run.paid_on = PayRunStatus.OPEN, paid_on
    new = issue_letters(
        run, today=today, actor=actor, replacing={record.person_id: record for record in old}
    )
    audit.record(
        "pay_run.reissued",
        run,
        actor=actor,
        before=before,
        after={
            "letters": [record.reference for record in new],
            "lines": len(lines) - len(left),
            "paid_on": paid_on.isoformat(),
        },
    )
    return run
