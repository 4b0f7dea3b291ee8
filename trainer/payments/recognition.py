"""Recognition letters: what a person gave in a period, issued by a coordinator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from trainer import audit
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import (
    Assignment,
    Attendance,
    LetterKind,
    LetterRecord,
    Person,
    SessionStatus,
    TrainingSession,
    User,
)
from trainer.payments.letters import freeze_letter, recognition_letter
from trainer.payments.references import next_reference
from trainer.payments.runs import period_bounds, to_local_today


@dataclass(frozen=True)
class Contribution:
    sessions: int
    learners: int
    minutes: int
    programmes: tuple[str, ...]


def contribution(person: Person, period_from: date, period_to: date) -> Contribution:
    """Sessions delivered, learners reached and minutes given in a period."""
    starts, ends = period_bounds(period_from, period_to)
    seats = list(
        db.session.scalars(
            select(Assignment)
            .join(TrainingSession)
            .where(
                Assignment.person_id == person.id,
                Assignment.attendance.in_([Attendance.ATTENDED, Attendance.PARTIAL]),
                TrainingSession.status == SessionStatus.DELIVERED,
                TrainingSession.starts_at >= starts,
                TrainingSession.starts_at < ends,
            )
        )
    )
    names = sorted({a.session.programme.name for a in seats})
    return Contribution(
        len(seats),
        sum(a.session.learners_count or 0 for a in seats),
        sum(a.attended_minutes or 0 for a in seats),
        tuple(names),
    )


def issue_recognition_letter(
    person: Person,
    period_from: date,
    period_to: date,
    role_wording: str,
    *,
    personal_message: str = "",
    message_from: str = "",
    actor: User | None,
    today: date | None = None,
) -> LetterRecord:
    """A letter of thanks; the role is printed in the words the person chose. What it says is
    frozen as it is issued."""
    today = today or to_local_today()
    if period_to < period_from:
        raise DomainError("The period must end on or after the day it starts.", "period_to")
    if period_to > today:
        raise DomainError("The period cannot end after today: it records work done.", "period_to")
    if not role_wording.strip():
        raise DomainError("Enter the role as the person would like it worded.", "role_wording")
    done = contribution(person, period_from, period_to)
    if not done.sessions:
        raise DomainError("This person delivered no sessions in that period.", "period_from")
    record = LetterRecord(
        reference=next_reference("recognition", today),
        kind=LetterKind.RECOGNITION,
        person=person,
        issued_on=today,
        issued_by_id=actor.id if actor else None,
        role_wording=role_wording.strip(),
        programme_name=" and ".join(done.programmes),
        period_from=period_from,
        period_to=period_to,
        sessions_delivered=done.sessions,
        learners_reached=done.learners,
        minutes_given=done.minutes,
        personal_message=personal_message.strip(),
        message_from=message_from.strip(),
    )
    db.session.add(record)
    db.session.flush()
    freeze_letter(record, recognition_letter(record))
    db.session.flush()
    audit.record(
        "letter.issued",
        record,
        actor=actor,
        after={"reference": record.reference, "kind": "recognition"},
    )
    return record


def last_wording(person: Person) -> str | None:
    """The wording used on this person's last recognition letter (their choice, kept)."""
    return db.session.scalar(
        select(LetterRecord.role_wording)
        .where(LetterRecord.person_id == person.id, LetterRecord.kind == LetterKind.RECOGNITION)
        .order_by(LetterRecord.id.desc())
        .limit(1)
    )
