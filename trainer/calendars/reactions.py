"""Calendars follow changes to sessions and teams: an invite, an update or a cancellation."""

from trainer import signals
from trainer.calendars import notify


def subscribe() -> None:
    """Connect once; connecting again is harmless (blinker keeps one of each receiver)."""
    signals.session_changed.connect(_session_changed)
    signals.offer_accepted.connect(_offer_accepted)
    signals.seat_given_up.connect(_seat_given_up)


def _session_changed(sender, *, session, actor) -> None:
    notify.session_changed(session, actor=actor)


def _offer_accepted(sender, *, assignment, actor) -> None:
    notify.offer_accepted(assignment, actor=actor)


def _seat_given_up(sender, *, assignment, actor) -> None:
    notify.person_removed(assignment, actor=actor)
