"""Keyword-only factories for money records (rates, lines, runs, letters); each flushes."""

from datetime import date

from trainer.extensions import db
from trainer.models import (
    Expense,
    ExpenseKind,
    FeeBasis,
    LetterKind,
    LetterRecord,
    LineKind,
    LineStatus,
    PaymentLine,
    PayRate,
    PayRun,
)


def make_rate(
    *,
    programme,
    role,
    effective_from=date(2020, 1, 1),
    effective_to=None,
    fee_basis=FeeBasis.PER_SESSION,
    delivery_pence=10_000,
    **values,
) -> PayRate:
    rate = PayRate(
        programme=programme,
        delivery_role=role,
        effective_from=effective_from,
        effective_to=effective_to,
        fee_basis=fee_basis,
        delivery_pence=delivery_pence,
        **values,
    )
    db.session.add(rate)
    db.session.flush()
    return rate


def make_money_records(*, person, session) -> dict[str, int]:
    """A pay run with one expense line and its payment letter, for permission tests."""
    run = PayRun(
        reference=f"RUN-T-{person.id}",
        period_from=date(2026, 1, 1),
        period_to=date(2026, 12, 31),
        paid_on=date(2026, 12, 31),
        payment_reference="BACS-T",
    )
    expense = Expense(
        person=person,
        session=session,
        kind=ExpenseKind.PARKING,
        incurred_on=date(2026, 12, 1),
        amount_pence=550,
        description="Car park",
    )
    line = PaymentLine(
        person_id=person.id,
        session_id=session.id,
        kind=LineKind.EXPENSE,
        expense=expense,
        starts_at=session.starts_at,
        amount_pence=550,
        method="expenses",
        description="Car park",
        status=LineStatus.PENDING,
        pay_run=run,
    )
    letter = LetterRecord(
        reference=f"PAY-T-{person.id}",
        kind=LetterKind.PAYMENT,
        person=person,
        pay_run=run,
        issued_on=date(2026, 12, 31),
    )
    db.session.add_all([run, expense, line, letter])
    db.session.flush()
    return {"run": run.id, "expense": expense.id, "line": line.id, "letter": letter.id}
