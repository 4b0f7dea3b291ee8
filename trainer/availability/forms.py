"""Forms for when people can work and whom they work with: working times, time off, pairs."""

from datetime import time

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput
from wtforms import RadioField, SubmitField
from wtforms.validators import Optional, ValidationError

from trainer.forms import (
    BaseForm,
    ChoiceField,
    GovDateField,
    GovTimeField,
    Required,
    options,
    reason_field,
    text,
)
from trainer.models.availability import WEEKDAYS

MIDNIGHT = time(0, 0)


def pattern_form_class():
    """A form with a start and end time for each day of the week."""

    class PatternForm(BaseForm):
        mode = RadioField(
            "When can they work?",
            widget=GovRadioInput(),
            choices=options([("any", "Any day and time"), ("set", "Only at the times below")]),
            validators=[Required("Choose any day and time, or set times")],
        )
        submit = SubmitField("Save working times", widget=GovSubmitInput())

        def windows(self) -> list[tuple[int, time, time]]:
            return [
                (day, self[f"start_{day}"].data, self[f"end_{day}"].data)
                for day in range(7)
                if self[f"start_{day}"].data
            ]

        def validate(self, extra_validators=None) -> bool:
            valid = super().validate(extra_validators)
            for day, name in enumerate(WEEKDAYS):
                start, end = self[f"start_{day}"], self[f"end_{day}"]
                if start.errors or end.errors:
                    continue
                if bool(start.data) != bool(end.data):
                    missing = end if start.data else start
                    missing.errors = [f"Enter both times for {name}, or neither"]
                    valid = False
                elif start.data and end.data != MIDNIGHT and end.data <= start.data:
                    end.errors = [f"The end time on {name} must be after the start time"]
                    valid = False
            if valid and self.mode.data == "set" and not self.windows():
                self.mode.errors = [
                    "Enter the times for at least one day, or choose any day and time"
                ]
                valid = False
            return valid

    for day, name in enumerate(WEEKDAYS):
        setattr(
            PatternForm,
            f"start_{day}",
            GovTimeField(f"{name} from", validators=[Optional()], description="For example, 09:00"),
        )
        setattr(
            PatternForm,
            f"end_{day}",
            GovTimeField(
                f"{name} until",
                validators=[Optional()],
                description="For example, 17:00. 00:00 means midnight",
            ),
        )
    return PatternForm


class TimeOffForm(BaseForm):
    first_day = GovDateField(
        "First day",
        validators=[Required("Enter the first day")],
        description="For example, 2026-03-17",
    )
    from_time = GovTimeField(
        "From", validators=[Optional()], description="Leave empty for the whole day"
    )
    last_day = GovDateField(
        "Last day",
        validators=[Required("Enter the last day")],
        description="The same as the first day for one day",
    )
    until_time = GovTimeField(
        "Until", validators=[Optional()], description="Leave empty for the whole day"
    )
    reason = text(
        "Reason",
        max_length=200,
        description="Optional. For example, holiday or hospital appointment",
    )
    submit = SubmitField("Add the time off", widget=GovSubmitInput())

    def validate_last_day(self, field):
        if self.first_day.data and field.data and field.data < self.first_day.data:
            raise ValidationError("The last day must be the same as or after the first day")


class PairForm(BaseForm):
    other = ChoiceField(
        "Who must they not work with?", message="Choose the person they must not work with"
    )
    reason = reason_field(
        "Why?", "Enter why they must not work together", "Only coordinators see this"
    )
    submit = SubmitField("Save", widget=GovSubmitInput())


class PartnerForm(BaseForm):
    other = ChoiceField(
        "Who do they like to work with?", message="Choose the person they like to work with"
    )
    submit = SubmitField("Save", widget=GovSubmitInput())
