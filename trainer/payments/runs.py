"""Pay runs: approved lines in a period -> payment letters (one PDF or a ZIP) -> paid."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import BinaryIO

from sqlalchemy import select, text, update
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

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
from trainer.payments import workflow
from trainer.payments.letters import (
    freeze_letter,
    letter_data,
    letter_easy_read,
    payment_letter,
)
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


def approved_unbatched(
    period_from: date, period_to: date, *, lock: bool = False
) -> list[PaymentLine]:
    """Approved lines for work in the period that no run holds yet. With `lock`, they are
    held for this transaction: a run made at the same moment waits, then finds them taken."""
    starts, ends = period_bounds(period_from, period_to)
    query = (
        select(PaymentLine)
        .where(
            PaymentLine.status == LineStatus.APPROVED,
            PaymentLine.pay_run_id.is_(None),
            PaymentLine.starts_at >= starts,
            PaymentLine.starts_at < ends,
        )
        .order_by(PaymentLine.person_id, PaymentLine.starts_at, PaymentLine.id)
    )
    if lock:
        _take_write_lock()
        query = query.with_for_update(of=PaymentLine).execution_options(populate_existing=True)
    return list(db.session.scalars(query))


def _take_write_lock() -> None:
    """SQLite has no row locks: a write now takes the database's lock before anything is
    read, so two runs never read the same lines (PostgreSQL locks the rows themselves)."""
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(text("UPDATE pay_runs SET id = id WHERE 0"))


def create_pay_run(
    period_from: date,
    period_to: date,
    paid_on: date,
    payment_reference: str,
    *,
    actor: User | None,
    today: date | None = None,
) -> PayRun:
    """Gather the approved lines of a period into a run, with a payment letter per person.

    `paid_on` is the planned payment date the letters give: never before they are dated."""
    today = today or to_local_today()
    if period_to < period_from:
        raise DomainError("The period must end on or after the day it starts.", "period_to")
    if paid_on < today:
        raise DomainError(
            "The payment date cannot be before today: the letters are dated today and say "
            "when we will pay.",
            "paid_on",
        )
    lines = approved_unbatched(period_from, period_to, lock=True)
    if not lines:
        raise DomainError(
            "There are no approved lines to pay in that period: every approved line in it is "
            "in a pay run already, or none is approved yet.",
            "period_from",
        )
    run = PayRun(
        reference=next_reference("run", today),
        period_from=period_from,
        period_to=period_to,
        paid_on=paid_on,
        payment_reference=payment_reference.strip(),
        created_by=actor,
    )
    db.session.add(run)
    db.session.flush()
    take_lines(run, lines)
    issue_letters(run, today=today, actor=actor)
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


def take_lines(run: PayRun, lines: list[PaymentLine]) -> None:
    """Put the lines in the run; only lines no run holds are taken (checked by the database
    as it writes), so a line never moves from one run to another."""
    ids = [line.id for line in lines]
    taken = db.session.execute(
        update(PaymentLine)
        .where(PaymentLine.id.in_(ids), PaymentLine.pay_run_id.is_(None))
        .values(pay_run_id=run.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if taken != len(ids):
        raise DomainError(
            "Another pay run took some of these lines at the same moment. Nothing was saved: "
            "look at the pay runs, then try again.",
            "period_from",
        )
    for line in lines:
        set_committed_value(line, "pay_run_id", run.id)
    db.session.expire(run, ["lines"])


def issue_letters(
    run: PayRun, *, today: date, actor: User | None, replacing: dict | None = None
) -> list[LetterRecord]:
    """A payment letter for each person in the run, its contents frozen as it is issued.

    `replacing` maps a person's id to the letter the new one corrects."""
    lines = run_lines(run)
    records = []
    for person_id in sorted({line.person_id for line in lines}):
        old = (replacing or {}).get(person_id)
        record = LetterRecord(
            reference=next_reference("payment", today),
            kind=LetterKind.PAYMENT,
            person_id=person_id,
            pay_run=run,
            issued_on=today,
            issued_by_id=actor.id if actor else None,
            replaces_id=old.id if old is not None else None,
        )
        db.session.add(record)
        records.append(record)
    db.session.flush()
    by_person: dict[int, list[PaymentLine]] = {}
    for line in lines:
        by_person.setdefault(line.person_id, []).append(line)
    for record in records:
        freeze_letter(record, payment_letter(record, run, by_person[record.person_id]))
    db.session.flush()
    return records


def to_local_today() -> date:
    return local_today(local_zone())


def mark_pay_run_paid(
    run: PayRun,
    paid_on: date,
    payment_reference: str,
    *,
    actor: User | None,
    today: date | None = None,
) -> PayRun:
    """Finance paid every line of the run on a day, under one payment reference."""
    if run.status is PayRunStatus.PAID:
        raise DomainError("This pay run is already paid.", "paid_on")
    if run.status is not PayRunStatus.OPEN:
        raise DomainError(
            f"This pay run is {run.status.label.lower()}. Re-issue its letters before "
            "marking it paid.",
            "paid_on",
        )
    if paid_on > (today or to_local_today()):
        raise DomainError(
            "The date paid cannot be in the future. Mark the run paid on or after the day "
            "the money is paid.",
            "paid_on",
        )
    if not payment_reference.strip():
        raise DomainError("Enter the payment reference.", "payment_reference")
    for line in run_lines(run):
        workflow.pay_line(line, paid_on, payment_reference, actor=actor)
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
        .options(
            joinedload(LetterRecord.person).selectinload(Person.delivery_roles),
            selectinload(LetterRecord.replaces),
        )
        .order_by(LetterRecord.reference)
    )
    if person_id is not None:
        query = query.where(LetterRecord.person_id == person_id)
    return list(db.session.scalars(query).unique())


def run_files_contents(run: PayRun, records: list[LetterRecord]):
    """Each letter of the run as issued, and who wanted Easy Read when it was."""
    return [letter_data(r) for r in records], {r.reference: letter_easy_read(r) for r in records}


def current_records(run: PayRun, person_id: int | None = None) -> list[LetterRecord]:
    """The run's letters that stand: not replaced by a correction, not withdrawn."""
    return [record for record in run_records(run, person_id) if record.replaced_on is None]


def write_run_pdf(run: PayRun, out: BinaryIO, *, easy_read: bool | None = None) -> int:
    """One PDF, a payment letter per person (the letters that stand); returns the page count."""
    letters, easy = run_files_contents(run, current_records(run))
    return merged_payment_letters(
        letters,
        out,
        easy_read_for=lambda data: easy[data.reference] if easy_read is None else easy_read,
        title=f"Payment letters, pay run {run.reference}",
    )
