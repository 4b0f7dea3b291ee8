"""Pay runs: approved lines in a period -> payment letters (one PDF or a ZIP) -> paid."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from trainer import audit
from trainer.clock import local_today
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.letters.pdf import merged_payment_letters
from trainer.models import (
    Assignment,
    LetterKind,
    LetterRecord,
    LineStatus,
    PaymentLine,
    PayRun,
    PayRunStatus,
    Person,
    User,
)
from trainer.payments import service
from trainer.payments.letters import run_letters, wants_easy_read
from trainer.payments.references import next_reference
from trainer.timezones import local_to_utc, local_zone

#: a line's seat and expense in queries of their own: joined in, their own joined person and
#: role made SQLite materialise every assignment and expense (0.1 s on the region data)
LINE_DETAILS = (
    selectinload(PaymentLine.expense),
    selectinload(PaymentLine.assignment).joinedload(Assignment.delivery_role),
)


def period_bounds(period_from: date, period_to: date):
    """The UTC instants of the local days from..to (inclusive)."""
    return local_to_utc(period_from, time(0)), local_to_utc(period_to + timedelta(days=1), time(0))


def approved_unbatched(period_from: date, period_to: date) -> list[PaymentLine]:
    starts, ends = period_bounds(period_from, period_to)
    return list(
        db.session.scalars(
            select(PaymentLine)
            .where(
                PaymentLine.status == LineStatus.APPROVED,
                PaymentLine.pay_run_id.is_(None),
                PaymentLine.starts_at >= starts,
                PaymentLine.starts_at < ends,
            )
            .order_by(PaymentLine.person_id, PaymentLine.starts_at, PaymentLine.id)
        )
    )


def create_pay_run(
    period_from: date, period_to: date, paid_on: date, payment_reference: str, *, actor: User | None
) -> PayRun:
    """Gather the approved lines of a period into a run, with a payment letter per person."""
    if period_to < period_from:
        raise DomainError("The period must end on or after the day it starts.", "period_to")
    lines = approved_unbatched(period_from, period_to)
    if not lines:
        raise DomainError("There are no approved lines to pay in that period.", "period_from")
    today = to_local_today()
    run = PayRun(
        reference=next_reference("run", today),
        period_from=period_from,
        period_to=period_to,
        paid_on=paid_on,
        payment_reference=payment_reference.strip(),
        created_by=actor,
    )
    db.session.add(run)
    for line in lines:
        line.pay_run = run
    for person_id in sorted({line.person_id for line in lines}):
        db.session.add(
            LetterRecord(
                reference=next_reference("payment", today),
                kind=LetterKind.PAYMENT,
                person_id=person_id,
                pay_run=run,
                issued_on=today,
                issued_by_id=actor.id if actor else None,
            )
        )
    db.session.flush()
    audit.record(
        "pay_run.created",
        run,
        actor=actor,
        after={
            "reference": run.reference,
            "lines": len(lines),
            "total_pence": sum(line.amount_pence for line in lines),
        },
    )
    return run


def to_local_today() -> date:
    return local_today(local_zone())


def mark_pay_run_paid(
    run: PayRun, paid_on: date, payment_reference: str, *, actor: User | None
) -> PayRun:
    """Finance paid every line of the run on a day, under one payment reference."""
    if run.status is PayRunStatus.PAID:
        raise DomainError("This pay run is already paid.", "paid_on")
    if not payment_reference.strip():
        raise DomainError("Enter the payment reference.", "payment_reference")
    for line in run_lines(run):
        service.pay_line(line, paid_on, payment_reference, actor=actor)
    run.status, run.paid_on = PayRunStatus.PAID, paid_on
    run.payment_reference = payment_reference.strip()
    db.session.flush()
    audit.record(
        "pay_run.paid",
        run,
        actor=actor,
        after={"paid_on": paid_on.isoformat(), "payment_reference": run.payment_reference},
    )
    return run


def run_lines(run: PayRun, person_id: int | None = None) -> list[PaymentLine]:
    query = (
        select(PaymentLine)
        .where(PaymentLine.pay_run_id == run.id)
        .options(joinedload(PaymentLine.programme), *LINE_DETAILS)
        .order_by(PaymentLine.person_id, PaymentLine.starts_at, PaymentLine.id)
    )
    if person_id is not None:
        query = query.where(PaymentLine.person_id == person_id)
    return list(db.session.scalars(query).unique())


def run_records(run: PayRun, person_id: int | None = None) -> list[LetterRecord]:
    query = (
        select(LetterRecord)
        .where(LetterRecord.pay_run_id == run.id)
        .options(joinedload(LetterRecord.person).selectinload(Person.delivery_roles))
        .order_by(LetterRecord.reference)
    )
    if person_id is not None:
        query = query.where(LetterRecord.person_id == person_id)
    return list(db.session.scalars(query).unique())


def _easy_read_for(records: list[LetterRecord], force: bool | None):
    easy = {r.reference: wants_easy_read(r.person) if force is None else force for r in records}
    return lambda data: easy[data.reference]


def write_run_pdf(run: PayRun, out: BinaryIO, *, easy_read: bool | None = None) -> int:
    """One PDF, a payment letter per person; returns the page count."""
    records = run_records(run)
    letters = run_letters(run, records, run_lines(run))
    return merged_payment_letters(
        letters,
        out,
        easy_read_for=_easy_read_for(records, easy_read),
        title=f"Payment letters, pay run {run.reference}",
    )
