"""Sending logged messages, safely from any number of workers.

A worker first claims a message (QUEUED -> SENDING, committed), then hands it to the
transport, then records SENT. Two workers never send one message: only one claim succeeds.
A worker killed after its claim leaves the message SENDING; it is sent again once the claim
is older than MESSAGE_STALE_MINUTES. A failure is tried again by the queue, with a growing
wait, until MESSAGE_MAX_ATTEMPTS, and then shows as FAILED on the person's page.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, or_, select, update

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.messages import transports
from trainer.models import Message, MessageStatus


def _claimable(now):
    stale = now - timedelta(minutes=current_app.config["MESSAGE_STALE_MINUTES"])
    return or_(
        and_(Message.status == MessageStatus.QUEUED, Message.send_after <= now),
        and_(Message.status == MessageStatus.SENDING, Message.claimed_at < stale),
    )


def claim(message_id: int) -> bool:
    """Take the message for this worker (commits); False when it is not due or is taken."""
    now = utc_now()
    result = db.session.execute(
        update(Message)
        .where(Message.id == message_id, _claimable(now))
        .values(status=MessageStatus.SENDING, claimed_at=now, attempts=Message.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def due_ids(limit: int) -> list[int]:
    """Messages due now (or left behind by a dead worker), oldest first."""
    query = select(Message.id).where(_claimable(utc_now())).order_by(Message.id).limit(limit)
    return list(db.session.scalars(query))


class NotSent(Exception):
    """The transport refused or could not be reached; the message waits for another try."""


def send_message(message_id: int) -> bool:
    """Send one message if it is due and nobody else has it; True when it went out, False
    when there was nothing to do. Raises NotSent when the transport failed."""
    if not claim(message_id):
        return False
    with transports.transport() as transport:
        return _send_claimed(transport, message_id)


def send_due(limit: int = 500) -> int:
    """Send every message that is due, through one transport connection; how many went out."""
    return send_each(due_ids(limit), keep_going=True)


def send_each(message_ids: list[int], *, keep_going: bool = False) -> int:
    """Send each of these messages that is due and not taken, through one connection; how
    many went out. A failure stops the batch (NotSent) unless `keep_going`."""
    sent, failed = 0, None
    with transports.transport() as transport:
        for message_id in message_ids:
            if not claim(message_id):
                continue
            try:
                sent += _send_claimed(transport, message_id)
            except NotSent as error:
                failed = error
                if not keep_going:
                    raise
    if failed is not None and not keep_going:
        raise failed
    return sent


def _send_claimed(transport, message_id: int) -> bool:
    message = db.session.get(Message, message_id, populate_existing=True)
    try:
        ref = transport.send(message)
    except transports.SEND_ERRORS as error:
        said = f"{type(error).__name__}: {error}"[:500]
        _failed(message, said)
        db.session.commit()
        raise NotSent(said) from error
    message.status, message.sent_at = MessageStatus.SENT, utc_now()
    message.transport_ref, message.last_error = ref[:200], ""
    db.session.commit()
    return True


def _failed(message: Message, error: str) -> None:
    current_app.logger.warning("Message %s not sent: %s", message.id, error)
    message.last_error = error
    if message.attempts >= current_app.config["MESSAGE_MAX_ATTEMPTS"]:
        message.status = MessageStatus.FAILED
        return
    message.status, message.claimed_at = MessageStatus.QUEUED, None
