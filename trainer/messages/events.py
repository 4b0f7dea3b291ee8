"""What to tell whom when something happens to an offer or a session: each function writes
messages in the caller's transaction (flushes, never commits), once per event and person."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.messages import coordinator_wording, wording
from trainer.messages.links import link
from trainer.messages.log import tell_coordinators, tell_person
from trainer.models import Assignment, AuditEvent, OfferStatus, SessionStatus, TrainingSession
from trainer.teams.seat_pay import SeatPay
from trainer.timezones import local_zone


def stamp(moment: datetime | None) -> int:
    return int(moment.timestamp()) if moment else 0


def answer_links(assignment: Assignment) -> dict:
    return {
        "yes_url": link("offers.confirm_answer", assignment_id=assignment.id, answer="yes"),
        "no_url": link("offers.confirm_answer", assignment_id=assignment.id, answer="no"),
    }


def my_sessions() -> str:
    return link("portal.home")


def offer_made(assignment: Assignment) -> None:
    """A new offer: what, when, where, the role, the team so far and the pay, with Yes and No."""
    pay = SeatPay(local_zone())(assignment.session, assignment.delivery_role_id)
    content = wording.offer(assignment, pay_pence=pay, **answer_links(assignment))
    tell_person(
        assignment.person,
        "offer",
        f"offer:{assignment.id}:{stamp(assignment.offered_at)}",
        content,
        session=assignment.session,
    )


def offer_reminder(assignment: Assignment) -> None:
    content = wording.offer_reminder(assignment, **answer_links(assignment))
    tell_person(
        assignment.person,
        "offer_reminder",
        f"offer-reminder:{assignment.id}:{stamp(assignment.offered_at)}",
        content,
        session=assignment.session,
    )


def offer_chased(assignment: Assignment) -> None:
    content = coordinator_wording.unanswered(assignment, link=_session_link(assignment.session))
    tell_coordinators(
        "offer_chase",
        f"offer-chase:{assignment.id}:{stamp(assignment.offered_at)}",
        content,
        session=assignment.session,
    )


def answered(assignment: Assignment, *, actor, dropped_out: bool = False) -> None:
    """A yes, a no, or "I can't do it any more": coordinators hear at once."""
    session = assignment.session
    own = actor is not None and assignment.person.user_id == actor.id
    if assignment.offer_status is OfferStatus.WITHDRAWN and not own:
        return _taken_off(assignment)
    soon = session.starts_at - utc_now() <= timedelta(days=current_app.config["ALERT_WITHIN_DAYS"])
    content = coordinator_wording.answer(
        assignment, link=_session_link(session), soon=soon, dropped_out=dropped_out
    )
    kind = "answer" if assignment.offer_status is OfferStatus.ACCEPTED else "alert"
    tell_coordinators(
        kind,
        f"answer:{assignment.id}:{assignment.offer_status.value}:{stamp(assignment.responded_at)}",
        content,
        session=session,
    )


def _taken_off(assignment: Assignment) -> None:
    """A coordinator took the person off the team: tell them, with the reason."""
    reason = _reason(assignment, "assignment.withdrawn")
    content = wording.cancelled(assignment, reason=reason, url=my_sessions(), removed=True)
    tell_person(
        assignment.person,
        "removed",
        f"removed:{assignment.id}:{stamp(assignment.offered_at)}",
        content,
        session=assignment.session,
    )


def session_changed(session: TrainingSession, *, change: str) -> None:
    """A session's time or place changed: everyone on its team, with what changed."""
    if session.status not in (SessionStatus.DRAFT, SessionStatus.SCHEDULED):
        return
    for assignment in _holding(session):
        content = wording.changed(assignment, reason=change, url=my_sessions())
        tell_person(
            assignment.person,
            "changed",
            f"changed:{session.id}:{session.sequence}",
            content,
            session=session,
        )


def session_cancelled(session: TrainingSession) -> None:
    """A session was cancelled: everyone who held a seat, with the reason."""
    reason = _reason(session, "session.cancelled")
    for assignment in _holding(session):
        content = wording.cancelled(assignment, reason=reason, url=my_sessions(), removed=False)
        tell_person(
            assignment.person,
            "cancelled",
            f"cancelled:{session.id}:{session.sequence}",
            content,
            session=session,
        )


def _holding(session: TrainingSession) -> list[Assignment]:
    db.session.flush()
    return [a for a in session.assignments if a.offer_status.holds_seat]


def _reason(entity, action: str) -> str:
    query = (
        select(AuditEvent.reason)
        .where(
            AuditEvent.entity_type == entity.__tablename__,
            AuditEvent.entity_id == entity.id,
            AuditEvent.action == action,
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    return (db.session.scalar(query) or "").strip()


def _session_link(session: TrainingSession) -> str:
    return link("sessions.show_session", session_id=session.id)
