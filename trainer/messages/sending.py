"""Sending logged messages, safely from any number of workers.

A worker first claims messages (QUEUED -> SENDING, committed), then hands each to the
transport, then records SENT: one message at a time for messages sent as things happen,
a batch at a time (one claim, one record) for scheduled runs of thousands.

Two workers never send one message: only one claim succeeds. A worker killed after its
claim leaves its messages SENDING; once the claim is older than MESSAGE_STALE_MINUTES
another worker takes them again, and first asks the transport whether each already went
(the outbox folder has its file; GOV.UK Notify knows its reference), so none is sent twice.
Only plain SMTP cannot say: a message the server took just before the worker died may go
again, with the same Message-ID.

A failure is tried again by the queue, with a growing wait, until MESSAGE_MAX_ATTEMPTS,
and then shows as FAILED on the person's page.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, or_, select, update

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.messages import transports
from trainer.models import Message, MessageStatus


class NotSent(Exception):
    """The transport refused or could not be reached; the message waits for another try."""


def _claimable(now: datetime):
    stale = now - timedelta(minutes=current_app.config["MESSAGE_STALE_MINUTES"])
    return or_(
        and_(Message.status == MessageStatus.QUEUED, Message.send_after <= now),
        and_(Message.status == MessageStatus.SENDING, Message.claimed_at <= stale),
    )


def claim(message_ids: list[int]) -> list[Message]:
    """Take these messages for this worker (commits); those due and not taken by another."""
    if not message_ids:
        return []
    now = utc_now()
    db.session.execute(
        update(Message)
        .where(Message.id.in_(message_ids), _claimable(now))
        .values(status=MessageStatus.SENDING, claimed_at=now, attempts=Message.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    query = select(Message).where(
        Message.id.in_(message_ids),
        Message.status == MessageStatus.SENDING,
        Message.claimed_at == now,
    )
    return list(
        db.session.scalars(query.order_by(Message.id).execution_options(populate_existing=True))
    )


def due_ids(limit: int) -> list[int]:
    """Messages due now (or left behind by a dead worker), oldest first."""
    query = select(Message.id).where(_claimable(utc_now())).order_by(Message.id).limit(limit)
    return list(db.session.scalars(query))


def send_message(message_id: int) -> bool:
    """Send one message if it is due and nobody else has it; True when it went out, False
    when there was nothing to do. Raises NotSent when the transport failed."""
    return send_each([message_id]) == 1


def send_due(limit: int = 500) -> int:
    """Send every message that is due, through one transport connection; how many went out."""
    return send_each(due_ids(limit), keep_going=True)


def send_each(message_ids: list[int], *, keep_going: bool = False) -> int:
    """Send each of these messages that is due and not taken, through one connection, and
    record them all at the end (one commit); how many went out. Raises NotSent after
    recording, when one failed, unless `keep_going`."""
    messages = claim(message_ids)
    if not messages:
        return 0
    sent, failed = 0, None
    with transports.transport() as transport:
        for message in messages:
            try:
                _send_one(transport, message)
                sent += 1
            except NotSent as error:
                failed = error
    db.session.commit()
    if failed is not None and not keep_going:
        raise failed
    return sent


def _send_one(transport, message: Message) -> None:
    try:
        ref = transport.already_sent(message) if message.attempts > 1 else None
        ref = ref or transport.send(message)
    except transports.SEND_ERRORS as error:
        said = f"{type(error).__name__}: {error}"[:500]
        _failed(message, said)
        raise NotSent(said) from error
    message.status, message.sent_at = MessageStatus.SENT, utc_now()
    message.transport_ref, message.last_error = ref[:200], ""


def _failed(message: Message, error: str) -> None:
    current_app.logger.warning("Message %s not sent: %s", message.id, error)
    message.last_error = error
    if message.attempts >= current_app.config["MESSAGE_MAX_ATTEMPTS"]:
        message.status = MessageStatus.FAILED
        return
    message.status, message.claimed_at = MessageStatus.QUEUED, None
