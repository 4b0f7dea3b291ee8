"""How a person wants to hear from us: channels, format, supporter copies, quiet hours,
reminder times."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSubmitInput,
)
from wtforms import BooleanField, RadioField, SelectMultipleField, SubmitField
from wtforms.validators import Optional

from trainer.forms import BaseForm, GovTimeField, Required, options
from trainer.messages.timing import LABELS
from trainer.models import InformationFormat

CHANNELS = {"email": "Email", "text": "Text message"}


class MessageChoiceForm(BaseForm):
    channels = SelectMultipleField(
        "How should we send messages?",
        widget=GovCheckboxesInput(),
        choices=options(CHANNELS.items()),
        description="Choose none to get no messages. You will still see everything here.",
        validators=[Optional()],
    )
    style = RadioField(
        "How should messages look?",
        widget=GovRadioInput(),
        choices=options((f.value, f.label) for f in InformationFormat),
        validators=[Required("Choose how messages should look")],
    )
    supporter_copies = BooleanField(
        "Send my supporter a copy of every message", widget=GovCheckboxInput()
    )
    quiet_from = GovTimeField("Quiet from", validators=[Optional()])
    quiet_until = GovTimeField("Quiet until", validators=[Optional()])
    reminders = SelectMultipleField(
        "When should we remind you of a session?",
        widget=GovCheckboxesInput(),
        choices=options(LABELS.items()),
        validators=[Optional()],
    )
    submit = SubmitField("Save my choices", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        """Quiet hours need both times (or neither), and different ones. Checked here, as
        Optional() stops a blank field's own checks."""
        valid = super().validate(extra_validators)
        start, end = self.quiet_from.data, self.quiet_until.data
        problem = ""
        if (start is None) != (end is None) and not self.quiet_from.errors:
            problem = "Enter both quiet times, or neither"
        elif start is not None and start == end:
            problem = "Quiet until must be different from quiet from"
        if problem:
            self.quiet_until.errors = [*self.quiet_until.errors, problem]
            return False
        return valid
