"""The form for offering a seat although a hard rule says no."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from trainer.forms import BaseForm, reason_field


class OverrideForm(BaseForm):
    reason = reason_field(
        "Why offer the seat anyway?",
        "Enter why you are offering the seat anyway",
        "The reason is kept in the audit log and shown on the session",
    )
    submit = SubmitField("Offer the seat anyway", widget=GovSubmitInput())
