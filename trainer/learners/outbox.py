"""Learners' emails wait here: queued in the caller's transaction, sent after it commits
through the app's one mail transport (trainer/mail.py), retried by `flask deliver-mail`.

The same pattern as the calendar invites' outbox (trainer/calendars/outbox.py), with a key
on every message so that each is queued once: a second reminder for a booking is no message.
"""

from __future__ import annotations

import email.policy
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from trainer import mail
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models import LearnerMessage

#: session.info keys: ids queued in the open transaction, and ids committed but not yet sent
PENDING, READY = "learner_mail_pending", "learner_mail_ready"


def queue(
    message: EmailMessage, *, to: str, kind: str, key: str, booking_id: int | None
) -> LearnerMessage | None:
    """Add the message (flushes); it goes out after the caller commits. None when a message
    with this key was queued before."""
    if is_queued(key):
        return None
    row = LearnerMessage(
        kind=kind,
        key=key,
        booking_id=booking_id,
        to_addr=to,
        subject=str(message["Subject"]),
        message=message.as_bytes(policy=email.policy.SMTP),
        attempts=0,
        last_error="",
    )
    db.session.add(row)
    db.session.flush()
    db.session.info.setdefault(PENDING, []).append(row.id)
    return row


def is_queued(key: str) -> bool:
    return db.session.scalar(select(LearnerMessage.id).where(LearnerMessage.key == key)) is not None


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    if pending := session.info.pop(PENDING, None):
        session.info.setdefault(READY, []).extend(pending)


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop(PENDING, None)


def deliver_committed() -> int:
    """Send what this request committed; never raises (failures wait for deliver-mail)."""
    ids = db.session.info.pop(READY, None)
    if not ids:
        return 0
    try:
        rows = db.session.scalars(
            select(LearnerMessage).where(
                LearnerMessage.id.in_(ids), LearnerMessage.sent_at.is_(None)
            )
        ).all()
        sent = deliver(list(rows))
        db.session.commit()
        return sent
    except Exception:
        db.session.rollback()
        current_app.logger.exception("Could not record learner email delivery")
        return 0


def unsent(limit: int) -> list[LearnerMessage]:
    query = (
        select(LearnerMessage)
        .where(LearnerMessage.sent_at.is_(None))
        .order_by(LearnerMessage.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def deliver(rows: list[LearnerMessage]) -> int:
    """Send each message (one connection for all); record success or the error. Flushes."""
    sent = 0
    with mail.Transport() as transport:
        for row in rows:
            row.attempts += 1
            try:
                transport.send(row.message, [row.to_addr], name=f"learner-{row.id}-{row.kind}")
            except mail.SEND_ERRORS as error:
                row.last_error = f"{type(error).__name__}: {error}"[:500]
                current_app.logger.warning("Learner email %s not sent: %s", row.id, row.last_error)
            else:
                row.sent_at, row.last_error, sent = utc_now(), "", sent + 1
    db.session.flush()
    return sent
