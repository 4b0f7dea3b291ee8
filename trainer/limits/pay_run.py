"""Before a pay run: would its pay day push anyone over a limit in a period?

Universal Credit counts pay in the assessment period in which it is received, so the run's
payment date decides which period its lines land in. Warnings carry the figures; finance
can go ahead with a reason, which is kept in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trainer import audit
from trainer.forms import BaseForm
from trainer.limits.forms import GoAheadForm
from trainer.limits.projection import line_earning, line_earnings, seat_earnings
from trainer.models import LineKind, PaymentLine, PayRun, User
from trainer.money.limit_words import breach_words, figure
from trainer.money.limits import breaches, period_of, totals
from trainer.teams.limit_facts import esa_amounts, pay_day_of_month, person_limits


@dataclass(frozen=True)
class RunWarning:
    person_id: int
    person_name: str
    #: 'Would be paid £450.00 in their Universal Credit assessment period …; …'
    message: str
    #: what this run adds in that period, and the rest of the total
    from_run: str
    from_others: str


def run_warnings(lines: list[PaymentLine], paid_on: date) -> list[RunWarning]:
    """Every limit the run's people would pass in a period the run pays into."""
    people = {line.person_id: line.person for line in lines}
    limits = {pid: person_limits(person) for pid, person in people.items()}
    limits = {pid: found for pid, found in limits.items() if found.limits()}
    if not limits:
        return []
    pay_day = pay_day_of_month()
    mine = [
        line_earning(line, pay_day, paid_on=paid_on)
        for line in lines
        if line.person_id in limits and line.kind is not LineKind.EXPENSE
    ]
    taken = {line.id for line in lines}
    others = line_earnings(limits, leave_out=taken) + seat_earnings(limits)
    touched = {
        (e.person, limit.code, period_of(limit, e, limits[e.person].uc_period_start_day))
        for e in mine
        for limit in limits[e.person].limits()
    }
    found = []
    for breach in breaches(others + mine, limits, esa_amounts()):
        if (breach.person, breach.limit.code, breach.period) not in touched:
            continue
        start_day = limits[breach.person].uc_period_start_day
        own = [e for e in mine if e.person == breach.person]
        added = totals(own, breach.limit, start_day).get(breach.period, 0)
        found.append(
            RunWarning(
                breach.person,
                people[breach.person].full_name,
                breach_words(breach, would=True),
                figure(breach.limit.measure, added),
                figure(breach.limit.measure, breach.actual - added),
            )
        )
    return sorted(found, key=lambda w: (w.person_name, w.message))


def record_go_ahead(
    run: PayRun, warnings: list[RunWarning], reason: str, *, actor: User | None
) -> None:
    """Finance went ahead although the run takes someone over a limit: why, and what."""
    audit.record(
        "pay_run.limits_accepted",
        run,
        actor=actor,
        after={
            "reason": reason,
            "warnings": [f"{w.person_name}: {w.message}" for w in warnings],
        },
    )


def confirm_limits(
    lines: list[PaymentLine], paid_on: date, go_ahead: GoAheadForm, form: BaseForm
) -> tuple[list[RunWarning], bool]:
    """(warnings, whether to make the run): with warnings, only once a reason is given.
    The first time they are shown; sent again without a reason, the reason is asked for
    (on `form`'s error summary too)."""
    warnings = run_warnings(lines, paid_on)
    if not warnings:
        return [], True
    reason = (go_ahead.reason.data or "").strip()
    if reason:
        return warnings, go_ahead.validate()
    if go_ahead.seen.data == "yes":
        message = "Say why the run should go ahead, or change its payment date"
        go_ahead.reason.errors = [message]
        form.form_errors.append(message)
    go_ahead.seen.data = "yes"
    return warnings, False
