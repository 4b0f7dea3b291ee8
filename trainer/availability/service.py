"""A person's working times, time off, "do not pair" marks and preferred partners:
transactional changes (they flush; the view commits) and the reads their pages need."""

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import delete, or_, select

from trainer import audit, signals
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import (
    AvailabilityWindow,
    DoNotPair,
    Person,
    PreferredPartner,
    UnavailablePeriod,
    User,
)
from trainer.models.availability import WEEKDAYS
from trainer.timezones import to_local


@dataclass(frozen=True)
class Settings:
    """Everything the person page shows about when and with whom someone works."""

    windows: list[AvailabilityWindow]
    time_off: list[UnavailablePeriod]
    do_not_pair: list[tuple[Person, DoNotPair]]
    partners: list[Person]


def get_settings(person: Person, *, now: datetime | None = None) -> Settings:
    now = now or utc_now()
    windows = db.session.scalars(
        select(AvailabilityWindow)
        .where(AvailabilityWindow.person_id == person.id)
        .order_by(AvailabilityWindow.weekday, AvailabilityWindow.start_time)
    ).all()
    time_off = db.session.scalars(
        select(UnavailablePeriod)
        .where(UnavailablePeriod.person_id == person.id, UnavailablePeriod.ends_at > now)
        .order_by(UnavailablePeriod.starts_at)
    ).all()
    marks = db.session.scalars(
        select(DoNotPair).where(
            or_(DoNotPair.person_id == person.id, DoNotPair.other_person_id == person.id)
        )
    ).all()
    partners = db.session.scalars(
        select(Person)
        .join(PreferredPartner, PreferredPartner.partner_id == Person.id)
        .where(PreferredPartner.person_id == person.id)
        .order_by(Person.full_name)
    ).all()
    pairs = sorted(
        ((mark.partner_of(person), mark) for mark in marks), key=lambda pair: pair[0].full_name
    )
    return Settings(list(windows), list(time_off), pairs, list(partners))


def set_weekly_pattern(
    person: Person, windows: list[tuple[int, time, time]], *, actor: User | None
) -> None:
    """Replace the weekly pattern; no windows means they may be offered any time."""
    before = [
        [w.weekday, w.start_time.isoformat(), w.end_time.isoformat()]
        for w in get_settings(person).windows
    ]
    db.session.execute(delete(AvailabilityWindow).where(AvailabilityWindow.person_id == person.id))
    for weekday, start, end in windows:
        if not 0 <= weekday < len(WEEKDAYS):
            raise DomainError("Choose a day of the week.")
        db.session.add(
            AvailabilityWindow(person_id=person.id, weekday=weekday, start_time=start, end_time=end)
        )
    db.session.flush()
    after = [[d, s.isoformat(), e.isoformat()] for d, s, e in windows]
    audit.record(
        "person.pattern_changed",
        person,
        actor=actor,
        before={"windows": before},
        after={"windows": after},
    )
    if before != after:
        _announce(person, actor, f"{person.full_name}'s working times changed")


def add_time_off(
    person: Person, starts_at: datetime, ends_at: datetime, reason: str, *, actor: User | None
) -> UnavailablePeriod:
    """Record dates the person cannot work (leave, an appointment)."""
    if ends_at <= starts_at:
        raise DomainError("The time off must end after it starts.", "until_time")
    period = UnavailablePeriod(
        person_id=person.id, starts_at=starts_at, ends_at=ends_at, reason=reason or ""
    )
    db.session.add(period)
    db.session.flush()
    audit.record(
        "person.time_off_added",
        person,
        actor=actor,
        after={
            "period_id": period.id,
            "starts_at": starts_at.isoformat(),
            "ends_at": ends_at.isoformat(),
            "reason": period.reason,
        },
    )
    _announce(person, actor, f"Time off added for {person.full_name}: {_span(period)}")
    return period


def remove_time_off(person: Person, period_id: int | None, *, actor: User | None) -> None:
    period = db.session.get(UnavailablePeriod, period_id) if period_id else None
    if period is None or period.person_id != person.id:
        raise DomainError("That time off was already removed.")
    audit.record(
        "person.time_off_removed",
        person,
        actor=actor,
        before={
            "period_id": period.id,
            "starts_at": period.starts_at.isoformat(),
            "ends_at": period.ends_at.isoformat(),
            "reason": period.reason,
        },
    )
    change = f"Time off removed for {person.full_name}: {_span(period)}"
    db.session.delete(period)
    db.session.flush()
    _announce(person, actor, change)


def _span(period: UnavailablePeriod) -> str:
    start, end = (f"{t:%a} {t.day} {t:%b} {t:%H:%M}" for t in map(to_local, _ends(period)))
    said = f"{start} to {end}"
    return f"{said} ({period.reason})" if period.reason else said


def _ends(period: UnavailablePeriod):
    return period.starts_at, period.ends_at


def _announce(person: Person, actor: User | None, change: str) -> None:
    """Team rules read this: the person's booked seats are checked again."""
    signals.availability_changed.send(person, person=person, actor=actor, change=change)


def _pair(person: Person, other: Person) -> tuple[int, int]:
    return min(person.id, other.id), max(person.id, other.id)


def _mark(person: Person, other: Person) -> DoNotPair | None:
    low, high = _pair(person, other)
    return db.session.scalar(
        select(DoNotPair).where(DoNotPair.person_id == low, DoNotPair.other_person_id == high)
    )


def mark_do_not_pair(
    person: Person, other: Person, reason: str, *, actor: User | None
) -> DoNotPair:
    """Two people must not be in one team (a hard rule a coordinator may override)."""
    if person.id == other.id:
        raise DomainError("Choose someone else.", "other")
    if _mark(person, other) is not None:
        raise DomainError(
            f"{person.full_name} and {other.full_name} are already marked not to work together.",
            "other",
        )
    for one, two in ((person, other), (other, person)):
        if db.session.get(PreferredPartner, (one.id, two.id)) is not None:
            raise DomainError(
                f"{one.full_name} has {two.full_name} as a preferred partner. Remove that first.",
                "other",
            )
    low, high = _pair(person, other)
    mark = DoNotPair(
        person_id=low,
        other_person_id=high,
        reason=reason,
        created_by_id=actor.id if actor else None,
    )
    db.session.add(mark)
    db.session.flush()
    audit.record(
        "person.do_not_pair_marked",
        person,
        actor=actor,
        after={"other_person_id": other.id},
        reason=reason,
    )
    change = f"{person.full_name} and {other.full_name} marked not to work together"
    _announce(person, actor, change)
    _announce(other, actor, change)
    return mark


def unmark_do_not_pair(person: Person, other: Person, *, actor: User | None) -> None:
    mark = _mark(person, other)
    if mark is None:
        raise DomainError(f"{other.full_name} was not marked.")
    audit.record(
        "person.do_not_pair_removed",
        person,
        actor=actor,
        before={"other_person_id": other.id, "reason": mark.reason},
    )
    db.session.delete(mark)
    db.session.flush()
    change = f"{person.full_name} and {other.full_name} may work together again"
    _announce(person, actor, change)
    _announce(other, actor, change)


def add_partner(person: Person, other: Person, *, actor: User | None) -> None:
    """Someone the person likes to work with: ranked higher, never required."""
    if person.id == other.id:
        raise DomainError("Choose someone else.", "other")
    if db.session.get(PreferredPartner, (person.id, other.id)) is not None:
        raise DomainError(f"{other.full_name} is already a preferred partner.", "other")
    if _mark(person, other) is not None:
        raise DomainError(
            f"{person.full_name} and {other.full_name} are marked not to work "
            "together. Remove that mark first.",
            "other",
        )
    db.session.add(PreferredPartner(person_id=person.id, partner_id=other.id))
    db.session.flush()
    audit.record("person.partner_added", person, actor=actor, after={"partner_id": other.id})


def remove_partner(person: Person, other: Person, *, actor: User | None) -> None:
    link = db.session.get(PreferredPartner, (person.id, other.id))
    if link is None:
        raise DomainError(f"{other.full_name} was not a preferred partner.")
    db.session.delete(link)
    db.session.flush()
    audit.record("person.partner_removed", person, actor=actor, before={"partner_id": other.id})


def other_people(person: Person) -> list[Person]:
    """Everyone active but this person, by name, for the pair and partner lists."""
    return list(
        db.session.scalars(
            select(Person)
            .where(Person.is_active.is_(True), Person.id != person.id)
            .order_by(Person.full_name)
        )
    )
