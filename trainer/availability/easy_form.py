""" "When can I work?" in Easy Read: days with big choices (morning, afternoon or the whole
day); exact times are one step further, on the full form ("more choices")."""

from __future__ import annotations

from datetime import time

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput
from wtforms import RadioField, SubmitField

from trainer.easy_read.dates import AFTERNOON, MORNING, WHOLE_DAY, say_times
from trainer.forms import BaseForm, Required, options
from trainer.models.availability import WEEKDAYS

PARTS = {"whole": WHOLE_DAY, "morning": MORNING, "afternoon": AFTERNOON}
CHOICES = [("whole", "Whole day"), ("morning", "Morning"), ("afternoon", "Afternoon")]
NOT_THIS_DAY = ("no", "Not this day")


def easy_pattern_form_class(windows: dict[int, tuple[time, time]]):
    """The Easy Read form; a day whose times are none of the three keeps them as a choice."""

    class EasyPatternForm(BaseForm):
        mode = RadioField(
            "When can I work?",
            widget=GovRadioInput(),
            choices=options(
                [("any", "I can work on any day"), ("set", "I can only work on some days")]
            ),
            validators=[Required("Choose any day, or some days")],
        )
        submit = SubmitField("Save when I can work", widget=GovSubmitInput())

        def windows(self) -> list[tuple[int, time, time]]:
            chosen = []
            for day in range(7):
                value = self[f"day_{day}"].data
                if value in PARTS:
                    chosen.append((day, *PARTS[value]))
                elif value == "keep" and day in windows:
                    chosen.append((day, *windows[day]))
            return chosen

        def validate(self, extra_validators=None) -> bool:
            valid = super().validate(extra_validators)
            if valid and self.mode.data == "set" and not self.windows():
                self.mode.errors = ["Choose at least one day you can work, or choose any day"]
                valid = False
            return valid

    for day, name in enumerate(WEEKDAYS):
        kept = windows.get(day)
        own = [("keep", f"My times now: {say_times(*kept).lower()}")] if _odd(kept) else []
        setattr(
            EasyPatternForm,
            f"day_{day}",
            RadioField(
                name,
                widget=GovRadioInput(),
                choices=options([*own, *CHOICES, NOT_THIS_DAY]),
                default="no",
            ),
        )
    return EasyPatternForm


def _odd(window: tuple[time, time] | None) -> bool:
    return window is not None and window not in PARTS.values()


def choice_for(window: tuple[time, time] | None) -> str:
    """The choice that shows a day's window on the Easy Read form."""
    if window is None:
        return "no"
    return next((key for key, part in PARTS.items() if part == window), "keep")
