"""What a Jobcentre letter says about one person, read from the database."""

from __future__ import annotations

from datetime import date, time, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from trainer.extensions import db
from trainer.letters.contents import Organisation, Recipient, money
from trainer.letters.jobcentre import JobcentreLetterData, WorkDay
from trainer.models import (
    Assignment,
    DeliveryRole,
    FeeBasis,
    LineKind,
    LineStatus,
    OfferStatus,
    PaymentChoice,
    PaymentLine,
    PayRate,
    Person,
    SessionStatus,
    TrainingSession,
)
from trainer.money.limits import share
from trainer.teams.limit_facts import pay_percent
from trainer.teams.seat_pay import SeatPay
from trainer.timezones import local_to_utc, local_zone, to_local

WEEKS = 13
PAYMENT_WORDS = {
    PaymentChoice.PAID_PAYROLL: "paid through payroll, before tax and National Insurance",
    PaymentChoice.PAID_INVOICE: "paid on their invoice, as self-employed",
    PaymentChoice.VOUCHER: "paid in vouchers",
    PaymentChoice.CHARITY: "paid to a charity they chose",
    PaymentChoice.REDUCED: "paid a reduced fee, as they chose",
    PaymentChoice.DECLINED: "not paid: they chose to decline pay",
    PaymentChoice.EXPENSES_ONLY: "not paid: they volunteer, and we pay back their costs",
}


def organisation() -> Organisation:
    config = current_app.config
    return Organisation(
        config["ORG_NAME"],
        tuple(config["ORG_ADDRESS"].splitlines()),
        config["ORG_EMAIL"],
        config["ORG_PHONE"],
        config["ORG_SIGNATORY"],
        config["ORG_SIGNATORY_TITLE"],
    )


def role_words(roles: list[DeliveryRole]) -> str:
    """Never a diagnosis: 'Expert co-trainer' for lived-experience roles."""
    if any(role.is_lived_experience for role in roles):
        return "Expert co-trainer"
    return roles[0].name if roles else "Trainer"


def payment_words(person: Person) -> str:
    words = PAYMENT_WORDS[person.payment_choice]
    if person.payment_choice is PaymentChoice.REDUCED and person.reduced_percent is not None:
        words = f"paid {person.reduced_percent}% of the usual fee, as they chose"
    if person.payment_choice_made_on and person.payment_choice in (
        PaymentChoice.DECLINED,
        PaymentChoice.REDUCED,
    ):
        words += f" on {person.payment_choice_made_on.day} {person.payment_choice_made_on:%B %Y}"
    return words[0].upper() + words[1:] + "."


def rate_rows(person: Person, today: date) -> tuple[tuple[str, str], ...]:
    role_ids = [role.id for role in person.delivery_roles]
    programme_ids = [programme.id for programme in person.qualifications]
    query = (
        select(PayRate)
        .where(
            PayRate.delivery_role_id.in_(role_ids),
            PayRate.programme_id.in_(programme_ids),
            PayRate.effective_from <= today,
        )
        .options(joinedload(PayRate.programme))
        .order_by(PayRate.programme_id, PayRate.effective_from)
    )
    current: dict[int, PayRate] = {}
    for rate in db.session.scalars(query):
        if rate.effective_to is None or rate.effective_to >= today:
            current[rate.programme_id] = rate
    percent = pay_percent(person.payment_choice, person.reduced_percent)
    return tuple(
        (rate.programme.name, _rate_words(rate, percent))
        for rate in sorted(current.values(), key=lambda r: r.programme.name)
    )


def _rate_words(rate: PayRate, percent: int) -> str:
    each = "an hour" if rate.fee_basis is FeeBasis.PER_HOUR else "a session"
    return f"{money(share(rate.delivery_pence, percent))} {each}"


def work_days(person: Person, today: date) -> tuple[WorkDay, ...]:
    """Sessions worked in the last 13 weeks (pay as recorded) and booked in the next 13."""
    zone = local_zone()
    since = local_to_utc(today - timedelta(weeks=WEEKS), time(0))
    until = local_to_utc(today + timedelta(weeks=WEEKS), time(0))
    seats = db.session.scalars(
        select(Assignment)
        .join(TrainingSession, TrainingSession.id == Assignment.session_id)
        .options(joinedload(Assignment.session).joinedload(TrainingSession.programme))
        .where(
            Assignment.person_id == person.id,
            TrainingSession.starts_at >= since,
            TrainingSession.starts_at < until,
            TrainingSession.status != SessionStatus.CANCELLED,
        )
        .order_by(TrainingSession.starts_at)
    ).unique()
    paid = _line_pay(person, since)
    pay, percent = SeatPay(zone), pay_percent(person.payment_choice, person.reduced_percent)
    found = []
    for seat in seats:
        session = seat.session
        delivered = session.status is SessionStatus.DELIVERED
        if delivered and seat.session_id in paid:
            pence, minutes = paid[seat.session_id]
            found.append(WorkDay(_day(session), session.programme.name, minutes, pence))
        elif not delivered and seat.offer_status is OfferStatus.ACCEPTED:
            pence = share(pay(session, seat.delivery_role_id), percent)
            found.append(
                WorkDay(
                    _day(session), session.programme.name, session.duration_minutes, pence, True
                )
            )
    return tuple(found)


def _line_pay(person: Person, since) -> dict[int, tuple[int, int]]:
    """session id -> (pay, minutes worked) from the person's counted pay lines."""
    query = select(PaymentLine).where(
        PaymentLine.person_id == person.id,
        PaymentLine.starts_at >= since,
        PaymentLine.kind != LineKind.EXPENSE,
        PaymentLine.status != LineStatus.REJECTED,
        PaymentLine.session_id.is_not(None),
    )
    found: dict[int, tuple[int, int]] = {}
    for line in db.session.scalars(query):
        pence, minutes = found.get(line.session_id, (0, 0))
        found[line.session_id] = (pence + line.amount_pence, minutes + line.minutes)
    return found


def _day(session: TrainingSession) -> date:
    return to_local(session.starts_at).date()


def letter_data(person: Person, today: date) -> JobcentreLetterData:
    return JobcentreLetterData(
        reference=f"JCL-{person.id}-{today:%Y%m%d}",
        issued_on=today,
        recipient=Recipient(person.full_name, tuple(person.postal_address.splitlines())),
        role=role_words(person.delivery_roles),
        org=organisation(),
        payment_words=payment_words(person),
        rates=rate_rows(person, today),
        work=work_days(person, today),
        weeks_back=WEEKS,
    )
