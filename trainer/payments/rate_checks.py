"""Checks on the rate card: seats with no rate (whoever fills them would get £0), and the
equal-pay check (an expert by experience paid below a facilitator for the same work)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from trainer.extensions import db
from trainer.models import (
    DeliveryRole,
    OfferStatus,
    Programme,
    TrainingSession,
)
from trainer.money import equal_pay
from trainer.money.rates import rate_from
from trainer.payments.rate_card import (
    Finding,
    amount_words,
    expert_roles,
    list_rates,
    programme_minutes,
    rate_row_on,
)
from trainer.timezones import to_local

#: seats that count for the £0 warning on a session: offered or taken
HELD = (OfferStatus.OFFERED, OfferStatus.ACCEPTED)


def missing_roles(programme: Programme, day: date) -> list[DeliveryRole]:
    """The programme's team roles that have no rate in force on `day`."""
    return [
        seat.delivery_role
        for seat in programme.seats
        if rate_row_on(programme.id, seat.delivery_role_id, day) is None
    ]


def session_warnings(session: TrainingSession) -> list[str]:
    """In plain words: who would get £0 for this session, because their seat has no rate."""
    day = to_local(session.starts_at).date()
    warnings = []
    for role in missing_roles(session.programme, day):
        people = [
            a.person.full_name
            for a in session.assignments
            if a.delivery_role_id == role.id and a.offer_status in HELD
        ]
        who = " and ".join(people) if people else f"Anyone in the {role.name.lower()} seat"
        warnings.append(
            f"{who} would get £0: {session.programme.name} has no pay rate for "
            f"{role.name.lower()} on {day.day} {day:%B %Y}"
        )
    return warnings


@dataclass(frozen=True)
class Gap:
    programme: Programme
    roles: list[DeliveryRole]


def rate_card_gaps(today: date) -> list[Gap]:
    """Active programmes with a team role that has no rate in force today."""
    covered = {
        (row.programme_id, row.delivery_role_id)
        for row in list_rates()
        if row.effective_from <= today and (row.effective_to is None or today <= row.effective_to)
    }
    programmes = db.session.scalars(
        select(Programme).where(Programme.is_active.is_(True)).order_by(Programme.name)
    )
    gaps = []
    for programme in programmes:
        roles = [
            seat.delivery_role
            for seat in programme.seats
            if (programme.id, seat.delivery_role_id) not in covered
        ]
        if roles:
            gaps.append(Gap(programme, roles))
    return gaps


def equal_pay_findings(today: date) -> list[Finding]:
    """Shortfalls today and on every day a rate still to come starts."""
    rows = list_rates()
    rates = [rate_from(row) for row in rows]
    days = sorted({today} | {row.effective_from for row in rows if row.effective_from > today})
    programmes = {str(p.id): p.name for p in db.session.scalars(select(Programme))}
    roles = {str(r.id): r.name for r in db.session.scalars(select(DeliveryRole))}
    found, experts, minutes = [], expert_roles(), programme_minutes()
    for day in days:
        for s in equal_pay.shortfalls(rates, experts, on=day, session_minutes=minutes):
            found.append(
                Finding(
                    programmes.get(s.programme, ""),
                    roles.get(s.expert_role, ""),
                    roles.get(s.facilitator_role, ""),
                    s.on,
                    s.words,
                    amount_words(s.expert, s.unit),
                    amount_words(s.facilitator, s.unit),
                    _reason(s),
                )
            )
    return found


def _reason(s: equal_pay.Shortfall) -> str:
    """The reason recorded on whichever of the two rates was saved with one."""
    for role in (s.expert_role, s.facilitator_role):
        row = rate_row_on(int(s.programme), int(role), s.on)
        if row is not None and row.equal_pay_reason:
            return row.equal_pay_reason
    return ""
