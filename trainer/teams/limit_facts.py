"""Each person's earnings limits and the benefit figures, read from the database as the pure
limits (trainer/money/limits.py) take them."""

from flask import current_app
from sqlalchemy import select

from trainer.extensions import db
from trainer.models import BenefitSituation, EsaAmountRow, PaymentChoice
from trainer.money.limits import EsaAmount, PersonLimits, Situation

#: the share of a fee that counts, by payment choice (reduced: the person's percent)
NO_FEE = (PaymentChoice.DECLINED, PaymentChoice.EXPENSES_ONLY)


def esa_amounts() -> tuple[EsaAmount, ...]:
    """Every tax year's ESA permitted work figures, oldest first."""
    rows = db.session.scalars(select(EsaAmountRow).order_by(EsaAmountRow.tax_year_starts_on))
    return tuple(
        EsaAmount(row.tax_year_starts_on, row.weekly_pence, row.hours_under_minutes) for row in rows
    )


def pay_day_of_month() -> int:
    return current_app.config["PAY_DAY_OF_MONTH"]


def pay_percent(choice: PaymentChoice, reduced_percent: int | None) -> int:
    if choice in NO_FEE:
        return 0
    if choice is PaymentChoice.REDUCED:
        return reduced_percent if reduced_percent is not None else 100
    return 100


def person_limits(person) -> PersonLimits:
    """A `Person` (or a row with the same columns) as its limits."""
    situation = person.benefit_situation or BenefitSituation.NONE
    return PersonLimits(
        situation=Situation(situation.value),
        uc_period_start_day=person.uc_period_start_day,
        uc_monthly_pence=person.uc_monthly_limit_pence,
        own_minutes_per_week=person.max_minutes_per_week,
        own_pence_per_week=person.max_pence_per_week,
        own_pence_per_month=person.max_pence_per_month,
        sessions_per_week=person.max_sessions_per_week,
        pay_percent=pay_percent(person.payment_choice, person.reduced_percent),
    )
