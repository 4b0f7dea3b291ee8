"""Expense claims with optional receipts, stored outside the web root under random names."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from pathlib import Path

from flask import current_app

from trainer import audit
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import (
    Expense,
    ExpenseKind,
    LineKind,
    LineStatus,
    PaymentLine,
    Person,
    TrainingSession,
    User,
)
from trainer.money import expenses as claims
from trainer.payments.rate_card import rate_row_on
from trainer.timezones import local_to_utc

MAX_RECEIPT_BYTES = 5 * 1024 * 1024
#: what a receipt may be, told by its first bytes (never by its name or the browser's word)
MAGIC = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)


@dataclass(frozen=True)
class Receipt:
    filename: str
    content: bytes

    @classmethod
    def from_upload(cls, upload) -> Receipt | None:
        """The uploaded file read whole (the size limit is checked after), its temp file
        closed; None when nothing was chosen."""
        if not upload or not getattr(upload, "filename", ""):
            return None
        with upload.stream:  # a large upload sits in a temporary file until closed
            return cls(upload.filename, upload.read(MAX_RECEIPT_BYTES + 1))


@dataclass(frozen=True)
class ExpenseDetails:
    kind: ExpenseKind
    incurred_on: date
    description: str = ""
    amount_pence: int = 0
    miles: Decimal = Decimal(0)


def receipts_dir() -> Path:
    folder = Path(current_app.instance_path) / "receipts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def check_receipt(receipt: Receipt) -> tuple[str, str]:
    """The content type and suffix of an acceptable receipt, or a DomainError."""
    if not receipt.content:
        raise DomainError("The receipt file is empty. Choose another file.", "receipt")
    if len(receipt.content) > MAX_RECEIPT_BYTES:
        raise DomainError("The receipt must be smaller than 5MB.", "receipt")
    for magic, content_type, suffix in MAGIC:
        if receipt.content.startswith(magic):
            return content_type, suffix
    raise DomainError("The receipt must be a PDF, JPEG or PNG.", "receipt")


def claim_expense(
    person: Person,
    session: TrainingSession | None,
    details: ExpenseDetails,
    receipt: Receipt | None,
    *,
    actor: User | None,
) -> Expense:
    """A claim, paid back by a pending line of kind expense (never counted as earnings)."""
    if details.kind is ExpenseKind.MILEAGE and details.miles <= 0:
        raise DomainError("Enter the miles travelled.", "miles")
    if details.kind is not ExpenseKind.MILEAGE and details.amount_pence <= 0:
        raise DomainError("Enter the amount spent.", "amount")
    if session is not None and person.id not in {a.person_id for a in session.assignments}:
        raise DomainError("That person is not in this session's team.", "session_id")
    checked = check_receipt(receipt) if receipt else None
    expense = Expense(
        person=person,
        session=session,
        kind=details.kind,
        incurred_on=details.incurred_on,
        description=details.description,
        miles=details.miles,
        amount_pence=details.amount_pence,
        pence_per_mile=_mileage_rate(person, session),
        claimed_by_id=actor.id if actor else None,
    )
    expense.amount_pence = _reimburse(expense).amount_pence
    if checked:
        _store(expense, receipt, *checked)
    db.session.add(expense)
    db.session.flush()
    line = PaymentLine(
        person_id=person.id,
        session_id=session.id if session else None,
        expense=expense,
        kind=LineKind.EXPENSE,
        programme_id=session.programme_id if session else None,
        starts_at=local_to_utc(details.incurred_on, time(12)),
        amount_pence=expense.amount_pence,
        method="expenses",
        description=_reimburse(expense).description[:200],
        status=LineStatus.PENDING,
    )
    db.session.add(line)
    db.session.flush()
    audit.record(
        "expense.claimed",
        expense,
        actor=actor,
        after={
            "kind": expense.kind.value,
            "amount_pence": expense.amount_pence,
            "receipt": bool(expense.receipt_stored_as),
        },
    )
    return expense


def _mileage_rate(person: Person, session: TrainingSession | None) -> int:
    if session is None:
        return 45
    seat = next((a for a in session.assignments if a.person_id == person.id), None)
    row = (
        rate_row_on(session.programme_id, seat.delivery_role_id, session.starts_at.date())
        if seat
        else None
    )
    return row.pence_per_mile if row else 45


def _reimburse(expense: Expense) -> claims.ExpenseLine:
    return claims.reimburse(
        claims.ExpenseClaim(
            person=expense.person_id or 0,
            incurred_on=expense.incurred_on,
            kind=claims.ExpenseKind(expense.kind.value),
            description=expense.description,
            amount_pence=expense.amount_pence,
            miles=Decimal(expense.miles),
            pence_per_mile=expense.pence_per_mile,
        )
    )


def _store(expense: Expense, receipt: Receipt, content_type: str, suffix: str) -> None:
    name = f"{secrets.token_urlsafe(24)}{suffix}"
    (receipts_dir() / name).write_bytes(receipt.content)
    expense.receipt_filename = Path(receipt.filename or "receipt").name[:200]
    expense.receipt_stored_as = name
    expense.receipt_content_type = content_type
    expense.receipt_bytes = len(receipt.content)


def receipt_path(expense: Expense) -> Path | None:
    if not expense.receipt_stored_as:
        return None
    path = receipts_dir() / expense.receipt_stored_as
    return path if path.is_file() else None
