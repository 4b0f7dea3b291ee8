from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput
from wtforms import RadioField, SubmitField
from wtforms.validators import StopValidation

from trainer.forms import BaseForm, ChoiceField, Required, options
from trainer.models import Reminders


class ReminderRadios(RadioField):
    def pre_validate(self, form):
        if self.data not in {choice.value for choice in Reminders}:
            raise StopValidation("Choose when you want a reminder")


class ReminderForm(BaseForm):
    reminders = ReminderRadios(
        "When do you want a reminder?",
        widget=GovRadioInput(),
        choices=options((choice.value, choice.label) for choice in Reminders),
        validators=[Required("Choose when you want a reminder")],
    )
    submit = SubmitField("Save reminders", widget=GovSubmitInput())


class TeamFeedForm(BaseForm):
    """Which sessions a coordinator's feed link shows (a GET form that only builds the link)."""

    class Meta:
        csrf = False

    programme = ChoiceField("Programme", required=False)
    venue = ChoiceField("Venue", required=False)
    show = SubmitField("Show the link", widget=GovSubmitInput())
