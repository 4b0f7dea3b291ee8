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
from datetime import date, datetime, tzinfo
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from math import floor

from trainer.domain import DomainError
from trainer.money.rates import FeeBasis, NoRateInForce, Rate, rate_on

PersonKey = int | str


class Attendance(StrEnum):
    ATTENDED = "attended"
    PARTIAL = "partial"
    DID_NOT_ATTEND = "did_not_attend"
    CANCELLED_LATE = "cancelled_late"


class PaymentChoice(StrEnum):
    PAID_PAYROLL = "paid_payroll"
    PAID_INVOICE = "paid_invoice"
    HONORARIUM = "honorarium"
    VOUCHER = "voucher"
    REDUCED = "reduced"
    DECLINED = "declined"
    CHARITY = "charity"
    EXPENSES_ONLY = "expenses_only"


class PayMethod(StrEnum):
    PAYROLL = "payroll"
    INVOICE = "invoice"
    HONORARIUM = "honorarium"
    VOUCHER = "voucher"
    CHARITY = "charity"


class LineKind(StrEnum):
    DELIVERY = "delivery"
    PREPARATION = "preparation"
    TRAVEL_TIME = "travel_time"


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
    PaymentChoice.HONORARIUM: PayMethod.HONORARIUM,
    PaymentChoice.VOUCHER: PayMethod.VOUCHER,
    PaymentChoice.CHARITY: PayMethod.CHARITY,
}
_NO_FEE = (PaymentChoice.DECLINED, PaymentChoice.EXPENSES_ONLY)


def pence(value: Fraction | Decimal | int) -> int:
    """Round an exact amount of pence to a whole penny, halves away from zero."""
    exact = Fraction(value)
    rounded = floor(abs(exact) + Fraction(1, 2))
    return rounded if exact >= 0 else -rounded


def local_day(moment: datetime, zone: tzinfo) -> date:
    """The calendar day of an aware instant in the organisation's zone."""
    if moment.tzinfo is None:
        raise ValueError("Session times must be timezone-aware.")
    return moment.astimezone(zone).date()


def work_out_pay(
    work: SessionWork, rates: Iterable[Rate], choice: PayChoice, *, zone: tzinfo
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


def seat_pence(
    rates: Iterable[Rate],
    *,
    programme: str,
    delivery_role: str,
    starts_at: datetime,
    minutes: int,
    zone: tzinfo,
) -> int:
    """What one seat is expected to earn: the delivery (and preparation) pay for full
    attendance under the rate in force that day, whatever the person's payment choice (a
    reduced or declined fee still counts towards their caps). No rate in force gives 0, so
    a missing rate never blocks a booking. Expenses are not earnings and never count."""
    work = SessionWork(
        person=0,
        session_ref="",
        programme=programme,
        delivery_role=delivery_role,
        starts_at=starts_at,
        scheduled_minutes=max(minutes, 1),
        attendance=Attendance.ATTENDED,
    )
    try:
        lines = work_out_pay(work, rates, PayChoice(PaymentChoice.PAID_PAYROLL), zone=zone)
    except NoRateInForce:
        return 0
    return sum(line.amount_pence for line in lines)
