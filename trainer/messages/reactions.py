"""Messages follow changes: offers, answers, moved and cancelled sessions. Each receiver
runs inside the change's transaction and writes messages that are sent after the commit."""

from __future__ import annotations

from trainer import signals
from trainer.messages import events
from trainer.models import SessionStatus


def subscribe() -> None:
    """Connect once; connecting again is harmless (blinker keeps one of each receiver)."""
    signals.offer_made.connect(_offer_made)
    signals.offer_accepted.connect(_answered)
    signals.seat_given_up.connect(_dropped_out)
    signals.seat_released.connect(_answered)
    signals.session_details_changed.connect(_details_changed)
    signals.session_changed.connect(_session_changed)


def _offer_made(sender, *, assignment, actor, **extra) -> None:
    events.offer_made(assignment)


def _answered(sender, *, assignment, actor, **extra) -> None:
    events.answered(assignment, actor=actor)


def _dropped_out(sender, *, assignment, actor, **extra) -> None:
    """Sent before seat_released: the first message for this answer says it was a yes."""
    events.answered(assignment, actor=actor, dropped_out=True)


def _details_changed(sender, *, session, actor, change, **extra) -> None:
    events.session_changed(session, change=change)


def _session_changed(sender, *, session, actor, **extra) -> None:
    if session.status is SessionStatus.CANCELLED:
        events.session_cancelled(session)
