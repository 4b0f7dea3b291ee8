"""Emailed calendar invites for changes to sessions and teams: the services call these.

Each function queues messages in the outbox in the caller's transaction (it flushes, never
commits); they are sent after the commit. An invite carries the person's own copy of the event:
the same UID as their feed, and a SEQUENCE that never goes down.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from email.utils import formataddr, parseaddr
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select

from trainer.calendars import events, feed_rows, outbox
from trainer.calendars.ics import EventData
from trainer.calendars.itip import (
    SessionDetails,
    build_invite_email,
    easy_read_body,
    plain_body,
    say_date,
)
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models import (
    Assignment,
    CalendarCopy,
    InformationFormat,
    OfferStatus,
    Person,
    SessionStatus,
    TrainingSession,
    User,
)
from trainer.timezones import local_zone

#: changes this close to the start are flagged to coordinators: feeds may not refresh in time
URGENT_WITHIN = timedelta(hours=48)


def session_changed(session: TrainingSession, *, actor: User | None) -> None:
    """An accepted session's time, place or details changed: METHOD:REQUEST to its team.

    People whose copy reads the same as the last invite they were sent get nothing.
    """
    if session.status is SessionStatus.CANCELLED:
        return session_cancelled(session, actor=actor)
    if session.status is SessionStatus.DELIVERED:
        return None  # marked delivered afterwards: nothing a calendar needs to hear about
    for assignment in _accepted(session):
        _send(
            session,
            assignment.person,
            change="changed",
            urgent=is_urgent(session),
            only_if_changed=True,
        )


def session_cancelled(session: TrainingSession, *, actor: User | None) -> None:
    """A session was cancelled: METHOD:CANCEL to everyone who had accepted."""
    for assignment in _accepted(session):
        _send(session, assignment.person, change="cancelled", urgent=is_urgent(session))


def offer_accepted(assignment: Assignment, *, actor: User | None) -> None:
    """A person accepted an offer: METHOD:REQUEST for their copy (call it once the seat is
    ACCEPTED)."""
    copy = _copy(assignment.session, assignment.person)
    if copy.removed_at is not None:  # back on the team: above the cancellation they were sent
        copy.removed_at = None
        copy.extra_sequence += 1
    _send(assignment.session, assignment.person, change="new", urgent=False)


def person_removed(assignment: Assignment, *, actor: User | None) -> None:
    """A person who had accepted was taken off (withdrawn or declined): METHOD:CANCEL.

    Their copy's SEQUENCE rises above the session's, and their feed keeps it as cancelled
    for 30 days. Flagged as urgent near the start unless they took themselves off.
    """
    session, person = assignment.session, assignment.person
    copy = _copy(session, person)
    copy.removed_at = utc_now()
    copy.extra_sequence += 1
    own = actor is not None and person.user_id == actor.id
    _send(session, person, change="removed", urgent=is_urgent(session) and not own)


def is_urgent(session: TrainingSession) -> bool:
    now = utc_now()
    return session.ends_at > now and session.starts_at - now <= URGENT_WITHIN


def _accepted(session: TrainingSession) -> list[Assignment]:
    db.session.flush()
    return [a for a in session.assignments if a.offer_status is OfferStatus.ACCEPTED]


def _copy(session: TrainingSession, person: Person) -> CalendarCopy:
    db.session.flush()
    copy = db.session.scalar(
        select(CalendarCopy).where(
            CalendarCopy.session_id == session.id, CalendarCopy.person_id == person.id
        )
    )
    if copy is None:
        copy = CalendarCopy(
            session_id=session.id, person_id=person.id, extra_sequence=0, sent_digest=""
        )
        db.session.add(copy)
    return copy


def _send(
    session: TrainingSession,
    person: Person,
    *,
    change: str,
    urgent: bool,
    only_if_changed: bool = False,
) -> None:
    if session.ends_at <= utc_now():
        return  # nobody needs an email about a session that is over
    copy = _copy(session, person)
    db.session.flush()
    tz = local_zone()
    feed = feed_rows.person_session(person, session.id)
    [stamp] = events.stamps(feed)
    event = events.event_for(feed, stamp, tz)
    cancel = change in ("cancelled", "removed")
    if cancel:
        event = replace(event, status="CANCELLED")
    elif event.status == "CANCELLED":
        return
    digest = events.content_digest(event)
    if only_if_changed and digest == copy.sent_digest:
        return
    copy.sent_digest = digest
    details = events.details_for(feed, stamp)
    _queue(session, person, event, details, change=change, urgent=urgent, tz=tz)


def recipients(person: Person) -> list[tuple[str, str]]:
    """(name, address) for the person, and their supporter when they asked for copies."""
    people = [(person.full_name, person.email)]
    if person.supporter_gets_copies:
        people.append(
            (person.supporter_name or f"{person.full_name}'s supporter", person.supporter_email)
        )
    return [(name, address.strip()) for name, address in people if address and address.strip()]


def _queue(
    session: TrainingSession,
    person: Person,
    event: EventData,
    details: SessionDetails,
    *,
    change: str,
    urgent: bool,
    tz: ZoneInfo,
) -> None:
    method = "CANCEL" if change in ("cancelled", "removed") else "REQUEST"
    to = recipients(person)
    common = {
        "session": session,
        "person": person,
        "method": method,
        "change": change,
        "urgent": urgent,
    }
    if not to:
        outbox.queue(
            None, recipients=[], error="No email address: tell them another way.", **common
        )
        return
    config = current_app.config
    org, sender = config["ORG_NAME"], parseaddr(config["MAIL_DEFAULT_SENDER"])[1]
    try:
        message = build_invite_email(
            event,
            method=method,
            organizer_email=sender,
            organizer_name=org,
            attendee_email=to[0][1],
            attendee_name=person.full_name,
            from_addr=formataddr((org, sender)),
            to_addrs=[formataddr(p) for p in to],
            subject=subject(details, change, tz),
            text_body=body(person, details, change, tz),
            tz=tz,
        )
    except ValueError as error:
        outbox.queue(None, recipients=[], error=f"Could not write the email: {error}", **common)
        return
    outbox.queue(message, recipients=[address for _, address in to], **common)


def subject(details: SessionDetails, change: str, tz: ZoneInfo) -> str:
    day = say_date(details.starts_at, tz)
    return {
        "new": f"Your session on {day}: {details.programme}",
        "changed": f"Changed: your session on {day}",
        "cancelled": f"Cancelled: your session on {day}",
        "removed": f"You are no longer booked for {day}",
    }[change]


def body(person: Person, details: SessionDetails, change: str, tz: ZoneInfo) -> str:
    """The email text: Easy Read for those who chose it, plain language for everyone else."""
    config = current_app.config
    contact = f"{config['ORG_NAME']} on {config['ORG_PHONE']} or {config['ORG_EMAIL']}"
    easy = person.preferred_format is InformationFormat.EASY_READ
    name = person.display_name
    if change == "removed":
        return _removed_body(details, tz, name=name, contact=contact, easy=easy)
    write = easy_read_body if easy else plain_body
    return write(details, tz, name=name, change=change, contact=contact)


def _removed_body(
    details: SessionDetails, tz: ZoneInfo, *, name: str, contact: str, easy: bool
) -> str:
    if easy:
        day = say_date(details.starts_at, tz, year=False)
        groups = [
            f"Hello {name}.",
            f"You are not booked for the session on {day} now.\nYou do not need to go.",
            f"If you have a question, please contact {contact}.",
        ]
    else:
        day = say_date(details.starts_at, tz)
        groups = [
            f"Hello {name},",
            f"You are no longer booked for the {details.programme} session on {day}. "
            "You do not need to attend. The attached update marks it as cancelled in "
            "your calendar.",
            f"If this is wrong, contact {contact}.",
        ]
    return "\n\n".join(groups) + "\n"
