"""Attendance, and the pay lines it makes. Services flush; the view commits.

Attendance is recorded once a session has started; the session is marked delivered, and pay
worked out, only once it has ended. Marking it delivered (or editing its attendance) works each
person's pay out again with the pure core and brings their lines into line with it: lines not
yet settled are updated or removed; paid, rejected and pay-run lines are never touched, and any
difference becomes a new adjustment line for a later run. Saving the same attendance again
changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer import audit, signals
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import (
    Assignment,
    Attendance,
    LineKind,
    OfferStatus,
    PaymentLine,
    Person,
    SessionStatus,
    TrainingSession,
    User,
)
from trainer.money import pay
from trainer.money.rates import rate_from
from trainer.payments.rate_card import rates_for
from trainer.payments.settle import settle
from trainer.sessions import service as sessions_service
from trainer.timezones import local_zone, to_local

PAY_KINDS = (LineKind.DELIVERY, LineKind.PREPARATION, LineKind.TRAVEL_TIME)
#: sessions whose attendance may be recorded (a draft only once it is over: closing it)
RECORDABLE = (SessionStatus.DRAFT, SessionStatus.SCHEDULED, SessionStatus.DELIVERED)


@dataclass(frozen=True)
class AttendanceEntry:
    assignment: Assignment
    attendance: Attendance
    minutes_worked: int | None = None
    travel_minutes: int = 0


def pay_choice(person: Person) -> pay.PayChoice:
    """The person's own choice as the pure core's PayChoice."""
    kind = pay.PaymentChoice(person.payment_choice.value)
    percent = person.reduced_percent if kind is pay.PaymentChoice.REDUCED else 100
    return pay.PayChoice(
        kind, percent=100 if percent is None else percent, charity_name=person.charity_name or None
    )


def session_work(assignment: Assignment, entry: AttendanceEntry) -> pay.SessionWork:
    session = assignment.session
    return pay.SessionWork(
        person=assignment.person_id,
        session_ref=str(session.id),
        programme=str(session.programme_id),
        delivery_role=str(assignment.delivery_role_id),
        starts_at=session.starts_at,
        scheduled_minutes=session.duration_minutes,
        attendance=pay.Attendance(entry.attendance.value),
        minutes_worked=entry.minutes_worked,
        travel_minutes=entry.travel_minutes,
    )


def work_out(assignment: Assignment, entry: AttendanceEntry) -> list[pay.PayLine]:
    """The pay lines due for one person's part in a session (pure core, database rates)."""
    session = assignment.session
    rates = [rate_from(r) for r in rates_for(session.programme_id, assignment.delivery_role_id)]
    return pay.work_out_pay(
        session_work(assignment, entry), rates, pay_choice(assignment.person), zone=local_zone()
    )


def check_recordable(session: TrainingSession) -> None:
    """Attendance only once the session has started, for a session still to be closed."""
    if session.starts_at > utc_now():
        start = to_local(session.starts_at)
        raise DomainError(
            f"This session starts on {start.day} {start:%B %Y} at {start:%H:%M}. "
            "Attendance can be recorded once it has started."
        )
    ended = session.ends_at <= utc_now()
    if session.status not in RECORDABLE or (session.status is SessionStatus.DRAFT and not ended):
        raise DomainError(
            f"A {session.status.label.lower()} session cannot be marked delivered. "
            "Schedule it first.",
            "status",
        )


def why_not_recordable(session: TrainingSession) -> str | None:
    """Why attendance cannot be recorded now, or None."""
    try:
        check_recordable(session)
    except DomainError as error:
        return error.message
    return None


def save_attendance(
    session: TrainingSession,
    entries: list[AttendanceEntry],
    learners_count: int | None,
    *,
    actor: User | None,
) -> bool:
    """Attendance as the coordinator recorded it. Once the session has ended it is marked
    delivered and pay is brought up to date; before then only attendance is kept. Returns
    True when the session is (now) delivered."""
    check_recordable(session)
    if session.ends_at <= utc_now():
        mark_delivered(session, entries, learners_count, actor=actor)
        return True
    for entry in entries:
        _record(entry, actor)
    _learners(session, learners_count, actor)
    db.session.flush()
    return False


def mark_delivered(
    session: TrainingSession,
    entries: list[AttendanceEntry],
    learners_count: int | None,
    *,
    actor: User | None,
) -> list[PaymentLine]:
    """Record attendance and learners, mark the session delivered, and bring pay up to date."""
    check_recordable(session)
    if session.ends_at > utc_now():
        end = to_local(session.ends_at)
        raise DomainError(
            f"This session ends at {end:%H:%M} on {end.day} {end:%B}. It can be marked "
            "delivered once it has ended.",
            "status",
        )
    changed: list[PaymentLine] = []
    for entry in entries:
        changed += record_attendance(entry, actor=actor)
    _learners(session, learners_count, actor)
    if session.status is not SessionStatus.DELIVERED:
        sessions_service.change_status(session, SessionStatus.DELIVERED, actor=actor)
    db.session.flush()
    return changed


def _learners(session: TrainingSession, learners_count: int | None, actor: User | None) -> None:
    if learners_count is not None and learners_count < 0:
        raise DomainError("Learners reached cannot be negative.", "learners_count")
    if session.learners_count != learners_count:
        before = {"learners_count": session.learners_count}
        session.learners_count = learners_count
        audit.record(
            "session.learners_recorded",
            session,
            actor=actor,
            before=before,
            after={"learners_count": learners_count},
        )


def record_attendance(entry: AttendanceEntry, *, actor: User | None) -> list[PaymentLine]:
    """One person's attendance, and their pay lines made to match it."""
    due = {LineKind(line.kind.value): line for line in work_out(entry.assignment, entry)}
    _record(entry, actor)
    return [
        line
        for kind in PAY_KINDS
        if (line := settle(entry.assignment, kind, due.get(kind), actor)) is not None
    ]


def _record(entry: AttendanceEntry, actor: User | None) -> None:
    assignment = entry.assignment
    if assignment.offer_status is not OfferStatus.ACCEPTED:
        raise DomainError(
            f"{assignment.person.display_name} did not accept this session.", "attendance"
        )
    before = _attended(assignment)
    assignment.attendance = entry.attendance
    assignment.attended_minutes = _minutes_attended(assignment, entry)
    assignment.travel_minutes = entry.travel_minutes
    after = _attended(assignment)
    if actor is not None:
        assignment.attendance_confirmed_by_id = actor.id
    if before != after:
        audit.record("assignment.attendance", assignment, actor=actor, before=before, after=after)
        signals.attendance_recorded.send(assignment, assignment=assignment, actor=actor)


def _attended(assignment: Assignment) -> dict:
    return {
        "attendance": assignment.attendance.value if assignment.attendance else None,
        "attended_minutes": assignment.attended_minutes,
        "travel_minutes": assignment.travel_minutes,
    }


def _minutes_attended(assignment: Assignment, entry: AttendanceEntry) -> int:
    if entry.attendance is Attendance.ATTENDED:
        return assignment.session.duration_minutes
    if entry.attendance is Attendance.PARTIAL:
        return entry.minutes_worked or 0
    return 0
