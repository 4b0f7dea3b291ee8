"""Pure pay maths: rates, attendance and payment choices in, pay lines out.

Money is integer pence. Rounding rule: every pay line is worked out exactly (as a
Fraction: no float, no early rounding) from its rate, minutes and percentages, then
rounded ONCE to the penny with ROUND_HALF_UP (halves away from zero). Totals are sums
of rounded lines, so a letter's lines always add up to its total.

Rules worth knowing: a part session pays the delivery fee pro rata by minutes worked
(minutes worked / minutes scheduled, whether the fee is per session or per hour);
preparation is paid only when the person attended (fully or in part); a session
cancelled at short notice pays the rate's late_cancellation_percent of the full delivery
fee (100 by default) with 0 minutes worked, plus any travel time claimed; did not
attend, declined and expenses-only produce no fee lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from math import floor
from zoneinfo import ZoneInfo

from trainer.domain import DomainError

LONDON = ZoneInfo("Europe/London")
PersonKey = int | str


class FeeBasis(StrEnum):
    PER_SESSION = "per_session"
    PER_HOUR = "per_hour"


class Attendance(StrEnum):
    ATTENDED = "attended"
    PARTIAL = "partial"
    DID_NOT_ATTEND = "did_not_attend"
    CANCELLED_LATE = "cancelled_late"


class PaymentChoice(StrEnum):
    PAID_PAYROLL = "paid_payroll"
    PAID_INVOICE = "paid_invoice"
    VOUCHER = "voucher"
    REDUCED = "reduced"
    DECLINED = "declined"
    CHARITY = "charity"
    EXPENSES_ONLY = "expenses_only"


class PayMethod(StrEnum):
    PAYROLL = "payroll"
    INVOICE = "invoice"
    VOUCHER = "voucher"
    CHARITY = "charity"


class LineKind(StrEnum):
    DELIVERY = "delivery"
    PREPARATION = "preparation"
    TRAVEL_TIME = "travel_time"


class NoRateInForce(DomainError):
    """No rate (or more than one) covers the session date."""


@dataclass(frozen=True)
class Rate:
    """Pay for one delivery role on one programme, in force from..to (both inclusive)."""

    programme: str
    delivery_role: str
    effective_from: date
    effective_to: date | None = None
    fee_basis: FeeBasis = FeeBasis.PER_SESSION
    #: pence per session, or pence per hour when fee_basis is PER_HOUR
    delivery_pence: int = 0
    preparation_minutes: int = 0
    preparation_pence_per_hour: int = 0
    travel_pence_per_hour: int = 0
    #: share of the delivery fee paid when a session is cancelled at short notice
    late_cancellation_percent: int = 100

    def __post_init__(self) -> None:
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError("A rate cannot end before it starts.")

    def covers(self, day: date) -> bool:
        ends = self.effective_to
        return self.effective_from <= day and (ends is None or day <= ends)


@dataclass(frozen=True)
class PayChoice:
    """How a person chose to be paid; percent and method matter only for REDUCED."""

    kind: PaymentChoice
    percent: int = 100
    method: PayMethod = PayMethod.PAYROLL
    charity_name: str | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.percent <= 100:
            raise ValueError("A reduced fee is between 0 and 100 percent.")
        if self.kind is PaymentChoice.CHARITY and not self.charity_name:
            raise ValueError("Paying a charity needs the charity's name.")


@dataclass(frozen=True)
class SessionWork:
    """One person's part in one session, as the app recorded it."""

    person: PersonKey
    session_ref: str
    programme: str
    delivery_role: str
    starts_at: datetime
    scheduled_minutes: int
    attendance: Attendance
    minutes_worked: int | None = None
    travel_minutes: int = 0

    def __post_init__(self) -> None:
        if self.scheduled_minutes <= 0 or self.travel_minutes < 0:
            raise ValueError("A session lasts some minutes; travel minutes are not negative.")


@dataclass(frozen=True)
class PayLine:
    """One line of pay. `minutes` is time worked (0 for a late-cancelled session)."""

    person: PersonKey
    session_ref: str
    starts_at: datetime
    programme: str
    delivery_role: str
    kind: LineKind
    minutes: int
    rate_pence: int
    fee_basis: FeeBasis
    amount_pence: int
    method: PayMethod
    description: str


_METHODS = {
    PaymentChoice.PAID_PAYROLL: PayMethod.PAYROLL,
    PaymentChoice.PAID_INVOICE: PayMethod.INVOICE,
    PaymentChoice.VOUCHER: PayMethod.VOUCHER,
    PaymentChoice.CHARITY: PayMethod.CHARITY,
}
_NO_FEE = (PaymentChoice.DECLINED, PaymentChoice.EXPENSES_ONLY)


def pence(value: Fraction | Decimal | int) -> int:
    """Round an exact amount of pence to a whole penny, halves away from zero."""
    exact = Fraction(value)
    rounded = floor(abs(exact) + Fraction(1, 2))
    return rounded if exact >= 0 else -rounded


def local_day(moment: datetime, zone: ZoneInfo = LONDON) -> date:
    """The calendar day of an aware instant in the organisation's zone."""
    if moment.tzinfo is None:
        raise ValueError("Session times must be timezone-aware.")
    return moment.astimezone(zone).date()


def rate_on(
    rates: Iterable[Rate],
    on_date: date,
    *,
    programme: str | None = None,
    delivery_role: str | None = None,
) -> Rate:
    """The one rate in force on a day (optionally for a programme and role)."""
    found = [
        r
        for r in rates
        if r.covers(on_date)
        and programme in (None, r.programme)
        and delivery_role in (None, r.delivery_role)
    ]
    if len(found) != 1:
        problem = "No rate is" if not found else "More than one rate is"
        raise NoRateInForce(f"{problem} in force on {on_date.day} {on_date:%B %Y}.", "rate")
    return found[0]


def work_out_pay(
    work: SessionWork, rates: Iterable[Rate], choice: PayChoice, *, zone: ZoneInfo = LONDON
) -> list[PayLine]:
    """The pay lines for one person's part in one session (no lines if none are due)."""
    if choice.kind in _NO_FEE or work.attendance is Attendance.DID_NOT_ATTEND:
        return []
    rate = rate_on(
        rates,
        local_day(work.starts_at, zone),
        programme=work.programme,
        delivery_role=work.delivery_role,
    )
    percent = Fraction(choice.percent if choice.kind is PaymentChoice.REDUCED else 100)
    method = _METHODS.get(choice.kind, choice.method)
    parts = [_delivery(work, rate), _preparation(work, rate), _travel(work, rate)]
    return [
        _line(
            work,
            rate,
            kind,
            minutes,
            rate_pence,
            exact * percent / 100,
            method,
            _describe(text, choice),
        )
        for kind, minutes, rate_pence, exact, text in filter(None, parts)
    ]


_Part = tuple[LineKind, int, int, Fraction, str] | None


def _delivery(work: SessionWork, rate: Rate) -> _Part:
    full = _full_fee(work, rate)
    if work.attendance is Attendance.CANCELLED_LATE:
        share = rate.late_cancellation_percent
        text = f"Late cancellation: {share}% of the session fee"
        return (LineKind.DELIVERY, 0, rate.delivery_pence, full * share / 100, text)
    if work.attendance is Attendance.PARTIAL:
        worked = _minutes_worked(work)
        exact = full * worked / work.scheduled_minutes
        text = f"Delivery, part session ({worked} of {work.scheduled_minutes} minutes)"
        return (LineKind.DELIVERY, worked, rate.delivery_pence, exact, text)
    return (LineKind.DELIVERY, work.scheduled_minutes, rate.delivery_pence, full, "Delivery")


def _full_fee(work: SessionWork, rate: Rate) -> Fraction:
    if rate.fee_basis is FeeBasis.PER_HOUR:
        return Fraction(rate.delivery_pence * work.scheduled_minutes, 60)
    return Fraction(rate.delivery_pence)


def _minutes_worked(work: SessionWork) -> int:
    worked = work.minutes_worked
    if worked is None or not 0 <= worked <= work.scheduled_minutes:
        raise DomainError(
            "Minutes worked must be between 0 and the session length.", "minutes_worked"
        )
    return worked


def _preparation(work: SessionWork, rate: Rate) -> _Part:
    if work.attendance not in (Attendance.ATTENDED, Attendance.PARTIAL):
        return None
    minutes = rate.preparation_minutes
    if not minutes:
        return None
    exact = Fraction(rate.preparation_pence_per_hour * minutes, 60)
    return (LineKind.PREPARATION, minutes, rate.preparation_pence_per_hour, exact, "Preparation")


def _travel(work: SessionWork, rate: Rate) -> _Part:
    minutes = work.travel_minutes
    if not minutes or not rate.travel_pence_per_hour:
        return None
    exact = Fraction(rate.travel_pence_per_hour * minutes, 60)
    return (LineKind.TRAVEL_TIME, minutes, rate.travel_pence_per_hour, exact, "Travel time")


def _describe(text: str, choice: PayChoice) -> str:
    if choice.kind is PaymentChoice.REDUCED:
        return f"{text} ({choice.percent}% of the normal fee, as you chose)"
    if choice.kind is PaymentChoice.CHARITY:
        return f"{text} (paid to {choice.charity_name}, as you chose)"
    return text


def _line(
    work: SessionWork,
    rate: Rate,
    kind: LineKind,
    minutes: int,
    rate_pence: int,
    exact: Fraction,
    method: PayMethod,
    description: str,
) -> PayLine:
    basis = rate.fee_basis if kind is LineKind.DELIVERY else FeeBasis.PER_HOUR
    return PayLine(
        person=work.person,
        session_ref=work.session_ref,
        starts_at=work.starts_at,
        programme=work.programme,
        delivery_role=work.delivery_role,
        kind=kind,
        minutes=minutes,
        rate_pence=rate_pence,
        fee_basis=basis,
        amount_pence=pence(exact),
        method=method,
        description=description,
    )


# Expenses: reimbursed separately from pay and never counted as earnings.


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
