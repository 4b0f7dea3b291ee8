"""The email outbox: messages are queued in the caller's transaction and sent after it commits,
through the app's one mail transport (trainer/mail.py)."""

from __future__ import annotations

import email.policy
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from trainer import mail
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models import OutboxMessage, Person, TrainingSession

#: session.info keys: ids queued in the open transaction, and ids committed but not yet sent
PENDING, READY = "outbox_pending", "outbox_ready"


def queue(
    message: EmailMessage | None,
    *,
    session: TrainingSession,
    person: Person,
    method: str,
    change: str,
    recipients: list[str],
    urgent: bool,
    error: str = "",
) -> OutboxMessage:
    """Add a message to the outbox (flushes); it goes out after the caller commits."""
    row = OutboxMessage(
        session_id=session.id,
        person_id=person.id,
        method=method,
        change=change,
        subject=str(message["Subject"]) if message else "",
        to_addrs="\n".join(recipients),
        message=message.as_bytes(policy=email.policy.SMTP) if message else b"",
        is_urgent=urgent,
        last_error=error,
        attempts=0,
    )
    db.session.add(row)
    db.session.flush()
    if recipients:
        db.session.info.setdefault(PENDING, []).append(row.id)
    return row


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    if pending := session.info.pop(PENDING, None):
        session.info.setdefault(READY, []).extend(pending)


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop(PENDING, None)


def deliver_committed() -> int:
    """Send what this request committed; never raises (failures stay queued for deliver-mail)."""
    ids = db.session.info.pop(READY, None)
    if not ids:
        return 0
    try:
        rows = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.id.in_(ids), OutboxMessage.sent_at.is_(None))
        ).all()
        sent = deliver(list(rows))
        db.session.commit()
        return sent
    except Exception:
        db.session.rollback()
        current_app.logger.exception("Could not record email delivery")
        return 0


def unsent(limit: int) -> list[OutboxMessage]:
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.to_addrs != "")
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def deliver(rows: list[OutboxMessage]) -> int:
    """Send each message (one SMTP connection for all); record success or the error. Flushes."""
    sent = 0
    with mail.Transport() as transport:
        for row in rows:
            row.attempts += 1
            try:
                transport.send(row.message, row.recipients, name=f"{row.id}-{row.method.lower()}")
            except mail.SEND_ERRORS as error:
                row.last_error = f"{type(error).__name__}: {error}"[:500]
                current_app.logger.warning("Email %s not sent: %s", row.id, row.last_error)
            else:
                row.sent_at, row.last_error, sent = utc_now(), "", sent + 1
    db.session.flush()
    return sent
