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


def team_gaps(session: TrainingSession) -> list[str]:
    """What stops the team being ready: empty seats and offers not yet accepted."""
    seats = team_seats(session)
    empty: dict[str, int] = {}
    for seat in seats:
        if seat.is_empty:
            empty[seat.role.name] = empty.get(seat.role.name, 0) + 1
    gaps = [
        f"{n} {name.lower()} seat{'s are' if n > 1 else ' is'} empty" for name, n in empty.items()
    ]
    waiting = [
        seat.assignment.person.full_name
        for seat in seats
        if not seat.is_empty and seat.assignment.offer_status is not OfferStatus.ACCEPTED
    ]
    if waiting:
        gaps.append(
            f"{', '.join(waiting)} {'has' if len(waiting) == 1 else 'have'} not said yes yet"
        )
    if not seats:
        gaps.append("the programme has no team seats")
    return gaps
