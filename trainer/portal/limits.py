"""A person's money this week (and month) beside the limit they set, in Easy Read terms:
"This week you earned £X. Your limit is £Y. You can earn £Z more this week."

Earned is pay already worked out for sessions this week (delivered ones); booked is what the
sessions they said yes to this week, not yet delivered, are expected to earn (the rate card,
as team building counts it against caps). Expenses are never earnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from trainer.clock import local_today
from trainer.models import OfferStatus, Person, SessionStatus
from trainer.money.earnings import Period, calendar_month, iso_week
from trainer.payments import queries as payments
from trainer.sessions import queries as sessions
from trainer.teams.seat_pay import SeatPay
from trainer.timezones import local_to_utc, local_zone, to_local

BOOKED = (SessionStatus.DRAFT, SessionStatus.SCHEDULED)


@dataclass(frozen=True)
class PeriodMoney:
    first_day: date
    last_day: date
    earned_pence: int
    booked_pence: int
    #: the person's own limit for the period, or None when they set none
    limit_pence: int | None

    @property
    def left_pence(self) -> int | None:
        if self.limit_pence is None:
            return None
        return max(self.limit_pence - self.earned_pence - self.booked_pence, 0)

    @property
    def over_pence(self) -> int:
        if self.limit_pence is None:
            return 0
        return max(self.earned_pence + self.booked_pence - self.limit_pence, 0)


@dataclass(frozen=True)
class Limits:
    week: PeriodMoney
    month: PeriodMoney


def limits_for(person: Person, today: date | None = None) -> Limits:
    """This week's and this month's money against the person's own limits."""
    zone = local_zone()
    today = today or local_today(zone)
    found = payments.person_earnings(person, limit=3)
    week, month = iso_week(today), calendar_month(today)
    return Limits(
        week=_period(person, week, found.weeks, person.max_pence_per_week),
        month=_period(person, month, found.months, person.max_pence_per_month),
    )


def _period(person: Person, period: Period, totals, limit: int | None) -> PeriodMoney:
    label, first, last = period
    earned = sum(t.pay_pence for t in totals if t.period == label)
    return PeriodMoney(first, last, earned, _booked(person, first, last), limit)


def _booked(person: Person, first: date, last: date) -> int:
    """Expected pay for seats said yes to in these days, in sessions not yet delivered."""
    zone = local_zone()
    pay = SeatPay(zone)
    since = local_to_utc(first, time(0), zone)
    return sum(
        pay(a.session, a.delivery_role_id)
        for a in sessions.person_sessions(person, since=since)
        if a.offer_status is OfferStatus.ACCEPTED
        and a.session.status in BOOKED
        and to_local(a.session.starts_at, zone).date() <= last
    )
