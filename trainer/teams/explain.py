"""Plans in words a coordinator can act on: why a seat is still empty, and which hard rules
a plan would break."""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from trainer.teams.facts import (
    Commitment,
    PersonFacts,
    Placement,
    SchedulingContext,
    SessionFacts,
    commitment_for,
    span_label,
)
from trainer.teams.pool import Pool, role_holders
from trainer.teams.rules import check_candidate


@dataclass(frozen=True, slots=True)
class EmptySeat:
    session_id: int
    role_id: int
    count: int
    explanation: str
    #: reason code -> how many of the role's people it rules out first ("free": nothing did)
    reasons: Mapping[str, int]


CODE_PHRASES = {
    "qualification": "not qualified",
    "unavailable": "on leave or unavailable",
    "availability": "outside their usual availability",
    "same_session": "already in this team",
    "overlap": "already booked",
    "travel": "too little time to travel",
    "cap_sessions_week": "at their weekly session limit",
    "cap_minutes_week": "at their weekly hours limit",
    "cap_pence_week": "over their own weekly pay limit",
    "cap_pence_month": "over their own monthly pay limit",
    "esa_hours": "at the ESA permitted work hours limit",
    "esa_pay": "over the ESA permitted work pay limit",
    "uc_pay": "over their Universal Credit pay limit",
    "access": "the venue does not meet their access needs",
    "do_not_pair": "not to be paired with this team",
    "declined": "said no to this session",
}


def explain_empty_seats(pool: Pool, placements: Sequence[Placement]) -> list[EmptySeat]:
    """For each seat left empty, why nobody of that role can take it, counted across the pool."""
    filled = Counter((p.session_id, p.role_id) for p in placements)
    booked, teams = bookings_and_teams(pool.existing, placements, pool.sessions)
    holders = role_holders(pool.people.values())
    return [
        explain_seat(
            pool,
            key,
            count - filled[key],
            holders.get(key[1], []),
            booked,
            teams.get(key[0], set()),
        )
        for key, count in pool.open_seats.items()
        if count > filled[key]
    ]


def bookings_and_teams(
    existing: Mapping[int, Sequence[Commitment]],
    placements: Sequence[Placement],
    sessions: Mapping[int, SessionFacts],
) -> tuple[dict[int, list[Commitment]], dict[int, set[int]]]:
    """Everyone's bookings and every session's team once the placements are made."""
    booked = {pid: list(bookings) for pid, bookings in existing.items()}
    teams: dict[int, set[int]] = {}
    for pid, bookings in booked.items():
        for booking in bookings:
            teams.setdefault(booking.session_id, set()).add(pid)
    for p in placements:
        booked.setdefault(p.person_id, []).append(commitment_for(sessions[p.session_id], p.role_id))
        teams.setdefault(p.session_id, set()).add(p.person_id)
    return booked, teams


def explain_seat(
    pool: Pool,
    key: tuple[int, int],
    left: int,
    holders: Sequence[PersonFacts],
    booked: Mapping[int, Sequence[Commitment]],
    team: set[int],
) -> EmptySeat:
    session, context = pool.sessions[key[0]], pool.context
    role = context.role_name(key[1])
    reasons: Counter[str] = Counter()
    for person in holders:
        evaluation = check_candidate(
            session, key[1], person, booked.get(person.id, ()), team, context
        )
        reasons[evaluation.hard[0].code if evaluation.hard else "free"] += 1
    when = f"{session.label}, {span_label(session.starts_at, session.ends_at, context.timezone)}"
    return EmptySeat(key[0], key[1], left, seat_message(role, when, left, reasons), dict(reasons))


def seat_message(role: str, when: str, left: int, reasons: Counter[str]) -> str:
    if not reasons:
        return f"Nobody holds the {role} role, so nobody can take this seat ({when})."
    parts = [
        f"{count} {CODE_PHRASES.get(code, code)}"
        for code, count in sorted(reasons.items(), key=lambda item: (-item[1], item[0]))
        if code != "free"
    ]
    if reasons["free"]:
        parts.append(f"{reasons['free']} free but not placed before the time limit")
    seats = f" ({left} seats empty)" if left > 1 else ""
    return f"No {role} is free for {when}{seats}: of {sum(reasons.values())}, {', '.join(parts)}."


def plan_problems(
    placements: Sequence[Placement],
    sessions: Iterable[SessionFacts],
    people: Iterable[PersonFacts],
    existing_commitments: Mapping[int, Sequence[Commitment]],
    context: SchedulingContext,
) -> list[str]:
    """Every hard rule a plan breaks: each placement checked against all the others."""
    by_id = {s.id: s for s in sessions}
    staff = {p.id: p for p in people}
    booked, teams = bookings_and_teams(existing_commitments, placements, by_id)
    problems = overfilled_seats(booked, by_id, context)
    for p in placements:
        others = list(booked[p.person_id])
        others.remove(commitment_for(by_id[p.session_id], p.role_id))
        evaluation = check_candidate(
            by_id[p.session_id], p.role_id, staff[p.person_id], others, teams[p.session_id], context
        )
        problems += [
            f"Session {p.session_id}, {staff[p.person_id].name}: {r.message}"
            for r in evaluation.hard
        ]
    return problems


def overfilled_seats(
    booked: Mapping[int, Sequence[Commitment]],
    sessions: Mapping[int, SessionFacts],
    context: SchedulingContext,
) -> list[str]:
    seats = Counter(
        (c.session_id, c.role_id)
        for bookings in booked.values()
        for c in bookings
        if c.session_id in sessions and c.role_id is not None
    )
    return [
        f"Too many people in session {sid}'s {context.role_name(role)} seats"
        for (sid, role), count in seats.items()
        if count > sessions[sid].seats.get(role, 0)
    ]
