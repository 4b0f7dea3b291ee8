"""The teams of the sessions the dashboard (and the coordinators' digest) lists, read as plain
rows: each session's when, where and status; who holds its seats and what they need; each
programme's composition. Three statements and no objects to build, whatever the team sizes:
the dashboard is drawn afresh after every change anyone makes, so this is the cost coordinators
meet most."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Row, bindparam, select

from trainer.extensions import db
from trainer.models import (
    ACCESS_FEATURES,
    Assignment,
    DeliveryRole,
    OfferStatus,
    Person,
    Programme,
    TeamSeat,
    TrainingSession,
    Venue,
)
from trainer.sessions.queries import HOLDING
from trainer.sessions.seats import Holder, gaps_of

_IDS = bindparam("ids", expanding=True)
#: each session as a line shows it (`.id`, `.starts_at`, `.status`, `.programme`, `.venue`,
#: None when online), with the seats the database keeps count of
SESSIONS = (
    select(
        TrainingSession.id,
        TrainingSession.starts_at,
        TrainingSession.status,
        TrainingSession.programme_id,
        TrainingSession.seats_held,
        TrainingSession.seats_accepted,
        Programme.name.label("programme"),
        Venue.name.label("venue"),
    )
    .join(Programme, Programme.id == TrainingSession.programme_id)
    .outerjoin(Venue, Venue.id == TrainingSession.venue_id)
    .where(TrainingSession.id.in_(_IDS))
)
_NEEDS = (
    Person.support_needs,
    Person.communication_needs,
    *(getattr(Person, f"needs_{key}") for key in ACCESS_FEATURES),
)
#: who holds each seat (offered or accepted), in the order they were offered
HOLDERS = (
    select(
        Assignment.session_id,
        Assignment.person_id,
        Assignment.delivery_role_id,
        Assignment.offer_status,
        DeliveryRole.name.label("role"),
        DeliveryRole.is_shadow,
        Person.full_name,
        *_NEEDS,
    )
    .join(Person, Person.id == Assignment.person_id)
    .join(DeliveryRole, DeliveryRole.id == Assignment.delivery_role_id)
    .where(Assignment.session_id.in_(_IDS), Assignment.offer_status.in_(HOLDING))
    .order_by(Assignment.id)
)
#: every programme's team composition, in its order
COMPOSITIONS = (
    select(TeamSeat.programme_id, TeamSeat.delivery_role_id, DeliveryRole.name, TeamSeat.count)
    .join(DeliveryRole, DeliveryRole.id == TeamSeat.delivery_role_id)
    .order_by(TeamSeat.id)
)


@dataclass
class Team:
    needed: int
    accepted: int
    waiting: int
    gaps: list[str] = field(default_factory=list)
    #: (name, what they need) for everyone holding a seat with support needs
    needs: list[tuple[str, str]] = field(default_factory=list)
    #: their people's ids, for the access log
    needs_of: list[int] = field(default_factory=list)

    @property
    def empty(self) -> int:
        return max(self.needed - self.accepted - self.waiting, 0)

    @property
    def not_filled(self) -> int:
        """Seats without a yes: empty, or waiting for an answer."""
        return max(self.needed - self.accepted, 0)


def support_words(person) -> str:
    """What a person needs, in a line: their words, then the access features they need (a
    `Person` or a row with the same columns)."""
    parts = [person.support_needs, person.communication_needs]
    parts += [
        ACCESS_FEATURES[key].lower()
        for key in sorted(ACCESS_FEATURES)
        if getattr(person, f"needs_{key}")
    ]
    return "; ".join(part.strip().rstrip(".") for part in parts if part and part.strip())


def teams_of(ids: list[int]) -> dict[int, tuple[Row, Team]]:
    """These sessions, each as a row with its team."""
    if not ids:
        return {}
    sessions = db.session.execute(SESSIONS, {"ids": ids}).all()
    holders: dict[int, list[Row]] = {}
    for row in db.session.execute(HOLDERS, {"ids": ids}):
        holders.setdefault(row.session_id, []).append(row)
    compositions: dict[int, list[tuple[int, str, int]]] = {}
    for programme_id, role_id, role, count in db.session.execute(COMPOSITIONS):
        compositions.setdefault(programme_id, []).append((role_id, role, count))
    return {
        session.id: (session, _team(session, compositions, holders.get(session.id, [])))
        for session in sessions
    }


def _team(session: Row, compositions: dict, held: list[Row]) -> Team:
    composition = compositions.get(session.programme_id, [])
    with_needs = [row for row in held if support_words(row)]
    return Team(
        needed=sum(count for _, _, count in composition),
        accepted=session.seats_accepted,
        waiting=session.seats_held - session.seats_accepted,
        gaps=gaps_of(
            composition,
            [
                Holder(row.delivery_role_id, row.role, row.full_name, _accepted(row))
                for row in held
                if not row.is_shadow
            ],
        ),
        needs=[(row.full_name, support_words(row)) for row in with_needs],
        needs_of=[row.person_id for row in with_needs],
    )


def _accepted(row: Row) -> bool:
    return row.offer_status is OfferStatus.ACCEPTED
