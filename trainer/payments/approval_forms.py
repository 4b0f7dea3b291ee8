"""The form for who approves pay (shape only)."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput
from wtforms import RadioField, SubmitField

from trainer.forms import BaseForm, Required, options
from trainer.models import ApprovalRoute


class ApprovalSettingsForm(BaseForm):
    approval_route = RadioField(
        "Who approves pay?",
        widget=GovRadioInput(),
        choices=options([(route.value, route.label) for route in ApprovalRoute]),
        validators=[Required("Choose who approves pay")],
    )
    needs_two_people = RadioField(
        "Must the person who confirmed the work be someone other than the one who approves its "
        "pay?",
        widget=GovRadioInput(),
        choices=options(
            [
                ("yes", "Yes: two people, one confirms the work and another approves the pay"),
                ("no", "No: the person who confirmed the work may also approve its pay"),
            ]
        ),
        validators=[Required("Choose whether two people are needed")],
        description="Nobody ever approves pay for work they delivered themselves.",
    )
    submit = SubmitField("Save who approves pay", widget=GovSubmitInput())
