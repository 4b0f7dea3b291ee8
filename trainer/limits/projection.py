"""Each person's earnings as the benefit limits count them, read from the database.

Pay lines count on their pay day: the day they were paid, else their pay run's planned
date, else the next pay day after the work (`PAY_DAY_OF_MONTH`). Seats held in sessions not
yet delivered count at what the seat is expected to earn, after the person's payment
choice. Expense lines and rejected lines never count. The sums and rules are the pure
`trainer.money.limits`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from trainer.extensions import db
from trainer.models import (
    Assignment,
    LineKind,
    LineStatus,
    OfferStatus,
    PaymentLine,
    Person,
    SessionStatus,
    TrainingSession,
)
from trainer.money.benefit_periods import expected_pay_day
from trainer.money.limits import (
    Breach,
    Earning,
    Limit,
    Period,
    PersonLimits,
    breaches,
    most_allowed,
    share,
    totals,
)
from trainer.teams.limit_facts import esa_amounts, pay_day_of_month, person_limits
from trainer.teams.seat_pay import SeatPay
from trainer.timezones import local_zone, to_local

COUNTED = (LineStatus.PENDING, LineStatus.APPROVED, LineStatus.PAID)
HELD = (OfferStatus.OFFERED, OfferStatus.ACCEPTED)
TO_COME = (SessionStatus.DRAFT, SessionStatus.SCHEDULED)


def line_pay_day(line: PaymentLine, pay_day: int) -> date:
    """When a line is (or is expected to be) received."""
    if line.paid_on is not None:
        return line.paid_on
    if line.pay_run is not None and line.pay_run.paid_on is not None:
        return line.pay_run.paid_on
    return expected_pay_day(to_local(line.starts_at).date(), pay_day)


def line_earning(line: PaymentLine, pay_day: int, *, paid_on: date | None = None) -> Earning:
    return Earning(
        person=line.person_id,
        session_ref=str(line.session_id or f"line-{line.id}"),
        worked_on=to_local(line.starts_at).date(),
        paid_on=paid_on or line_pay_day(line, pay_day),
        pence=line.amount_pence,
        minutes=line.minutes,
        is_session=line.kind is LineKind.DELIVERY and line.minutes > 0,
    )


def line_earnings(
    person_ids: Iterable[int], *, since: datetime | None = None, leave_out: set[int] = frozenset()
) -> list[Earning]:
    """Every counted pay line of these people (work since `since`), but `leave_out`."""
    pay_day = pay_day_of_month()
    query = (
        select(PaymentLine)
        .options(joinedload(PaymentLine.pay_run))
        .where(
            PaymentLine.person_id.in_(list(person_ids)),
            PaymentLine.status.in_(COUNTED),
            PaymentLine.kind != LineKind.EXPENSE,
        )
    )
    if since is not None:
        query = query.where(PaymentLine.starts_at >= since)
    return [
        line_earning(line, pay_day)
        for line in db.session.scalars(query)
        if line.id not in leave_out
    ]


def seat_earnings(people: dict[int, PersonLimits]) -> list[Earning]:
    """Seats held in sessions still to be delivered, at what each is expected to earn."""
    zone, pay_day = local_zone(), pay_day_of_month()
    pay = SeatPay(zone)
    query = (
        select(Assignment)
        .join(TrainingSession, TrainingSession.id == Assignment.session_id)
        .options(joinedload(Assignment.session))
        .where(
            Assignment.person_id.in_(list(people)),
            Assignment.offer_status.in_(HELD),
            TrainingSession.status.in_(TO_COME),
        )
    )
    found = []
    for seat in db.session.scalars(query).unique():
        worked_on = to_local(seat.session.starts_at).date()
        found.append(
            Earning(
                person=seat.person_id,
                session_ref=str(seat.session_id),
                worked_on=worked_on,
                paid_on=expected_pay_day(worked_on, pay_day),
                pence=share(
                    pay(seat.session, seat.delivery_role_id), people[seat.person_id].pay_percent
                ),
                minutes=seat.session.duration_minutes,
            )
        )
    return found


@dataclass(frozen=True)
class PeriodRow:
    """One period of one limit, for the person's page."""

    limit: Limit
    period: Period
    actual: int
    allowed: int | None
    carried_from: date | None

    @property
    def is_over(self) -> bool:
        return self.allowed is not None and self.actual > self.allowed


@dataclass(frozen=True)
class Outlook:
    limits: PersonLimits
    rows: list[PeriodRow]
    breaches: list[Breach]


def person_outlook(person: Person, *, around: date, months: int = 3) -> Outlook:
    """Each of the person's limits period by period, from `months` before `around` to
    `months` after: paid, due and expected pay, and the seats they hold."""
    limits = person_limits(person)
    earnings = line_earnings([person.id]) + seat_earnings({person.id: limits})
    esa = esa_amounts()
    rows = []
    low, high = _shift(around, -months), _shift(around, months)
    for limit in limits.limits():
        for period, actual in totals(earnings, limit, limits.uc_period_start_day).items():
            if period[2] < low or period[1] > high:
                continue
            allowed, carried = most_allowed(limit, period, esa)
            rows.append(PeriodRow(limit, period, actual, allowed, carried))
    rows.sort(key=lambda row: (row.period[1], row.limit.code))
    found = [
        b
        for b in breaches(earnings, {person.id: limits}, esa)
        if not (b.period[2] < low or b.period[1] > high)
    ]
    return Outlook(limits, rows, found)


def _shift(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, 28))
