"""The rate form: every part of pay, and the reason an expert by experience would be paid less
than a facilitator (needed only then). Shape only."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from trainer.forms import (
    BaseForm,
    ChoiceField,
    GovDateField,
    NoMarkup,
    PoundsField,
    Required,
    WholeNumberField,
    options,
    strip,
)
from trainer.models import FeeBasis


class RateForm(BaseForm):
    programme = ChoiceField("Programme")
    role = ChoiceField("Delivery role")
    effective_from = GovDateField("In force from", validators=[Required("Enter the first day")])
    fee_basis = RadioField(
        "The fee is paid",
        widget=GovRadioInput(),
        choices=options([(b.value, b.label) for b in FeeBasis]),
        validators=[Required("Choose per session or per hour")],
    )
    delivery = PoundsField("Delivery fee", required=True)
    preparation_minutes = WholeNumberField("Paid preparation, in minutes", maximum=1440)
    preparation_rate = PoundsField("Preparation, per hour", required=True)
    travel_rate = PoundsField("Travel time, per hour", required=True)
    pence_per_mile = WholeNumberField("Mileage, pence a mile", maximum=500)
    late_cancellation_percent = WholeNumberField(
        "Late cancellation, percent of the delivery fee",
        maximum=100,
        description="Paid when a session is cancelled at short notice: 100 pays the full fee",
    )
    equal_pay_reason = TextAreaField(
        "Reason, if an expert by experience is paid less than a facilitator for this work",
        widget=GovTextArea(),
        filters=[strip],
        validators=[Optional(), Length(max=1000), NoMarkup()],
        description="Needed only then. Kept with the rate and shown in the equal-pay check.",
    )
    submit = SubmitField("Add the rate", widget=GovSubmitInput())
