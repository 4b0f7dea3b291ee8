"""Problems follow every change a hard rule reads: the affected held seats are checked again
in the same transaction (see trainer/signals.py for who sends what)."""

from __future__ import annotations

from trainer import signals
from trainer.clock import utc_now
from trainer.models import BenefitSituation, Resolution, SessionStatus
from trainer.problems import recheck
from trainer.problems.checks import held_seats
from trainer.teams.limit_facts import person_limits
from trainer.timezones import to_local

CLOSED = (SessionStatus.CANCELLED, SessionStatus.DELIVERED)


def subscribe() -> None:
    """Connect once; connecting again is harmless (blinker keeps one of each receiver)."""
    signals.session_details_changed.connect(_session_details_changed)
    signals.session_changed.connect(_session_changed)
    signals.seat_released.connect(_seat_released)
    signals.rules_set_aside.connect(_rules_set_aside)
    signals.answer_undone.connect(_answer_undone)
    signals.availability_changed.connect(_person_changed)
    signals.person_changed.connect(_person_changed)
    signals.venue_changed.connect(_venue_changed)
    signals.programme_team_changed.connect(_programme_team_changed)
    signals.pay_rate_added.connect(_pay_rate_added)
    signals.role_stage_changed.connect(_role_stage_changed)
    signals.esa_amount_added.connect(_esa_amount_added)


def _team(session) -> set[int]:
    return {a.person_id for a in session.assignments if a.offer_status.holds_seat}


def _session_details_changed(sender, *, session, actor, change) -> None:
    """A move can break (or mend) any seat its team holds, here or in sessions nearby."""
    recheck.recheck_people(_team(session), cause=change, actor=actor)


def _session_changed(sender, *, session, actor) -> None:
    """A session cancelled or delivered: its problems close, and its team's other seats may
    hold again (it no longer counts towards their weeks or clashes)."""
    if session.status not in CLOSED:
        return
    for assignment in session.assignments:
        recheck.close_seat(
            assignment,
            Resolution.SESSION_CLOSED,
            note=f"The session is {session.status.label.lower()}",
            actor=actor,
        )
    day = to_local(session.starts_at)
    cause = f"The session on {day:%a} {day.day} {day:%b} is {session.status.label.lower()}"
    recheck.recheck_people(_team(session), cause=cause, actor=actor)


def _seat_released(sender, *, assignment, actor) -> None:
    """Off the team: the seat's problems close; the person's other seats and the rest of the
    team (a "do not pair" mark) may hold again."""
    recheck.close_seat(
        assignment,
        Resolution.SEAT_GIVEN_UP,
        note=f"{assignment.person.full_name} is no longer in the seat",
        actor=actor,
    )
    cause = f"{assignment.person.full_name} left the team of a session"
    recheck.recheck_people({assignment.person_id}, cause=cause, actor=actor)
    recheck.recheck_sessions({assignment.session_id}, cause=cause, actor=actor)


def _answer_undone(sender, *, assignment, actor, restored) -> None:
    """A seat held again after an undo: its rules are checked again, as after a booking."""
    cause = f"{assignment.person.full_name} took back their answer"
    recheck.recheck_people({assignment.person_id}, cause=cause, actor=actor)


def _rules_set_aside(sender, *, assignment, actor, broken, reason) -> None:
    recheck.record_kept(assignment, broken, reason, actor=actor)


def _person_changed(sender, *, person, actor, change) -> None:
    recheck.recheck_people({person.id}, cause=change, actor=actor)


def _venue_changed(sender, *, venue, actor, change) -> None:
    seats = held_seats(now=utc_now(), venue_id=venue.id)
    recheck.recheck(seats, cause=change, actor=actor)


def _programme_team_changed(sender, *, programme, actor, change) -> None:
    seats = held_seats(now=utc_now(), programme_id=programme.id)
    recheck.recheck(seats, cause=change, actor=actor)


def _role_stage_changed(sender, *, role, actor, change) -> None:
    seats = [s for s in held_seats(now=utc_now()) if s.delivery_role_id == role.id]
    recheck.recheck(seats, cause=change, actor=actor)


def _pay_rate_added(sender, *, rate, actor, change) -> None:
    """Pay limits read the rates: people with a pay limit who hold seats of that programme."""
    people = {
        seat.person_id
        for seat in held_seats(now=utc_now(), programme_id=rate.programme_id)
        if person_limits(seat.person).has_pay_limit
    }
    recheck.recheck_people(people, cause=change, actor=actor)


def _esa_amount_added(sender, *, amount, actor, change) -> None:
    """ESA limits read the amounts: people on ESA permitted work who hold seats to come."""
    people = {
        seat.person_id
        for seat in held_seats(now=utc_now())
        if seat.person.benefit_situation is BenefitSituation.ESA
    }
    recheck.recheck_people(people, cause=change, actor=actor)
