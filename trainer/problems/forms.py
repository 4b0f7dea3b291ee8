"""The form for keeping a person in a seat although a rule is now broken."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from trainer.forms import BaseForm, reason_field


class KeepSeatForm(BaseForm):
    reason = reason_field(
        "Why keep them in the seat?",
        "Enter why they keep the seat",
        "The reason is kept in the audit log and shown on the session",
    )
    submit = SubmitField("Keep them in the seat", widget=GovSubmitInput())
