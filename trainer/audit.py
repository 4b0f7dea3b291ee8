"""Write audit events for changes to sessions, assignments and money."""

from trainer.extensions import db
from trainer.models import AuditEvent, User


def record(
    action: str,
    entity,
    *,
    actor: User | None,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEvent:
    """Add an audit event for `entity`; it is saved with the caller's transaction."""
    event = AuditEvent(
        action=action,
        entity_type=entity.__tablename__,
        entity_id=entity.id,
        before=before,
        after=after,
        reason=reason,
        actor_id=actor.id if actor is not None else None,
    )
    db.session.add(event)
    return event


def saved(kind: str, entity, *, actor: User | None, before: dict | None, after: dict) -> None:
    """'<kind>.created' when there was nothing before, else '<kind>.updated'."""
    action = f"{kind}.created" if before is None else f"{kind}.updated"
    record(action, entity, actor=actor, before=before, after=after)
