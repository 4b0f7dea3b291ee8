"""What team building knows beyond people and sessions: the travel buffer, do-not-pair
marks, who has delivered together, recent workloads, names and who said no."""

from collections.abc import Collection, Iterable
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased

from trainer.extensions import db
from trainer.models import (
    Assignment,
    DeliveryRole,
    DoNotPair,
    OfferStatus,
    Person,
    SessionStatus,
    TrainingSession,
)
from trainer.teams.facts import PersonFacts, SchedulingContext
from trainer.teams.limit_facts import esa_amounts, pay_day_of_month
from trainer.teams.people_facts import HISTORY
from trainer.timezones import local_zone

HOLDING = (OfferStatus.OFFERED, OfferStatus.ACCEPTED)
#: "fair share" counts sessions this far either side of the sessions being filled
RECENT = timedelta(weeks=4)


def load_context(
    person_ids: set[int],
    roles: dict[int, DeliveryRole],
    *,
    people: Iterable[PersonFacts],
    sessions: Iterable[TrainingSession],
    recent: tuple[datetime, datetime],
    together_with: Collection[int] | None = None,
) -> SchedulingContext:
    """Travel buffer, do-not-pair marks, history, workloads and names for these people."""
    names = {p.id: p.name for p in people}
    missing = person_ids - set(names)
    if missing:
        names.update(
            (pid, name)
            for pid, name in db.session.execute(
                select(Person.id, Person.full_name).where(Person.id.in_(missing))
            )
        )
    session_ids = [s.id for s in sessions]
    return SchedulingContext(
        timezone=local_zone(),
        travel_buffer_minutes=current_app.config["TRAVEL_BUFFER_MINUTES"],
        do_not_pair=do_not_pair_marks(),
        delivered_together=delivered_together(recent[0], together_with),
        recent_sessions=recent_sessions(recent[0] - RECENT, recent[1] + RECENT),
        role_names={rid: role.name.lower() for rid, role in roles.items()},
        person_names=names,
        declined=declined(session_ids),
        shadow_role_ids=frozenset(rid for rid, role in roles.items() if role.is_shadow),
        role_stages={rid: role.needs_stage.rank for rid, role in roles.items() if role.needs_stage},
        esa_amounts=esa_amounts(),
        pay_day_of_month=pay_day_of_month(),
    )


def do_not_pair_marks() -> frozenset[frozenset[int]]:
    rows = db.session.execute(select(DoNotPair.person_id, DoNotPair.other_person_id))
    return frozenset(frozenset(pair) for pair in rows)


def delivered_together(before: datetime, with_ids: Collection[int] | None) -> dict:
    """frozenset({a, b}) -> sessions both delivered in the last year (only pairs with
    `with_ids` when given)."""
    mine, theirs = aliased(Assignment), aliased(Assignment)
    query = (
        select(mine.person_id, theirs.person_id, func.count())
        .join(
            theirs, and_(theirs.session_id == mine.session_id, theirs.person_id != mine.person_id)
        )
        .join(TrainingSession, TrainingSession.id == mine.session_id)
        .where(
            mine.offer_status == OfferStatus.ACCEPTED,
            theirs.offer_status == OfferStatus.ACCEPTED,
            TrainingSession.status == SessionStatus.DELIVERED,
            TrainingSession.starts_at >= before - HISTORY,
        )
        .group_by(mine.person_id, theirs.person_id)
    )
    if with_ids is not None:
        if not with_ids:
            return {}
        query = query.where(theirs.person_id.in_(list(with_ids)))
    else:
        query = query.where(mine.person_id < theirs.person_id)
    return {frozenset((a, b)): n for a, b, n in db.session.execute(query)}


def recent_sessions(start: datetime, end: datetime) -> dict[int, int]:
    query = (
        select(Assignment.person_id, func.count())
        .join(TrainingSession, TrainingSession.id == Assignment.session_id)
        .where(
            Assignment.offer_status.in_(HOLDING),
            TrainingSession.status != SessionStatus.CANCELLED,
            TrainingSession.starts_at >= start,
            TrainingSession.starts_at < end,
        )
        .group_by(Assignment.person_id)
    )
    return dict(db.session.execute(query).all())


def declined(session_ids: list[int]) -> frozenset[tuple[int, int]]:
    if not session_ids:
        return frozenset()
    query = select(Assignment.session_id, Assignment.person_id).where(
        Assignment.session_id.in_(session_ids), Assignment.offer_status == OfferStatus.DECLINED
    )
    return frozenset((sid, pid) for sid, pid in db.session.execute(query))
