"""Reflection after a session: a short check-in, private to the person and their named lead.
An answer asking for support alerts the lead (an email through the outbox, and a mark on
the lead's check-ins page until they say they have been in touch)."""

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from trainer import audit, mail
from trainer.calendars import outbox
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import (
    Assignment,
    Attendance,
    CheckIn,
    Feeling,
    OfferStatus,
    Person,
    Role,
    User,
)

#: the longest answer kept, in characters
MAX_ANSWER = 2000


@dataclass(frozen=True)
class Answers:
    feeling: Feeling
    went_well: str = ""
    was_hard: str = ""
    would_help: str = ""
    wants_support: bool = False


def can_check_in(assignment: Assignment) -> bool:
    """After a session the person was in (accepted, not marked absent), once."""
    session = assignment.session
    return (
        assignment.offer_status is OfferStatus.ACCEPTED
        and session.starts_at <= utc_now()
        and assignment.attendance not in (Attendance.DID_NOT_ATTEND, Attendance.CANCELLED_LATE)
    )


def sessions_to_check_in(person: Person) -> list[Assignment]:
    """The person's sessions since started, with no check-in yet, newest first."""
    done = select(CheckIn.assignment_id).where(CheckIn.person_id == person.id)
    query = (
        select(Assignment)
        .where(
            Assignment.person_id == person.id,
            Assignment.offer_status == OfferStatus.ACCEPTED,
            Assignment.id.not_in(done),
        )
        .order_by(Assignment.id.desc())
    )
    found = [a for a in db.session.scalars(query).unique() if can_check_in(a)]
    found.sort(key=lambda a: a.session.starts_at, reverse=True)
    return found[:10]


def log_of(person: Person) -> list[CheckIn]:
    """The person's own check-ins, newest first."""
    query = (
        select(CheckIn)
        .where(CheckIn.person_id == person.id)
        .order_by(CheckIn.created_at.desc(), CheckIn.id.desc())
    )
    return list(db.session.scalars(query))


def for_lead(lead: User) -> list[CheckIn]:
    """Check-ins of the people this account is the named lead of; calls for support first."""
    query = (
        select(CheckIn)
        .join(Person, Person.id == CheckIn.person_id)
        .where(Person.lead_id == lead.id)
        .order_by(CheckIn.created_at.desc(), CheckIn.id.desc())
    )
    rows = list(db.session.scalars(query))
    return sorted(rows, key=lambda c: not (c.wants_support and c.support_answered_at is None))


def can_read(user: User, check_in: CheckIn) -> bool:
    """Only the person and their named lead: not other coordinators, not admins."""
    person = check_in.person
    return (person.user_id is not None and person.user_id == user.id) or (
        person.lead_id is not None and person.lead_id == user.id
    )


def save_check_in(assignment: Assignment, answers: Answers, *, actor: User | None) -> CheckIn:
    """Keep the person's check-in; alert their lead when they ask for support."""
    if not can_check_in(assignment):
        raise DomainError("You can fill this in after the session.")
    if db.session.scalar(select(CheckIn.id).where(CheckIn.assignment_id == assignment.id)):
        raise DomainError("You have filled this in already. You can read it in your log.")
    for field in ("went_well", "was_hard", "would_help"):
        if len(getattr(answers, field)) > MAX_ANSWER:
            raise DomainError(f"Please write less than {MAX_ANSWER} letters.", field)
    person = assignment.person
    check_in = CheckIn(
        assignment=assignment,
        person=person,
        lead_id=person.lead_id,
        feeling=answers.feeling,
        went_well=answers.went_well.strip(),
        was_hard=answers.was_hard.strip(),
        would_help=answers.would_help.strip(),
        wants_support=answers.wants_support,
    )
    db.session.add(check_in)
    db.session.flush()
    audit.record(
        "check_in.written",
        check_in,
        actor=actor,
        after={"assignment_id": assignment.id, "wants_support": answers.wants_support},
    )
    if answers.wants_support:
        alert_lead(check_in)
    return check_in


def alert_lead(check_in: CheckIn) -> None:
    """Email the named lead (or the organisation when nobody is named) through the outbox.
    The email says who asks and where to read it; the answers stay in the app."""
    person, lead = check_in.person, check_in.lead
    to = lead.email if lead else current_app.config["ORG_EMAIL"]
    session = check_in.assignment.session
    text = (
        f"{person.full_name} asked for support in their check-in after a session.\n\n"
        "Please contact them. Their answers are private: read them on your check-ins page,\n"
        "and mark the call answered there once you have been in touch.\n"
    )
    message = mail.build(to=to, subject=f"{person.full_name} asks for support", text=text)
    outbox.queue(
        message,
        session=session,
        person=person,
        method="ALERT",
        change="support",
        recipients=[to],
        urgent=True,
    )


def name_lead(person: Person, lead: User | None, *, actor: User | None) -> None:
    """Name the coordinator who reads the person's check-ins and answers their calls."""
    if lead is not None and not lead.has_role(Role.COORDINATOR, Role.ADMIN):
        raise DomainError("Choose a coordinator as the named lead.", "lead")
    before = {"lead_id": person.lead_id}
    person.lead = lead
    db.session.flush()
    audit.record(
        "person.lead_named", person, actor=actor, before=before, after={"lead_id": person.lead_id}
    )


def mark_answered(check_in: CheckIn, *, actor: User) -> None:
    """The lead has been in touch about a call for support."""
    if not check_in.wants_support:
        raise DomainError("This check-in did not ask for support.")
    if check_in.support_answered_at is not None:
        raise DomainError("This call for support is answered already.")
    check_in.support_answered_at = utc_now()
    db.session.flush()
    audit.record("check_in.support_answered", check_in, actor=actor)
