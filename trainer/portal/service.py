"""Changes a co-trainer makes from their home. Services flush; the view commits."""

from trainer import audit
from trainer.extensions import db
from trainer.models import AuditEvent, Person, User


def request_support_change(person: Person, message: str, *, actor: User) -> AuditEvent:
    """Record a person's request to change the support recorded for them."""
    event = audit.record("person.support_change_requested", person, actor=actor, reason=message)
    db.session.flush()
    return event
