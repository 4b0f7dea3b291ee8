"""Transactional changes to training sessions. Services flush; the view commits."""

from dataclasses import dataclass
from datetime import datetime

from trainer import audit, signals
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import Programme, SessionStatus, TrainingSession, User, Venue
from trainer.sessions.seats import team_gaps
from trainer.timezones import to_local

#: changes a calendar shows: each raises the iCalendar SEQUENCE
CALENDAR_FIELDS = ("starts_at", "ends_at", "venue_id", "meeting_url", "status")


@dataclass(frozen=True)
class SessionDetails:
    """What a coordinator chooses for a session (already in UTC)."""

    programme: Programme
    starts_at: datetime
    ends_at: datetime
    venue: Venue | None
    meeting_url: str = ""
    capacity: int | None = None
    notes: str = ""
    what_to_bring: str = ""


def _snapshot(session: TrainingSession) -> dict:
    return {
        "programme_id": session.programme_id,
        "starts_at": session.starts_at.isoformat() if session.starts_at else None,
        "ends_at": session.ends_at.isoformat() if session.ends_at else None,
        "venue_id": session.venue_id,
        "meeting_url": session.meeting_url,
        "capacity": session.capacity,
        "status": session.status.value if session.status else None,
        "sequence": session.sequence,
    }


def _check(details: SessionDetails, current: TrainingSession | None) -> None:
    if details.ends_at <= details.starts_at:
        raise DomainError("The end time must be after the start time.", "end_time")
    if not details.programme.is_active and (
        current is None or current.programme_id != details.programme.id
    ):
        raise DomainError("That programme is archived. Choose another.", "programme_id")
    venue = details.venue
    if (
        venue is not None
        and not venue.is_active
        and (current is None or current.venue_id != venue.id)
    ):
        raise DomainError("That venue is archived. Choose another.", "venue_id")
    in_person = details.programme.delivery_mode.value == "in_person"
    if in_person and (venue is None or venue.is_online):
        raise DomainError("An in-person session needs a building. Choose a venue.", "venue_id")
    if not in_person and not (details.meeting_url or (venue and venue.meeting_url)):
        raise DomainError(
            "An online session needs a meeting link, or an online venue with one.", "meeting_url"
        )
    if details.capacity is not None and details.capacity < 1:
        raise DomainError("Learners must be at least 1.", "capacity")


def _apply(session: TrainingSession, details: SessionDetails) -> None:
    session.programme = details.programme
    session.starts_at = details.starts_at
    session.ends_at = details.ends_at
    session.venue = details.venue
    session.meeting_url = details.meeting_url
    session.capacity = details.capacity or details.programme.capacity
    session.notes = details.notes
    session.what_to_bring = details.what_to_bring


def create_session(details: SessionDetails, *, actor: User | None) -> TrainingSession:
    """Add a draft session; its team is built afterwards."""
    _check(details, None)
    session = TrainingSession(status=SessionStatus.DRAFT, sequence=0)
    _apply(session, details)
    db.session.add(session)
    db.session.flush()
    audit.record("session.created", session, actor=actor, after=_snapshot(session))
    return session


def update_session(
    session: TrainingSession, details: SessionDetails, *, actor: User | None
) -> TrainingSession:
    """Change a session; a change calendars show raises its SEQUENCE."""
    if session.status in (SessionStatus.DELIVERED, SessionStatus.CANCELLED):
        raise DomainError(f"A {session.status.label.lower()} session cannot be changed.")
    _check(details, session)
    before = _snapshot(session)
    _apply(session, details)
    db.session.flush()
    after = _snapshot(session)
    if any(before[key] != after[key] for key in CALENDAR_FIELDS if key in before):
        session.sequence += 1
        after["sequence"] = session.sequence
    audit.record("session.updated", session, actor=actor, before=before, after=after)
    change = describe_change(before, after, details)
    if change:
        signals.session_details_changed.send(session, session=session, actor=actor, change=change)
    signals.session_changed.send(session, session=session, actor=actor)
    return session


def describe_change(before: dict, after: dict, details: SessionDetails) -> str:
    """What a move changed that team rules read (time, venue, programme), in words; '' if
    none of them changed."""
    said = []
    if (before["starts_at"], before["ends_at"]) != (after["starts_at"], after["ends_at"]):
        old = [datetime.fromisoformat(before[key]) for key in ("starts_at", "ends_at")]
        said.append(f"Moved from {_span(*old)} to {_span(details.starts_at, details.ends_at)}")
    if before["venue_id"] != after["venue_id"]:
        said.append(f"Venue changed to {details.venue.name if details.venue else 'online'}")
    if before["programme_id"] != after["programme_id"]:
        said.append(f"Programme changed to {details.programme.name}")
    return "; ".join(said)


def _span(starts_at: datetime, ends_at: datetime) -> str:
    start, end = to_local(starts_at), to_local(ends_at)
    return f"{start:%H:%M}–{end:%H:%M} on {start:%a} {start.day} {start:%b}"


def change_status(
    session: TrainingSession, target: SessionStatus, *, actor: User | None, reason: str = ""
) -> TrainingSession:
    """Move a session along its workflow (raises IllegalTransition for a forbidden move).

    It becomes scheduled only with every seat filled and every offer accepted, or with a
    written reason (an override, kept in the audit log)."""
    if target is SessionStatus.DELIVERED and session.ends_at > utc_now():
        raise DomainError("A session can be marked delivered only after it has ended.", "status")
    if target is SessionStatus.SCHEDULED and session.status.can_become(target):
        gaps = team_gaps(session)
        if gaps and not reason.strip():
            raise DomainError(
                f"The team is not ready: {'; '.join(gaps)}. Fill every seat and "
                "wait for every yes, or give a reason to schedule it anyway.",
                "reason",
            )
    before = _snapshot(session)
    session.move_to(target)
    session.sequence += 1
    session.cancelled_at = utc_now() if target is SessionStatus.CANCELLED else None
    db.session.flush()
    audit.record(
        f"session.{target.value}",
        session,
        actor=actor,
        before=before,
        after=_snapshot(session),
        reason=reason,
    )
    signals.session_changed.send(session, session=session, actor=actor)
    return session
