from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from trainer.forms import (
    BaseForm,
    ChoiceField,
    GovDateField,
    GovTimeField,
    NoMarkup,
    Required,
    WholeNumberField,
    long_text,
    reason_field,
    text,
)
from trainer.models import SessionStatus


class SessionForm(BaseForm):
    programme_id = ChoiceField("Programme")
    day = GovDateField(
        "Date",
        validators=[Required("Enter the date of the session")],
        description="For example, 2026-03-17",
    )
    start_time = GovTimeField(
        "Start time",
        validators=[Required("Enter the start time")],
        description="For example, 09:30",
    )
    end_time = GovTimeField(
        "End time",
        validators=[Optional()],
        description=(
            "Leave empty to use the programme's usual length. Moving the start time and "
            "leaving this as it is keeps the session's length"
        ),
    )
    venue_id = ChoiceField(
        "Venue", required=False, description="Leave empty for an online session with its own link"
    )
    meeting_url = text(
        "Meeting link", max_length=500, description="Only if this session has its own link"
    )
    capacity = WholeNumberField(
        "Learners",
        minimum=1,
        maximum=500,
        required=False,
        description="Leave empty to use the programme's usual number",
    )
    what_to_bring = long_text("What the team should bring")
    notes = long_text("Notes for the team")
    submit = SubmitField("Save session", widget=GovSubmitInput())

    def validate_meeting_url(self, field):
        if field.data and not field.data.startswith(("https://", "http://")):
            raise ValidationError("Enter a meeting link starting with https://")


STATUS_CHOICES = [(None, "Any status")] + [(s.value, s.label) for s in SessionStatus]


class SessionFilterForm(BaseForm):
    class Meta:
        csrf = False

    date_from = GovDateField("From", validators=[Optional()])
    date_to = GovDateField("To", validators=[Optional()])
    programme = ChoiceField("Programme", required=False)
    status = ChoiceField("Status", required=False, numeric=False)
    venue = ChoiceField("Venue", required=False)
    submit = SubmitField("Show sessions", widget=GovSubmitInput())

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError("To must be the same as or after From")


class CancelSessionForm(BaseForm):
    reason = TextAreaField(
        "Why is it cancelled?",
        widget=GovTextArea(),
        validators=[
            Required("Enter why the session is cancelled"),
            Length(max=500, message="The reason must be 500 characters or fewer"),
            NoMarkup(),
        ],
        description="The team will see this",
    )
    submit = SubmitField("Cancel the session", widget=GovSubmitInput())


class ScheduleAnywayForm(BaseForm):
    reason = reason_field(
        "Why schedule it now?",
        "Enter why the session is scheduled before the team is ready",
        "The reason is kept in the audit log and shown on the session",
    )
    submit = SubmitField("Schedule the session anyway", widget=GovSubmitInput())
