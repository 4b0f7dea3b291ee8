"""Expenses: reimbursed separately from pay and never counted as earnings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from trainer.money.pay import PersonKey, pence


class ExpenseKind(StrEnum):
    MILEAGE = "mileage"
    PUBLIC_TRANSPORT = "public_transport"
    PARKING = "parking"
    SUPPORT_WORKER = "support_worker"
    OTHER = "other"


@dataclass(frozen=True)
class ExpenseClaim:
    """A cost claimed back: mileage as miles x pence a mile, anything else in pence."""

    person: PersonKey
    incurred_on: date
    kind: ExpenseKind
    description: str = ""
    amount_pence: int = 0
    miles: Decimal | int = 0
    pence_per_mile: int = 45
    session_ref: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.miles, float):
            raise TypeError("Give miles as Decimal or int, never float.")


@dataclass(frozen=True)
class ExpenseLine:
    person: PersonKey
    incurred_on: date
    kind: ExpenseKind
    description: str
    amount_pence: int
    session_ref: str | None = None


def reimburse(claim: ExpenseClaim) -> ExpenseLine:
    """The amount to pay back for one claim (mileage rounded half up to the penny)."""
    amount = claim.amount_pence
    description = claim.description
    if claim.kind is ExpenseKind.MILEAGE:
        amount = pence(Fraction(claim.miles) * claim.pence_per_mile)
        description = description or f"{claim.miles} miles at {claim.pence_per_mile}p a mile"
    return ExpenseLine(
        claim.person, claim.incurred_on, claim.kind, description, amount, claim.session_ref
    )
