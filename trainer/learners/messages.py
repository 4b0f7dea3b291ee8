"""Every email to a learner goes through `send_learner_message`: it writes the words from
`templates/learners/email/<kind>.txt` (the first line is the subject), attaches any files,
and queues the message in the caller's transaction; it is sent after the commit. Switching
learners' messages to the job queue and message log is a change to this one function.

`notices.py` says which message each change calls for.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, render_template

from trainer import mail
from trainer.learners import outbox
from trainer.models import Booking, LearnerMessage


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    maintype: str
    subtype: str
    params: tuple[tuple[str, str], ...] = ()


def send_learner_message(
    kind: str,
    *,
    to: str,
    key: str,
    context: dict,
    booking: Booking | None = None,
    attachments: tuple[Attachment, ...] = (),
) -> LearnerMessage | None:
    """Queue email `kind` to `to`, once per `key` (None when that key was queued before)."""
    if outbox.is_queued(key):
        return None
    words = render_template(f"learners/email/{kind}.txt", **_common(), **context)
    subject, _, text = words.partition("\n")
    message = mail.build(to=to, subject=subject.strip(), text=text.strip() + "\n")
    for part in attachments:
        message.add_attachment(
            part.content,
            maintype=part.maintype,
            subtype=part.subtype,
            filename=part.filename,
            params=dict(part.params),
        )
    return outbox.queue(
        message, to=to, kind=kind, key=key, booking_id=booking.id if booking else None
    )


def _common() -> dict:
    config = current_app.config
    return {
        "org": config["ORG_NAME"],
        "contact": f"{config['ORG_EMAIL']} or {config['ORG_PHONE']}",
    }
