"""Growth follows attendance: a session attended as a shadow, or in a lived-experience seat,
is recorded on the person's progression (see trainer/signals.py)."""

from trainer import signals
from trainer.growth import progression


def subscribe() -> None:
    """Connect once; connecting again is harmless (blinker keeps one of each receiver)."""
    signals.attendance_recorded.connect(_attendance_recorded)


def _attendance_recorded(sender, *, assignment, actor) -> None:
    progression.note_attendance(assignment, actor=actor)
