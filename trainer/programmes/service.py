"""Programmes (with their team composition), delivery roles and venues."""

from sqlalchemy import func, select

from trainer import audit, signals
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import DeliveryRole, Programme, TeamSeat, User, Venue

PROGRAMME_FIELDS = (
    "name",
    "description",
    "delivery_mode",
    "duration_minutes",
    "default_start_time",
    "capacity",
    "kind",
    "shadow_seats",
    "what_to_bring",
)
VENUE_FIELDS = (
    "name",
    "is_online",
    "address_line1",
    "address_line2",
    "town",
    "postcode",
    "meeting_url",
    "has_step_free",
    "has_hearing_loop",
    "has_quiet_room",
    "has_accessible_toilet",
    "arrival_instructions",
    "contact_name",
    "contact_phone",
)


#: what team building's hard rules read from a venue
FACILITIES = (
    "is_online",
    "has_step_free",
    "has_hearing_loop",
    "has_quiet_room",
    "has_accessible_toilet",
)


def list_delivery_roles(*, active_only: bool = True) -> list[DeliveryRole]:
    query = (
        select(DeliveryRole)
        .where(DeliveryRole.is_shadow.is_(False))
        .order_by(DeliveryRole.sort_order, DeliveryRole.name)
    )
    if active_only:
        query = query.where(DeliveryRole.is_active.is_(True))
    return list(db.session.scalars(query))


def list_programmes(*, include_archived: bool = False) -> list[Programme]:
    query = select(Programme).order_by(Programme.is_active.desc(), Programme.name)
    if not include_archived:
        query = query.where(Programme.is_active.is_(True))
    return list(db.session.scalars(query))


def list_venues(*, include_archived: bool = False) -> list[Venue]:
    query = select(Venue).order_by(Venue.is_active.desc(), Venue.name)
    if not include_archived:
        query = query.where(Venue.is_active.is_(True))
    return list(db.session.scalars(query))


def _snapshot(obj, fields) -> dict:
    return {name: _plain(getattr(obj, name)) for name in fields}


def _plain(value):
    if hasattr(value, "value"):
        return value.value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _check_unique_name(model, name: str, current_id: int | None) -> None:
    query = select(model.id).where(func.lower(model.name) == name.lower())
    existing = db.session.scalar(query)
    if existing is not None and existing != current_id:
        raise DomainError(f"There is already one called {name}. Choose another name.", "name")


def _set_seats(programme: Programme, seats: dict[int, int]) -> None:
    wanted = {role_id: count for role_id, count in seats.items() if count}
    if not wanted:
        raise DomainError(
            "A team needs at least one seat. Enter how many people of each role.", "team"
        )
    known = {role.id for role in list_delivery_roles(active_only=False)}
    if set(wanted) - known:
        raise DomainError("Choose delivery roles from the list.", "team")
    by_role = {seat.delivery_role_id: seat for seat in programme.seats}
    programme.seats = [
        by_role.get(role_id) or TeamSeat(delivery_role_id=role_id) for role_id in sorted(wanted)
    ]
    for seat in programme.seats:
        seat.count = wanted[seat.delivery_role_id]


def save_programme(
    programme: Programme | None, values: dict, seats: dict[int, int], *, actor: User | None
) -> Programme:
    """Create or update a programme and its team composition."""
    _check_unique_name(Programme, values["name"], programme.id if programme else None)
    before = _snapshot(programme, PROGRAMME_FIELDS) if programme else None
    team_before = _team(programme) if programme else None
    programme = programme or Programme()
    for name in PROGRAMME_FIELDS:
        setattr(programme, name, values[name])
    _set_seats(programme, seats)
    db.session.add(programme)
    db.session.flush()
    audit.saved(
        "programme",
        programme,
        actor=actor,
        before=before,
        after=_snapshot(programme, PROGRAMME_FIELDS),
    )
    if team_before is not None and team_before != _team(programme):
        signals.programme_team_changed.send(
            programme, programme=programme, actor=actor, change=f"{programme.name}'s team changed"
        )
    return programme


def _team(programme: Programme) -> dict[int, int]:
    return {seat.delivery_role_id: seat.count for seat in programme.seats}


def save_venue(venue: Venue | None, values: dict, *, actor: User | None) -> Venue:
    """Create or update a venue; an online venue needs a link, a building an address."""
    _check_unique_name(Venue, values["name"], venue.id if venue else None)
    if values["is_online"] and not values["meeting_url"]:
        raise DomainError("Enter the meeting link for an online venue.", "meeting_url")
    if not values["is_online"] and not (values["address_line1"] and values["postcode"]):
        raise DomainError("Enter the first line of the address and the postcode.", "address_line1")
    before = _snapshot(venue, VENUE_FIELDS) if venue else None
    venue = venue or Venue()
    for name in VENUE_FIELDS:
        setattr(venue, name, values[name])
    db.session.add(venue)
    db.session.flush()
    after = _snapshot(venue, VENUE_FIELDS)
    audit.saved("venue", venue, actor=actor, before=before, after=after)
    if before is not None and any(before[name] != after[name] for name in FACILITIES):
        signals.venue_changed.send(
            venue, venue=venue, actor=actor, change=f"{venue.name}'s facilities changed"
        )
    return venue


def set_archived(obj, archived: bool, *, actor: User | None) -> None:
    """Archive (hide from new bookings) or restore a programme or venue; history stays."""
    obj.is_active = not archived
    db.session.flush()
    noun = type(obj).__tablename__.rstrip("s").replace("programme", "programme")
    audit.record(f"{noun}.{'archived' if archived else 'restored'}", obj, actor=actor)
