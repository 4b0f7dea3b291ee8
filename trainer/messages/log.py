"""The message log: every message is a row written in the caller's transaction, once per
event, person and channel (its idempotency key).

`tell_person` follows each person's choices: channels, format, supporter copies and quiet
hours. `tell_coordinators` emails every coordinator in plain text. Each message is sent by
its own job (trainer.messages.send_job), queued with it and run after the commit; a message
held by quiet hours waits on the queue until they end.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from trainer import jobs
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.messages import choices as choosing
from trainer.messages import send_job
from trainer.messages.content import Content
from trainer.messages.render import render, sms
from trainer.messages.timing import after_quiet_hours
from trainer.models import (
    Channel,
    InformationFormat,
    Message,
    MessageChoice,
    MessageStatus,
    Person,
    Role,
    TrainingSession,
    User,
    UserRole,
)
from trainer.timezones import local_zone

#: session.info key: ids of messages written in a `batched()` block
BATCH = "messages_batch"
BATCH_SIZE = 100


def message_key(event_key: str, recipient: str, channel: Channel) -> str:
    """The idempotency key: one message per event, recipient and channel."""
    return f"{event_key}:{recipient}:{channel.value}"[:200]


def tell_person(
    person: Person,
    kind: str,
    event_key: str,
    content: Content,
    *,
    session: TrainingSession | None = None,
    not_before: datetime | None = None,
    chosen: MessageChoice | None = None,
) -> list[Message]:
    """Queue `content` to `person` by each channel they chose, in their format, with a copy
    to their supporter if they asked for one; held until their quiet hours end."""
    if person.erased_at is not None or not person.is_active:
        return []
    chosen = chosen or choosing.choices_for(person)
    zone = local_zone()
    moment = after_quiet_hours(
        max(not_before or utc_now(), utc_now()), chosen.quiet_from, chosen.quiet_until, zone
    )
    common = {"kind": kind, "session": session, "send_after": moment, "person": person}
    style = person.preferred_format
    rows = []
    if chosen.by_email and person.email:
        rows.append(
            _write(
                event_key, f"p{person.id}", Channel.EMAIL, person.email, content, style, **common
            )
        )
    if chosen.by_text and person.phone:
        rows.append(
            _write(event_key, f"p{person.id}", Channel.TEXT, person.phone, content, style, **common)
        )
    if person.supporter_gets_copies and person.supporter_email:
        copy = Content(
            subject=f"Copy for {person.display_name}'s supporter: {content.subject}",
            heading=content.heading,
            lines=content.lines,
            actions=content.actions,
            sms=content.sms,
            sign_off=content.sign_off,
        )
        rows.append(
            _write(
                event_key,
                f"p{person.id}-supporter",
                Channel.EMAIL,
                person.supporter_email,
                copy,
                style,
                is_copy=True,
                **common,
            )
        )
    return [row for row in rows if row is not None]


def coordinators() -> list[User]:
    query = (
        select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.COORDINATOR, User.is_enabled.is_(True))
        .order_by(User.id)
    )
    return list(db.session.scalars(query).unique())


def tell_coordinators(
    kind: str, event_key: str, content: Content, *, session: TrainingSession | None = None
) -> list[Message]:
    """Queue `content` to every coordinator by email, in plain text, now."""
    rows = [
        _write(
            event_key,
            f"u{user.id}",
            Channel.EMAIL,
            user.email,
            content,
            InformationFormat.PLAIN,
            kind=kind,
            session=session,
            user=user,
        )
        for user in coordinators()
    ]
    return [row for row in rows if row is not None]


def _write(
    event_key: str,
    recipient: str,
    channel: Channel,
    to: str,
    content: Content,
    style: InformationFormat,
    *,
    kind: str,
    session: TrainingSession | None = None,
    person: Person | None = None,
    user: User | None = None,
    send_after: datetime | None = None,
    is_copy: bool = False,
) -> Message | None:
    """Add one message (flushes), or None when its key was written before."""
    key = message_key(event_key, recipient, channel)
    email = render(content, style.value)
    row = Message(
        key=key,
        kind=kind,
        person_id=person.id if person else None,
        user_id=user.id if user else None,
        session_id=session.id if session else None,
        channel=channel,
        format=style,
        is_copy=is_copy,
        to_addr=to,
        subject=email.subject[:200],
        text_body=sms(content) if channel is Channel.TEXT else email.text,
        html_body="" if channel is Channel.TEXT else email.html,
        send_after=send_after or utc_now(),
        attempts=0,
        last_error="",
        transport_ref="",
    )
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # written before (or at the same moment by another worker)
        return None
    delay = row.send_after - utc_now()
    if delay.total_seconds() <= 0 and (batch := db.session.info.get(BATCH)) is not None:
        batch.append(row.id)
        return row
    jobs.later(
        send_job.send_message,
        row.id,
        key=f"message:{row.id}",
        delay=delay if delay.total_seconds() > 0 else None,
    )
    return row


@contextmanager
def batched(size: int = BATCH_SIZE):
    """Within this block, messages due now are sent by one job per `size` of them (one
    connection to the mail server each), rather than a job each: for scheduled runs that
    write thousands. Messages held by quiet hours still wait on the queue one by one."""
    db.session.info[BATCH] = []
    try:
        yield
        ids = db.session.info.get(BATCH) or []
        for start in range(0, len(ids), size):
            part = ids[start : start + size]
            jobs.later(send_job.send_batch, part, key=f"messages:{part[0]}-{part[-1]}")
    finally:
        db.session.info.pop(BATCH, None)


def send_again(message: Message) -> None:
    """A coordinator asks for a failed message to be tried again (flushes)."""
    message.status, message.send_after, message.attempts = MessageStatus.QUEUED, utc_now(), 0
    db.session.flush()
    jobs.later(
        send_job.send_message,
        message.id,
        key=f"message:{message.id}:again:{int(utc_now().timestamp())}",
    )
