"""A session's team as seats: each seat a role with its person, or empty."""

from dataclasses import dataclass

from trainer.models import Assignment, DeliveryRole, OfferStatus, TrainingSession


@dataclass(frozen=True)
class Seat:
    role: DeliveryRole
    assignment: Assignment | None

    @property
    def is_empty(self) -> bool:
        return self.assignment is None


def team_seats(session: TrainingSession) -> list[Seat]:
    """Seats in composition order; people holding a seat (offered or accepted) fill them.
    Shadows are not seats of the team (see `shadows`)."""
    holding: dict[int, list[Assignment]] = {}
    for assignment in session.assignments:
        if assignment.offer_status.holds_seat and not assignment.delivery_role.is_shadow:
            holding.setdefault(assignment.delivery_role_id, []).append(assignment)
    seats = []
    for seat in session.programme.seats:
        people = holding.pop(seat.delivery_role_id, [])
        for index in range(max(seat.count, len(people))):
            seats.append(Seat(seat.delivery_role, people[index] if index < len(people) else None))
    for assignments in holding.values():  # roles no longer in the composition
        seats += [Seat(a.delivery_role, a) for a in assignments]
    return seats


def shadows(session: TrainingSession) -> list[Assignment]:
    """Observers offered or holding a shadow seat: never part of the team's composition."""
    return [
        a for a in session.assignments if a.offer_status.holds_seat and a.delivery_role.is_shadow
    ]


def shadow_room(session: TrainingSession) -> int:
    """How many more observers the session may have."""
    return max(0, session.programme.shadow_seats - len(shadows(session)))


@dataclass(frozen=True)
class Holder:
    """Someone holding a team seat (offered or accepted), as plain values."""

    role_id: int
    role: str
    name: str
    accepted: bool


def team_gaps(session: TrainingSession) -> list[str]:
    """What stops the team being ready: empty seats and offers not yet accepted."""
    return gaps_of(
        [(s.delivery_role_id, s.delivery_role.name, s.count) for s in session.programme.seats],
        [
            Holder(
                a.delivery_role_id,
                a.delivery_role.name,
                a.person.full_name,
                a.offer_status is OfferStatus.ACCEPTED,
            )
            for a in session.assignments
            if a.offer_status.holds_seat and not a.delivery_role.is_shadow
        ],
    )


def gaps_of(composition: list[tuple[int, str, int]], holders: list[Holder]) -> list[str]:
    """What stops a team being ready, from its composition ((role id, role name, seats), in
    order) and who holds its seats (shadows left out), as `team_seats` fills them: empty
    seats by role, then who has not said yes yet."""
    by_role: dict[int, list[Holder]] = {}
    for holder in holders:
        by_role.setdefault(holder.role_id, []).append(holder)
    seats: list[tuple[str, Holder | None]] = []
    for role_id, role, count in composition:
        people = by_role.pop(role_id, [])
        seats += [
            (role, people[i] if i < len(people) else None) for i in range(max(count, len(people)))
        ]
    for people in by_role.values():  # roles no longer in the composition
        seats += [(holder.role, holder) for holder in people]
    empty: dict[str, int] = {}
    for role, holder in seats:
        if holder is None:
            empty[role] = empty.get(role, 0) + 1
    gaps = [
        f"{n} {name.lower()} seat{'s are' if n > 1 else ' is'} empty" for name, n in empty.items()
    ]
    waiting = [holder.name for _, holder in seats if holder is not None and not holder.accepted]
    if waiting:
        gaps.append(
            f"{', '.join(waiting)} {'has' if len(waiting) == 1 else 'have'} not said yes yet"
        )
    if not seats:
        gaps.append("the programme has no team seats")
    return gaps
