"""Each programme's booking rules, with the defaults for a programme nobody has set up yet."""

from __future__ import annotations

from trainer import audit
from trainer.extensions import db
from trainer.models import BookingSettings, Programme, User

DEFAULT_BEFORE_YOU_COME = (
    "Complete Part 1, the e-learning (about 90 minutes), before the live session. "
    "Bring your Part 1 certificate or its date."
)


#: what a coordinator sets; text fields are "" when left empty
SETTINGS_FIELDS = (
    "tier",
    "is_public",
    "cutoff_days",
    "offer_hours",
    "before_you_come",
    "is_accredited",
    "training_category",
    "valid_months",
)
TEXT_FIELDS = ("tier", "before_you_come", "training_category")


def settings_for(programme: Programme | int) -> BookingSettings:
    """The programme's booking settings, or the defaults (not saved) when it has none."""
    programme_id = programme if isinstance(programme, int) else programme.id
    found = db.session.get(BookingSettings, programme_id)
    if found is not None:
        return found
    return BookingSettings(
        programme_id=programme_id,
        tier="",
        is_public=False,
        cutoff_days=2,
        offer_hours=48,
        is_accredited=False,
        training_category="",
        valid_months=None,
        before_you_come=DEFAULT_BEFORE_YOU_COME,
    )


def save_booking_settings(settings: BookingSettings, values: dict, *, actor: User | None):
    """Keep a programme's booking settings (the defaults become its own the first time)."""
    before = {name: getattr(settings, name) for name in SETTINGS_FIELDS}
    for name in SETTINGS_FIELDS:
        value = values[name]
        setattr(settings, name, (value or "") if name in TEXT_FIELDS else value)
    db.session.add(settings)
    db.session.flush()
    after = {name: getattr(settings, name) for name in SETTINGS_FIELDS}
    audit.record(
        "programme.booking_settings", settings.programme, actor=actor, before=before, after=after
    )
    return settings
