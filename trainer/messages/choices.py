"""Each person's choices about messages: channels, quiet hours and reminder times (format
and supporter copies live on the person, where letters and invites read them too)."""

from __future__ import annotations

from datetime import time

from trainer import audit
from trainer.extensions import db
from trainer.messages.timing import REMINDERS
from trainer.models import InformationFormat, MessageChoice, Person, User

#: MessageChoice column for each reminder name
REMINDER_FIELDS = {name: f"remind_{name}" for name in REMINDERS}


def choices_for(person: Person) -> MessageChoice:
    """The person's choices, or the defaults when they have made none (not saved)."""
    row = db.session.get(MessageChoice, person.id)
    return row if row is not None else MessageChoice.defaults(person.id)


def chosen_reminders(choice: MessageChoice) -> list[str]:
    return [name for name, field in REMINDER_FIELDS.items() if getattr(choice, field)]


def save_choices(
    person: Person,
    *,
    actor: User | None,
    by_email: bool,
    by_text: bool,
    style: InformationFormat,
    supporter_copies: bool,
    quiet_from: time | None,
    quiet_until: time | None,
    reminders: list[str],
) -> MessageChoice:
    """Save how `person` wants to hear from us (flushes; the caller commits)."""
    row = db.session.get(MessageChoice, person.id)
    if row is None:
        row = MessageChoice.defaults(person.id)
        db.session.add(row)
    before = _snapshot(person, row)
    row.by_email, row.by_text = by_email, by_text
    row.quiet_from, row.quiet_until = quiet_from, quiet_until
    for name, field in REMINDER_FIELDS.items():
        setattr(row, field, name in reminders)
    person.preferred_format = style
    person.supporter_gets_copies = supporter_copies
    db.session.flush()
    audit.record(
        "person.message_choices", person, actor=actor, before=before, after=_snapshot(person, row)
    )
    return row


def _snapshot(person: Person, row: MessageChoice) -> dict:
    return {
        "by_email": row.by_email,
        "by_text": row.by_text,
        "format": person.preferred_format.value,
        "supporter_copies": person.supporter_gets_copies,
        "quiet_from": row.quiet_from.isoformat() if row.quiet_from else None,
        "quiet_until": row.quiet_until.isoformat() if row.quiet_until else None,
        "reminders": chosen_reminders(row),
    }
