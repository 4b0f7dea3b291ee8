"""What a coordinator does about a problem: keep the person, with a reason (an override,
audited and shown on the session like one made at booking), or take them off the team so
the seat can be offered to someone else. Services flush; the view commits."""

from __future__ import annotations

from trainer import audit
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.models import Assignment, Problem, Resolution, SessionStatus, User
from trainer.offers import service as offers
from trainer.problems.recheck import open_problems, resolve

LIVE = (SessionStatus.DRAFT, SessionStatus.SCHEDULED)


def seat_problems(assignment: Assignment) -> list[Problem]:
    """The seat's open problems, or a DomainError when it has none to act on."""
    session = assignment.session
    if session.status not in LIVE or session.ends_at <= utc_now():
        raise DomainError("This session is over or closed, so its team cannot change.")
    problems = open_problems([assignment.id])[assignment.id]
    if not problems:
        raise DomainError(
            f"{assignment.person.full_name}'s seat has no problem now. Nothing changed."
        )
    return problems


def keep_seat(assignment: Assignment, reason: str, *, actor: User | None) -> list[Problem]:
    """Keep the person in the seat although the rules say no: an override with a reason."""
    problems = seat_problems(assignment)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Enter why the person keeps the seat.", "reason")
    for problem in problems:
        resolve(problem, Resolution.KEPT, note=reason, actor=actor)
    before = offers.snapshot(assignment)
    assignment.override_reason = reason
    audit.record(
        "assignment.overridden",
        assignment,
        actor=actor,
        before=before,
        after={
            "rules": [p.rule for p in problems],
            "messages": [p.message for p in problems],
            "kept": True,
        },
        reason=reason,
    )
    return problems


def take_off(assignment: Assignment, *, actor: User | None) -> list[Problem]:
    """Take the person off the team because of the problems; their seat is empty again."""
    problems = seat_problems(assignment)
    for problem in problems:
        resolve(problem, Resolution.TAKEN_OFF, note="Taken off the team", actor=actor)
    broken = "; ".join(problem.message for problem in problems)
    offers.withdraw_offer(assignment, actor=actor, reason=f"Taken off: {broken}")
    return problems
