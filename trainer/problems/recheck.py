"""Problems kept in step with the rules: found when a held seat breaks one, resolved when it
holds again, when the seat is given up, or when the session closes. Services flush; the
change that caused them commits them with itself.

A break a coordinator kept with a reason (at booking, or on a problem) is not raised again
while the person holds the seat, unless what it says changes (a longer holiday, another
clash): that is a new break.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import select

from trainer import signals
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models import Assignment, Person, Problem, Resolution, User
from trainer.problems.checks import Break, check_seats, held_seats


@dataclass
class Outcome:
    found: list[Problem] = field(default_factory=list)
    resolved: list[Problem] = field(default_factory=list)


def recheck_people(person_ids: Collection[int], *, cause: str, actor: User | None) -> Outcome:
    """Every seat these people hold in sessions still to come, checked again."""
    if not person_ids:
        return Outcome()
    return recheck(held_seats(now=utc_now(), person_ids=person_ids), cause=cause, actor=actor)


def recheck_sessions(session_ids: Collection[int], *, cause: str, actor: User | None) -> Outcome:
    """Every seat held in these sessions (those still to come), checked again."""
    if not session_ids:
        return Outcome()
    return recheck(held_seats(now=utc_now(), session_ids=session_ids), cause=cause, actor=actor)


def recheck(seats: list[Assignment], *, cause: str, actor: User | None) -> Outcome:
    """Check the seats with the booking rules; record new breaks, resolve mended ones."""
    outcome = Outcome()
    if not seats:
        return outcome
    _hold_people({seat.person_id for seat in seats})
    breaks = check_seats(seats)
    open_ones = open_problems([seat.id for seat in seats])
    kept = kept_breaks(seats)
    for seat in seats:
        now_broken = {(b.code, b.message): b for b in breaks[seat.id]}
        standing = {(p.rule, p.message) for p in open_ones[seat.id]}
        for problem in open_ones[seat.id]:
            if (problem.rule, problem.message) not in now_broken:
                note = f"The rule holds again after: {cause}"
                resolve(problem, Resolution.CLEARED, note=note, actor=actor)
                outcome.resolved.append(problem)
        for key, found in now_broken.items():
            if key not in standing and (seat.id, *key) not in kept:
                outcome.found.append(_record(seat, found, cause, actor))
    db.session.flush()
    for problem in outcome.found:
        signals.problem_found.send(problem, problem=problem)
    return outcome


def _hold_people(person_ids: set[int]) -> None:
    """On PostgreSQL, hold these people's rows (in id order) so two changes never check the
    same seats at once. FOR NO KEY UPDATE: a change that has just added a row pointing at the
    person (time off, a seat) holds a key-share lock on them, which this does not wait for.
    SQLite: the change holds the database's write lock already."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(
            select(Person.id)
            .where(Person.id.in_(sorted(person_ids)))
            .order_by(Person.id)
            .with_for_update(key_share=True)
        )


def _record(seat: Assignment, found: Break, cause: str, actor: User | None) -> Problem:
    problem = Problem(
        assignment_id=seat.id,
        session_id=seat.session_id,
        person_id=seat.person_id,
        rule=found.code,
        message=found.message,
        cause=cause[:1000],
        found_at=utc_now(),
        found_by_id=actor.id if actor else None,
    )
    db.session.add(problem)
    return problem


def open_problems(assignment_ids: list[int]) -> dict[int, list[Problem]]:
    """Open problems by seat."""
    grouped: dict[int, list[Problem]] = defaultdict(list)
    query = (
        select(Problem)
        .where(Problem.assignment_id.in_(assignment_ids), Problem.resolved_at.is_(None))
        .order_by(Problem.id)
    )
    for problem in db.session.scalars(query):
        grouped[problem.assignment_id].append(problem)
    return grouped


def kept_breaks(seats: list[Assignment]) -> set[tuple[int, str, str]]:
    """(seat, rule, message) kept with a reason since the seat was last offered."""
    offered = {seat.id: seat.offered_at for seat in seats}
    query = select(Problem.assignment_id, Problem.rule, Problem.message, Problem.resolved_at).where(
        Problem.assignment_id.in_(list(offered)), Problem.resolution == Resolution.KEPT
    )
    return {
        (seat_id, rule, message)
        for seat_id, rule, message, at in db.session.execute(query)
        if offered[seat_id] is None or at >= offered[seat_id]
    }


def resolve(problem: Problem, how: Resolution, *, note: str, actor: User | None) -> None:
    """Close one problem, saying how; receivers hear of it."""
    problem.resolution, problem.resolved_at = how, utc_now()
    problem.resolved_by_id = actor.id if actor else None
    problem.resolution_note = note[:1000]
    db.session.flush()
    signals.problem_resolved.send(problem, problem=problem, actor=actor)


def close_seat(assignment: Assignment, how: Resolution, *, note: str, actor: User | None) -> int:
    """Resolve every open problem of a seat no longer held, or of a session now closed."""
    problems = open_problems([assignment.id])[assignment.id]
    for problem in problems:
        resolve(problem, how, note=note, actor=actor)
    return len(problems)


def record_kept(
    assignment: Assignment, broken: list[tuple[str, str]], reason: str, *, actor: User | None
) -> None:
    """Breaks a coordinator set aside with a reason at booking: kept from the start."""
    now = utc_now()
    for code, message in broken:
        db.session.add(
            Problem(
                assignment_id=assignment.id,
                session_id=assignment.session_id,
                person_id=assignment.person_id,
                rule=code,
                message=message,
                cause="Offered anyway when the seat was booked",
                found_at=now,
                found_by_id=actor.id if actor else None,
                resolution=Resolution.KEPT,
                resolved_at=now,
                resolved_by_id=actor.id if actor else None,
                resolution_note=reason[:1000],
            )
        )
    db.session.flush()
