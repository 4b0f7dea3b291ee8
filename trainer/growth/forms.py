"""Forms for room to grow: progression steps, a named lead, check-ins, review outcomes."""

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput
from wtforms import RadioField, SelectField, SubmitField

from trainer.forms import (
    BaseForm,
    ChoiceField,
    GovDateField,
    Required,
    long_text,
    options,
    reason_field,
    text,
)
from trainer.models import Feeling, ProgressionStage


class ProgressionStepForm(BaseForm):
    stage = RadioField(
        "Stage reached",
        widget=GovRadioInput(),
        choices=options((s.value, s.label) for s in ProgressionStage),
        validators=[Required("Choose the stage reached")],
    )
    reached_on = GovDateField("Day it was reached", validators=[Required("Enter the day")])
    evidence = reason_field(
        "Evidence",
        "Say what shows this stage was reached",
        "For example: the co-trainer course finished, or the session shadowed",
    )
    submit = SubmitField("Record the stage", widget=GovSubmitInput())


class LeadForm(BaseForm):
    lead = ChoiceField(
        "Named lead", message="Choose the named lead", required=False, widget=GovRadioInput()
    )
    submit = SubmitField("Save the named lead", widget=GovSubmitInput())


class CheckInForm(BaseForm):
    feeling = RadioField(
        "How do you feel?",
        choices=options((f.value, f.label) for f in Feeling),
        validators=[Required("Choose a picture that shows how you feel")],
    )
    went_well = long_text("What went well?")
    was_hard = long_text("What was hard?")
    would_help = long_text("What would help next time?")
    wants_support = RadioField(
        "Would you like someone to talk to you?",
        widget=GovRadioInput(),
        choices=options((("yes", "Yes, please contact me"), ("no", "No, thank you"))),
        validators=[Required("Say if you would like someone to talk to you")],
    )
    submit = SubmitField("Send my check-in", widget=GovSubmitInput())


class OutcomeForm(BaseForm):
    you_said = reason_field("You said", "Write what people said", "What people asked for")
    we_did = long_text(
        "We did", max_length=1000, description="What was done about it. Leave empty until then."
    )
    owner = text("Who will do it", required=True, message="Say who will do it")
    due_on = GovDateField("To be done by", validators=[Required("Enter the day it is due")])
    done_on = GovDateField("Done on", description="Leave empty until it is done")
    submit = SubmitField("Save", widget=GovSubmitInput())


class ShadowForm(BaseForm):
    submit = SubmitField("Yes, I want to shadow this session", widget=GovSubmitInput())


def role_stages_form(roles, *args, **kwargs) -> BaseForm:
    """One "stage needed" choice per delivery role (the observers' role included)."""

    class Form(BaseForm):
        submit = SubmitField("Save the stages roles need", widget=GovSubmitInput())

    Form.role_fields = []
    choices = options(
        [("", "No stage needed")] + [(s.value, f"{s.label} or further") for s in ProgressionStage]
    )
    for role in roles:
        name = f"stage_{role.id}"
        setattr(
            Form,
            name,
            SelectField(role.name, choices=choices, default="", widget=GovSelect()),
        )
        Form.role_fields.append((role, name))
    return Form(*args, **kwargs)
