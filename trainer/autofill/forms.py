"""Auto-fill's range and programme: asked for in a query, then sent back with the offers."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from trainer.forms import BaseForm, ChoiceField, GovDateField, Required


class ApplyAutoFillForm(BaseForm):
    """The range and programme; sent back with the confirmation (with a CSRF token)."""

    date_from = GovDateField(
        "From", validators=[Required("Enter the first day")], description="For example, 2026-03-02"
    )
    date_to = GovDateField(
        "To",
        validators=[Required("Enter the last day")],
        description="At most 62 days after the first",
    )
    programme = ChoiceField("Programme", required=False)
    submit = SubmitField("Propose teams", widget=GovSubmitInput())


class AutoFillForm(ApplyAutoFillForm):
    """The same inputs in a GET query: proposing changes nothing, so no CSRF token."""

    class Meta:
        csrf = False
