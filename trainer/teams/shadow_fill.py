"""Shadow seats in auto-fill: after the teams are planned, a session with room for an
observer is offered to someone still learning (trained, not yet shadowed) who passes every
hard rule. Observers never take a team's seat, so the team's plan is not changed."""

from collections.abc import Mapping, Sequence

from trainer.teams.facts import (
    Commitment,
    PersonFacts,
    Placement,
    SchedulingContext,
    SessionFacts,
    commitment_for,
)
from trainer.teams.rules import check_candidate

#: the rank of "shadowed": people below it have yet to shadow a session
SHADOWED = 2


def propose_shadows(
    sessions: Sequence[SessionFacts],
    people: Sequence[PersonFacts],
    existing: Mapping[int, Sequence[Commitment]],
    placements: Sequence[Placement],
    context: SchedulingContext,
) -> list[Placement]:
    """One observer per session with room, each learner at most once, soonest sessions first;
    those trained come before those with no stage recorded, then the least busy."""
    if not context.shadow_role_ids:
        return []
    role_id = min(context.shadow_role_ids)
    by_id = {s.id: s for s in sessions}
    booked = {pid: list(bookings) for pid, bookings in existing.items()}
    teams: dict[int, set[int]] = {}
    observers: dict[int, int] = {}
    for pid, bookings in existing.items():
        for booking in bookings:
            teams.setdefault(booking.session_id, set()).add(pid)
            if booking.role_id in context.shadow_role_ids:
                observers[booking.session_id] = observers.get(booking.session_id, 0) + 1
    for placement in placements:
        if placement.session_id in by_id:
            session = by_id[placement.session_id]
            booked.setdefault(placement.person_id, []).append(
                commitment_for(session, placement.role_id)
            )
            teams.setdefault(session.id, set()).add(placement.person_id)
    learners = sorted(
        (p for p in people if p.stage < SHADOWED and p.role_ids),
        key=lambda p: (-p.stage, context.recent_sessions.get(p.id, 0), p.name, p.id),
    )
    chosen: list[Placement] = []
    placed: set[int] = set()
    for session in sorted(sessions, key=lambda s: (s.starts_at, s.id)):
        if session.shadow_seats - observers.get(session.id, 0) <= 0:
            continue
        for person in learners:
            if person.id in placed or person.id in teams.get(session.id, ()):
                continue
            evaluation = check_candidate(
                session,
                role_id,
                person,
                booked.get(person.id, ()),
                teams.get(session.id, ()),
                context,
            )
            if evaluation.eligible:
                chosen.append(Placement(session.id, role_id, person.id))
                placed.add(person.id)
                booked.setdefault(person.id, []).append(commitment_for(session, role_id))
                teams.setdefault(session.id, set()).add(person.id)
                break
    return chosen
