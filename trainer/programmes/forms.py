from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSubmitInput,
)
from wtforms import RadioField, SelectMultipleField, SubmitField
from wtforms.validators import Optional, ValidationError

from trainer.domain import DomainError
from trainer.forms import (
    BaseForm,
    GovTimeField,
    Required,
    WholeNumberField,
    long_text,
    options,
    text,
)
from trainer.models import ACCESS_FEATURES, DeliveryMode, ProgrammeKind

MODE_CHOICES = options((mode.value, mode.label) for mode in DeliveryMode)
KIND_CHOICES = options(
    (
        (ProgrammeKind.TRAINING.value, "Training"),
        (ProgrammeKind.REVIEW.value, "Review meeting: experts review the training together"),
    )
)


class ProgrammeForm(BaseForm):
    name = text("Name", required=True, message="Enter the programme's name")
    description = long_text("Description")
    delivery_mode = RadioField(
        "How is it delivered?",
        choices=MODE_CHOICES,
        widget=GovRadioInput(),
        validators=[Required("Choose online or in person")],
    )
    duration_minutes = WholeNumberField("Length in minutes", minimum=1, maximum=24 * 60)
    default_start_time = GovTimeField(
        "Usual start time", validators=[Optional()], description="Optional. For example, 09:30"
    )
    capacity = WholeNumberField(
        "Learners per session",
        minimum=1,
        maximum=500,
        description="The most learners a session can take",
    )
    what_to_bring = long_text("What the team should bring")
    kind = RadioField(
        "What kind of programme is it?",
        choices=KIND_CHOICES,
        default=ProgrammeKind.TRAINING.value,
        coerce=lambda kind: kind.value if isinstance(kind, ProgrammeKind) else kind,
        widget=GovRadioInput(),
        description="A review meeting is paid by its own rates and records "
        "“You said, we did” outcomes. Learners cannot book it.",
    )
    shadow_seats = WholeNumberField(
        "Shadows per session",
        minimum=0,
        maximum=5,
        required=False,
        description="People still learning who may watch a session. They are not part of "
        "the team. Leave empty for 1.",
    )
    submit = SubmitField("Save programme", widget=GovSubmitInput())

    team_field_names: list[tuple[int, str]] = []

    def apply_error(self, error: DomainError) -> None:
        """A rule about the whole team is shown on its first 'how many' box."""
        if error.field == "team" and self.team_field_names:
            error = DomainError(error.message, self.team_field_names[0][1])
        super().apply_error(error)


def programme_form(roles, *args, **kwargs) -> ProgrammeForm:
    """A programme form with one 'how many' field per delivery role (the team composition)."""

    class Form(ProgrammeForm):
        pass

    Form.team_field_names = []
    for role in roles:
        name = f"seats_{role.id}"
        setattr(
            Form,
            name,
            WholeNumberField(
                role.name,
                minimum=0,
                maximum=10,
                required=False,
                description="How many in each team",
            ),
        )
        Form.team_field_names.append((role.id, name))
    return Form(*args, **kwargs)


class VenueForm(BaseForm):
    name = text("Name", required=True, message="Enter the venue's name")
    is_online = RadioField(
        "Is this an online venue?",
        default="no",
        choices=options([("no", "No, a building"), ("yes", "Yes, online")]),
        widget=GovRadioInput(),
        validators=[Required("Choose online or a building")],
    )
    meeting_url = text(
        "Meeting link", max_length=500, description="For online venues: the link people use to join"
    )
    address_line1 = text("Address line 1")
    address_line2 = text("Address line 2")
    town = text("Town or city", max_length=80)
    postcode = text("Postcode", max_length=12)
    access = SelectMultipleField(
        "Access features",
        choices=options(ACCESS_FEATURES.items()),
        widget=GovCheckboxesInput(),
        validators=[Optional()],
        description="Select all that this venue has",
    )
    arrival_instructions = long_text(
        "How to get in", description="Which door, where to park, who meets you"
    )
    contact_name = text("Who to ask for")
    contact_phone = text("Contact phone number", max_length=40)
    submit = SubmitField("Save venue", widget=GovSubmitInput())

    def validate_meeting_url(self, field):
        if field.data and not field.data.startswith(("https://", "http://")):
            raise ValidationError("Enter a meeting link starting with https://")
