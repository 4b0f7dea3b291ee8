"""People who deliver: profiles, roles, qualifications, needs, payment choice and limits."""

from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from trainer import audit, signals
from trainer.clock import local_today
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import (
    BenefitSituation,
    DeliveryRole,
    PaymentChoice,
    Person,
    Programme,
    User,
)
from trainer.timezones import local_zone

PROFILE_FIELDS = (
    "full_name",
    "known_as",
    "email",
    "phone",
    "postal_address",
    "preferred_contact",
    "preferred_format",
    "communication_needs",
    "support_needs",
    "needs_step_free",
    "needs_hearing_loop",
    "needs_quiet_room",
    "needs_accessible_toilet",
    "supporter_name",
    "supporter_email",
    "supporter_phone",
    "supporter_gets_copies",
    "payment_choice",
    "reduced_percent",
    "charity_name",
    "payment_choice_made_on",
    "payment_choice_informed",
    "max_sessions_per_week",
    "benefit_situation",
    "uc_period_start_day",
    "uc_monthly_limit_pence",
    "max_minutes_per_week",
    "max_pence_per_week",
    "max_pence_per_month",
    "notes",
)


#: what team building's hard rules read from a person, in a coordinator's words
RULE_FIELDS = {
    "delivery_role_ids": "roles",
    "qualification_ids": "programmes they are trained for",
    "needs_step_free": "access needs",
    "needs_hearing_loop": "access needs",
    "needs_quiet_room": "access needs",
    "needs_accessible_toilet": "access needs",
    "max_sessions_per_week": "weekly session limit",
    "benefit_situation": "earnings limit",
    "uc_period_start_day": "earnings limit",
    "uc_monthly_limit_pence": "earnings limit",
    "max_minutes_per_week": "earnings limit",
    "max_pence_per_week": "earnings limit",
    "max_pence_per_month": "earnings limit",
    "payment_choice": "payment choice",
    "reduced_percent": "payment choice",
}
#: the limit fields each situation keeps; the others are emptied when it is chosen
SITUATION_FIELDS = {
    BenefitSituation.NONE: (),
    BenefitSituation.ESA: (),
    BenefitSituation.UNIVERSAL_CREDIT: ("uc_period_start_day", "uc_monthly_limit_pence"),
    BenefitSituation.OWN: ("max_minutes_per_week", "max_pence_per_week", "max_pence_per_month"),
}
LIMIT_FIELDS = tuple(name for names in SITUATION_FIELDS.values() for name in names)
#: choices that must be recorded as the person's informed choice, with its date
INFORMED_CHOICES = (PaymentChoice.DECLINED, PaymentChoice.REDUCED)


def list_people(
    *, role_id: int | None = None, include_archived: bool = False, search: str = ""
) -> list[Person]:
    query = (
        select(Person)
        .options(selectinload(Person.delivery_roles))
        .order_by(Person.is_active.desc(), Person.full_name)
    )
    if not include_archived:
        query = query.where(Person.is_active.is_(True))
    if role_id:
        query = query.where(Person.delivery_roles.any(DeliveryRole.id == role_id))
    if search:
        pattern = f"%{search.lower()}%"
        query = query.where(
            or_(
                func.lower(Person.full_name).like(pattern),
                func.lower(Person.known_as).like(pattern),
                func.lower(Person.email).like(pattern),
            )
        )
    return list(db.session.scalars(query))


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    return getattr(value, "value", value)


def _snapshot(person: Person) -> dict:
    data = {name: _plain(getattr(person, name)) for name in PROFILE_FIELDS}
    data["delivery_role_ids"] = sorted(r.id for r in person.delivery_roles)
    data["qualification_ids"] = sorted(c.id for c in person.qualifications)
    return data


def _check_limits(values: dict) -> None:
    situation = values["benefit_situation"]
    if situation is BenefitSituation.UNIVERSAL_CREDIT:
        if values["uc_period_start_day"] is None:
            raise DomainError(
                "Enter the day of the month their assessment period starts.",
                "uc_period_start_day",
            )
        if values["uc_monthly_limit_pence"] is None:
            raise DomainError(
                "Enter the most pay they want in one assessment period.",
                "uc_monthly_limit_pence",
            )
    if situation is BenefitSituation.OWN and all(
        values[name] is None for name in SITUATION_FIELDS[BenefitSituation.OWN]
    ):
        raise DomainError(
            "Enter at least one limit of their own: hours or pay in a week, or pay in a month.",
            "max_hours_per_week",
        )
    for name in LIMIT_FIELDS:
        if name not in SITUATION_FIELDS[situation]:
            values[name] = None


def _check_choice(values: dict) -> None:
    """Declined and reduced pay are the person's informed choice, recorded with its date."""
    if values["payment_choice"] not in INFORMED_CHOICES:
        return
    made_on = values["payment_choice_made_on"]
    if made_on is None:
        raise DomainError(
            "Enter the day they chose to decline or reduce their pay.", "payment_choice_made_on"
        )
    if made_on > local_today(local_zone()):
        raise DomainError("The day they chose cannot be in the future.", "payment_choice_made_on")
    if not values["payment_choice_informed"]:
        raise DomainError(
            "Confirm they know what working unpaid or for less can mean, and chose it.",
            "payment_choice_informed",
        )


def _check(values: dict, person: Person | None) -> None:
    if values["payment_choice"] is PaymentChoice.REDUCED and values["reduced_percent"] is None:
        raise DomainError("Enter the percentage of the usual fee they want.", "reduced_percent")
    if values["payment_choice"] is PaymentChoice.CHARITY and not values["charity_name"]:
        raise DomainError("Enter the name of the charity to pay.", "charity_name")
    _check_choice(values)
    _check_limits(values)
    if values["supporter_gets_copies"] and not values["supporter_email"]:
        raise DomainError(
            "Enter the supporter's email address to send them copies.", "supporter_email"
        )
    email = values["email"]
    if email:
        query = select(Person.id).where(func.lower(Person.email) == email.lower())
        existing = db.session.scalar(query)
        if existing is not None and (person is None or existing != person.id):
            raise DomainError("Someone else already has this email address.", "email")


def save_person(
    person: Person | None,
    values: dict,
    *,
    role_ids: list[int],
    programme_ids: list[int],
    actor: User | None,
) -> Person:
    """Create or update a person's profile, roles and qualifications."""
    _check(values, person)
    roles = list(db.session.scalars(select(DeliveryRole).where(DeliveryRole.id.in_(role_ids))))
    courses = list(db.session.scalars(select(Programme).where(Programme.id.in_(programme_ids))))
    if len(roles) != len(set(role_ids)) or len(courses) != len(set(programme_ids)):
        raise DomainError("Choose roles and programmes from the lists.", "delivery_roles")
    before = _snapshot(person) if person else None
    person = person or Person()
    for name in PROFILE_FIELDS:
        setattr(person, name, values[name])
    if values["payment_choice"] is not PaymentChoice.REDUCED:
        person.reduced_percent = None
    person.delivery_roles, person.qualifications = roles, courses
    db.session.add(person)
    db.session.flush()
    after = _snapshot(person)
    audit.saved("person", person, actor=actor, before=before, after=after)
    changed = list(
        dict.fromkeys(
            words for name, words in RULE_FIELDS.items() if before and before[name] != after[name]
        )
    )
    if changed:
        change = f"{person.full_name}'s {_listed(changed)} changed"
        signals.person_changed.send(person, person=person, actor=actor, change=change)
    return person


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def set_archived(person: Person, archived: bool, *, actor: User | None) -> None:
    """Archive (no new bookings) or restore a person; their history stays."""
    person.is_active = not archived
    db.session.flush()
    audit.record("person.archived" if archived else "person.restored", person, actor=actor)
