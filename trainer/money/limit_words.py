"""Plain words for limits and their breaches, with the figures: used by team building, the
person's page and the pay-run check alike, so everyone reads the same sentence."""

from __future__ import annotations

from datetime import date

from trainer.money.benefit_periods import Period, tax_year_label
from trainer.money.limits import Basis, Breach, Limit, Measure


def money(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{rest:02d}"


def hours(minutes: int) -> str:
    whole, rest = divmod(minutes, 60)
    if not whole:
        return f"{rest} min"
    return f"{whole} h {rest} min" if rest else f"{whole} h"


def day(on: date) -> str:
    return f"{on.day} {on:%b %Y}"


def period_words(limit: Limit, period: Period) -> str:
    """'the week of 2 Mar 2026', 'March 2026', 'their Universal Credit assessment period
    15 Mar 2027 to 14 Apr 2027'."""
    _, starts, ends = period
    if limit.basis is Basis.WORK_WEEK:
        return f"the week of {day(starts)}"
    if limit.basis is Basis.WORK_MONTH:
        return f"{starts:%B %Y}"
    return f"their Universal Credit assessment period {day(starts)} to {day(ends)}"


def figure(measure: Measure, value: int) -> str:
    if measure is Measure.SESSIONS:
        return f"{value} session{'' if value == 1 else 's'}"
    return hours(value) if measure is Measure.MINUTES else money(value)


def rule_words(limit: Limit, allowed: int, carried_from: date | None = None) -> str:
    """What the limit allows, and whose rule it is."""
    shown = figure(limit.measure, allowed + 1 if limit.under else allowed)
    if limit.code == "esa_hours":
        return f"ESA permitted work must stay under {shown} a week"
    if limit.code == "esa_pay":
        words = f"ESA permitted work allows up to {shown} a week"
        if carried_from is not None:
            words += f" (the {tax_year_label(carried_from)} amount: no newer one is recorded yet)"
        return words
    if limit.code == "uc_pay":
        return f"they want to keep their Universal Credit pay within {shown} a period"
    if limit.code == "cap_sessions_week":
        return f"their weekly limit is {shown}"
    if limit.code == "cap_pence_month":
        return f"their own monthly limit is {shown}"
    return f"their own weekly limit is {shown}"


VERBS = {Measure.SESSIONS: "have", Measure.MINUTES: "work", Measure.PENCE: "earn"}


def breach_words(breach: Breach, *, would: bool = False) -> str:
    """'Would earn £210.00 in the week of 2 Mar 2026; ESA permitted work allows up to
    £195.50 a week'."""
    limit = breach.limit
    verb = VERBS[limit.measure]
    if limit.basis is Basis.PAY_PERIOD:
        verb = "be paid" if would else "is paid"
    elif not would:
        verb = {"have": "has", "work": "works", "earn": "earns"}[verb]
    start = f"Would {verb}" if would else verb.capitalize()
    return (
        f"{start} {figure(limit.measure, breach.actual)} in {period_words(limit, breach.period)}; "
        f"{rule_words(limit, breach.allowed, breach.carried_from)}"
    )
