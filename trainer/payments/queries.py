"""Reads: finance filters with totals, a person's money, letters and earnings against caps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from trainer.clock import local_today
from trainer.extensions import db
from trainer.models import (
    BenefitSituation,
    LetterRecord,
    LineKind,
    LineStatus,
    PaymentLine,
    PayRun,
    PayRunStatus,
    Person,
)
from trainer.money import earnings
from trainer.money.expenses import ExpenseKind, ExpenseLine
from trainer.payments.letters import pure_line
from trainer.payments.runs import LINE_DETAILS, period_bounds
from trainer.timezones import local_zone, to_local

OWED = (LineStatus.PENDING, LineStatus.APPROVED)


@dataclass(frozen=True)
class LineFilters:
    status: LineStatus | None = None
    period_from: date | None = None
    period_to: date | None = None
    person_id: int | None = None
    programme_id: int | None = None
    pay_run_id: int | None = None
    session_id: int | None = None


@dataclass
class StatusTotal:
    """The lines of one status: pay and expenses apart, and their sum within that status."""

    status: LineStatus
    lines: int = 0
    pay_pence: int = 0
    expenses_pence: int = 0

    @property
    def amount_pence(self) -> int:
        return self.pay_pence + self.expenses_pence


@dataclass
class Totals:
    """Totals by status (pending, approved, paid, rejected), never added across statuses:
    money waiting for approval and money rejected are different things."""

    by_status: dict[LineStatus, StatusTotal] = field(
        default_factory=lambda: {status: StatusTotal(status) for status in LineStatus}
    )

    @property
    def lines(self) -> int:
        return sum(row.lines for row in self.by_status.values())

    def of(self, status: LineStatus) -> StatusTotal:
        return self.by_status[status]

    @property
    def rows(self) -> list[StatusTotal]:
        """The statuses that have lines, in workflow order."""
        return [row for row in self.by_status.values() if row.lines]


def _lines_query(filters: LineFilters):
    query = (
        select(PaymentLine)
        .options(joinedload(PaymentLine.programme), joinedload(PaymentLine.pay_run), *LINE_DETAILS)
        .order_by(PaymentLine.starts_at, PaymentLine.person_id, PaymentLine.id)
    )
    if filters.status is not None:
        query = query.where(PaymentLine.status == filters.status)
    if filters.period_from or filters.period_to:
        starts, ends = period_bounds(
            filters.period_from or date(1900, 1, 1), filters.period_to or date(2999, 12, 30)
        )
        query = query.where(PaymentLine.starts_at >= starts, PaymentLine.starts_at < ends)
    if filters.person_id is not None:
        query = query.where(PaymentLine.person_id == filters.person_id)
    if filters.programme_id is not None:
        query = query.where(PaymentLine.programme_id == filters.programme_id)
    if filters.session_id is not None:
        query = query.where(PaymentLine.session_id == filters.session_id)
    if filters.pay_run_id is not None:
        query = query.where(PaymentLine.pay_run_id == filters.pay_run_id)
    return query


def list_lines(filters: LineFilters) -> list[PaymentLine]:
    """Pay lines matching the filters, oldest first."""
    return list(db.session.scalars(_lines_query(filters)).unique())


def totals(lines: list[PaymentLine]) -> Totals:
    """Lines counted and summed per status, pay and expenses apart."""
    found = Totals()
    for line in lines:
        row = found.of(line.status)
        row.lines += 1
        if line.kind is LineKind.EXPENSE:
            row.expenses_pence += line.amount_pence
        else:
            row.pay_pence += line.amount_pence
    return found


def person_money(
    person: Person, today: date | None = None
) -> tuple[list[PaymentLine], list[PaymentLine]]:
    """(owed_lines, paid_lines) for one person, newest first: owed is pending or approved, or
    marked paid on a day still to come; paid is paid on or before `today`."""
    today = today or local_today(local_zone())
    lines = list_lines(LineFilters(person_id=person.id))
    lines.reverse()
    paid = [line for line in lines if _paid_by(line, today)]
    owed = [line for line in lines if line.status in OWED or _paid_later(line, today)]
    return owed, paid


def _paid_by(line: PaymentLine, today: date) -> bool:
    return line.status is LineStatus.PAID and (line.paid_on is None or line.paid_on <= today)


def _paid_later(line: PaymentLine, today: date) -> bool:
    return line.status is LineStatus.PAID and line.paid_on is not None and line.paid_on > today


def list_person_letters(person: Person) -> list[LetterRecord]:
    """A person's payment and recognition letters, newest first."""
    return list(
        db.session.scalars(
            select(LetterRecord)
            .where(LetterRecord.person_id == person.id)
            .options(selectinload(LetterRecord.replaces))
            .order_by(LetterRecord.issued_on.desc(), LetterRecord.id.desc())
        )
    )


def list_pay_runs(limit: int = 50) -> list[PayRun]:
    return list(db.session.scalars(select(PayRun).order_by(PayRun.id.desc()).limit(limit)))


@dataclass(frozen=True)
class Earnings:
    weeks: list[earnings.PeriodTotal]
    months: list[earnings.PeriodTotal]
    passed: list[earnings.CapPassed]

    def flags(self, period: str) -> list[earnings.CapPassed]:
        return [p for p in self.passed if p.period == period]


def person_caps(person: Person) -> earnings.Caps:
    """The limits of their own choosing, when they chose one (benefit limits: trainer/limits)."""
    own = person.benefit_situation is BenefitSituation.OWN
    return earnings.Caps(
        person.max_sessions_per_week,
        person.max_minutes_per_week if own else None,
        person.max_pence_per_week if own else None,
        person.max_pence_per_month if own else None,
    )


def person_earnings(person: Person, *, limit: int = 8) -> Earnings:
    """Pay and hours per ISO week and calendar month (expenses apart), with caps passed."""
    lines = [
        line
        for line in list_lines(LineFilters(person_id=person.id))
        if line.status is not LineStatus.REJECTED
    ]
    fees = [pure_line(line) for line in lines if line.kind is not LineKind.EXPENSE]
    spent = [_expense(line) for line in lines if line.kind is LineKind.EXPENSE]
    zone = local_zone()
    weeks = earnings.weekly_totals(fees, spent, zone=zone)
    months = earnings.monthly_totals(fees, spent, zone=zone)
    passed = earnings.caps_passed(fees, {person.id: person_caps(person)}, zone=zone)
    return Earnings(weeks[-limit:][::-1], months[-limit:][::-1], passed)


def _expense(line: PaymentLine):
    day = line.expense.incurred_on if line.expense else line.starts_at.date()
    return ExpenseLine(line.person_id, day, ExpenseKind.OTHER, line.description, line.amount_pence)


def waiting_period() -> tuple[date, date] | None:
    """The local days of the first and last approved work no pay run holds yet, or None."""
    starts, ends = db.session.execute(
        select(func.min(PaymentLine.starts_at), func.max(PaymentLine.starts_at)).where(
            PaymentLine.status == LineStatus.APPROVED, PaymentLine.pay_run_id.is_(None)
        )
    ).one()
    if starts is None:
        return None
    return to_local(starts).date(), to_local(ends).date()


def finance_overview() -> dict:
    """What a finance user lands on: money waiting, the next pay run, recent runs."""
    approved = list_lines(LineFilters(status=LineStatus.APPROVED))
    unbatched = [line for line in approved if line.pay_run_id is None]
    pending = list_lines(LineFilters(status=LineStatus.PENDING))
    return {
        "to_pay": totals(unbatched).of(LineStatus.APPROVED),
        "pending": totals(pending).of(LineStatus.PENDING),
        "first_day": min((line.starts_at for line in unbatched), default=None),
        "last_day": max((line.starts_at for line in unbatched), default=None),
        "runs": list_pay_runs(limit=10),
        "PayRunStatus": PayRunStatus,
    }
