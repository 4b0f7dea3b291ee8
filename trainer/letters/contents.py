"""Plain data for letters, and the wording of money, time and dates on them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from trainer.money.earnings import PeriodTotal


@dataclass(frozen=True)
class Organisation:
    name: str
    address_lines: tuple[str, ...]
    email: str
    phone: str
    signatory_name: str
    signatory_title: str


@dataclass(frozen=True)
class Recipient:
    name: str
    address_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class LetterLine:
    """One pay line. kind: "delivery", "late_cancellation", "preparation" or "travel_time"."""

    on: date
    programme: str
    role: str
    kind: str
    minutes: int
    rate_pence: int
    amount_pence: int
    #: "hour" or "session": what rate_pence is paid for
    rate_per: str = "hour"


@dataclass(frozen=True)
class LetterExpense:
    on: date
    kind: str
    description: str
    amount_pence: int


@dataclass(frozen=True)
class WeeklyTotal:
    """Earnings in one ISO week, e.g. week="2025-W14", for benefits reporting."""

    week: str
    pay_pence: int
    minutes: int


@dataclass(frozen=True)
class PaymentLetterData:
    """method: how a fee is paid ("payroll", "invoice", "honorarium", "voucher", "charity");
    for a letter with no fee, why: "expenses_only" (they volunteer), "declined" (they take no
    fee) or "expenses" (they are paid, and this letter holds only their expenses)."""

    reference: str
    issued_on: date
    recipient: Recipient
    org: Organisation
    lines: tuple[LetterLine, ...]
    expenses: tuple[LetterExpense, ...]
    method: str
    paid_on: date
    payment_reference: str
    weekly_totals: tuple[WeeklyTotal, ...] = ()
    charity_name: str | None = None

    @property
    def pay_pence(self) -> int:
        return sum(line.amount_pence for line in self.lines)

    @property
    def expenses_pence(self) -> int:
        return sum(expense.amount_pence for expense in self.expenses)

    @property
    def total_pence(self) -> int:
        return self.pay_pence + self.expenses_pence


@dataclass(frozen=True)
class RecognitionLetterData:
    """role_wording is the person's own chosen wording, printed as given."""

    reference: str
    issued_on: date
    recipient_name: str
    role_wording: str
    programme: str
    period_from: date
    period_to: date
    sessions_delivered: int
    learners_reached: int
    minutes_given: int
    org: Organisation
    personal_message: str | None = None
    message_from: str | None = None


def money(pence: int) -> str:
    """19550 -> '£195.50'; -500 -> '-£5.00'."""
    sign = "-" if pence < 0 else ""
    pounds, pennies = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{pennies:02d}"


def long_date(day: date) -> str:
    """'6 September 2025'."""
    return f"{day.day} {day:%B %Y}"


def duration(minutes: int) -> str:
    """'1 hour', '7 hours 30 minutes', '45 minutes'."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def week_starts_on(week: str) -> date:
    """The Monday of an ISO week label such as '2025-W14'."""
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


def letter_weeks(totals: Iterable[PeriodTotal]) -> tuple[WeeklyTotal, ...]:
    """Weekly totals (from earnings.weekly_totals) for the benefits table."""
    return tuple(WeeklyTotal(t.period, t.pay_pence, t.minutes) for t in totals)
