"""People as facts for team building: roles, qualifications, needs, limits, working times,
time off, partners, usual venues and progression, in nine queries however many people."""

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import func, select

from trainer.extensions import db
from trainer.models import (
    Assignment,
    AvailabilityWindow,
    OfferStatus,
    Person,
    PreferredPartner,
    ProgressionStep,
    SessionStatus,
    TrainingSession,
    UnavailablePeriod,
)
from trainer.models.people import person_delivery_roles, person_qualifications
from trainer.teams.facts import PersonFacts
from trainer.teams.limit_facts import person_limits

#: "usual venue" (and "delivered together") look back this far
HISTORY = timedelta(days=365)
#: a venue counts as usual after this many sessions there
USUAL_VENUE_SESSIONS = 2


def load_people(
    *,
    role_ids: Collection[int] | None,
    window: tuple[datetime, datetime],
    person_ids: Collection[int] | None = None,
    active_only: bool = True,
) -> list[PersonFacts]:
    """People (holding one of `role_ids`, or any role) as facts: nine queries."""
    chosen = select(Person.id)
    if active_only:
        chosen = chosen.where(Person.is_active.is_(True))
    if person_ids is not None:
        chosen = chosen.where(Person.id.in_(list(person_ids)))
    if role_ids is not None:
        chosen = chosen.where(
            Person.id.in_(
                select(person_delivery_roles.c.person_id).where(
                    person_delivery_roles.c.delivery_role_id.in_(list(role_ids))
                )
            )
        )
    rows = db.session.execute(
        select(
            Person.id,
            Person.full_name,
            Person.needs_step_free,
            Person.needs_hearing_loop,
            Person.needs_quiet_room,
            Person.needs_accessible_toilet,
            Person.max_sessions_per_week,
            Person.max_minutes_per_week,
            Person.max_pence_per_week,
            Person.max_pence_per_month,
            Person.benefit_situation,
            Person.uc_period_start_day,
            Person.uc_monthly_limit_pence,
            Person.payment_choice,
            Person.reduced_percent,
            Person.home_latitude,
            Person.home_longitude,
        )
        .where(Person.id.in_(chosen))
        .order_by(Person.id)
    ).all()
    roles = _pairs(
        select(person_delivery_roles.c.person_id, person_delivery_roles.c.delivery_role_id).where(
            person_delivery_roles.c.person_id.in_(chosen)
        )
    )
    courses = _pairs(
        select(person_qualifications.c.person_id, person_qualifications.c.programme_id).where(
            person_qualifications.c.person_id.in_(chosen)
        )
    )
    partners = _pairs(
        select(PreferredPartner.person_id, PreferredPartner.partner_id).where(
            PreferredPartner.person_id.in_(chosen)
        )
    )
    patterns = weekly_patterns(chosen)
    leave = unavailable(chosen, window)
    usual = usual_venues(chosen, window[0])
    stages = stages_reached(chosen)
    return [
        PersonFacts(
            id=row.id,
            name=row.full_name,
            role_ids=frozenset(roles.get(row.id, ())),
            qualified_programme_ids=frozenset(courses.get(row.id, ())),
            access_needs=frozenset(
                k
                for k, flag in (
                    ("step_free", row.needs_step_free),
                    ("hearing_loop", row.needs_hearing_loop),
                    ("quiet_room", row.needs_quiet_room),
                    ("accessible_toilet", row.needs_accessible_toilet),
                )
                if flag
            ),
            limits=person_limits(row),
            weekly_availability=patterns.get(row.id),
            unavailable=tuple(leave.get(row.id, ())),
            home_lat=row.home_latitude,
            home_lon=row.home_longitude,
            preferred_partner_ids=frozenset(partners.get(row.id, ())),
            usual_venue_ids=frozenset(usual.get(row.id, ())),
            stage=stages.get(row.id, 0),
        )
        for row in rows
    ]


def _pairs(query) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = {}
    for key, value in db.session.execute(query):
        grouped.setdefault(key, []).append(value)
    return grouped


def weekly_patterns(chosen) -> dict[int, tuple]:
    """person_id -> ((weekday, start, end), ...); people with no windows have no pattern."""
    query = (
        select(
            AvailabilityWindow.person_id,
            AvailabilityWindow.weekday,
            AvailabilityWindow.start_time,
            AvailabilityWindow.end_time,
        )
        .where(AvailabilityWindow.person_id.in_(chosen))
        .order_by(
            AvailabilityWindow.person_id, AvailabilityWindow.weekday, AvailabilityWindow.start_time
        )
    )
    patterns: dict[int, list] = {}
    for person_id, weekday, start, end in db.session.execute(query):
        patterns.setdefault(person_id, []).append((weekday, start, end))
    return {pid: tuple(windows) for pid, windows in patterns.items()}


def unavailable(chosen, window: tuple[datetime, datetime]) -> dict[int, list]:
    query = (
        select(UnavailablePeriod.person_id, UnavailablePeriod.starts_at, UnavailablePeriod.ends_at)
        .where(
            UnavailablePeriod.person_id.in_(chosen),
            UnavailablePeriod.starts_at < window[1],
            UnavailablePeriod.ends_at > window[0],
        )
        .order_by(UnavailablePeriod.person_id, UnavailablePeriod.starts_at)
    )
    periods: dict[int, list] = {}
    for person_id, start, end in db.session.execute(query):
        periods.setdefault(person_id, []).append((start, end))
    return periods


def stages_reached(chosen) -> dict[int, int]:
    """person_id -> the rank of the furthest progression stage they reached."""
    query = select(ProgressionStep.person_id, ProgressionStep.stage).where(
        ProgressionStep.person_id.in_(chosen)
    )
    reached: dict[int, int] = {}
    for person_id, stage in db.session.execute(query):
        reached[person_id] = max(reached.get(person_id, 0), stage.rank)
    return reached


def usual_venues(chosen, before: datetime) -> dict[int, list[int]]:
    """Venues where a person delivered at least twice in the last year."""
    query = (
        select(Assignment.person_id, TrainingSession.venue_id)
        .join(TrainingSession, TrainingSession.id == Assignment.session_id)
        .where(
            Assignment.person_id.in_(chosen),
            Assignment.offer_status == OfferStatus.ACCEPTED,
            TrainingSession.status == SessionStatus.DELIVERED,
            TrainingSession.venue_id.is_not(None),
            TrainingSession.starts_at >= before - HISTORY,
        )
        .group_by(Assignment.person_id, TrainingSession.venue_id)
        .having(func.count() >= USUAL_VENUE_SESSIONS)
    )
    return _pairs(query)
