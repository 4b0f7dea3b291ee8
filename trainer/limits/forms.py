from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import HiddenField, SubmitField

from trainer.forms import BaseForm, PoundsField, WholeNumberField, long_text


class EsaAmountForm(BaseForm):
    tax_year = WholeNumberField(
        "Tax year starting in",
        minimum=2000,
        maximum=2100,
        description="For 2026/27, enter 2026: the year starts on 6 April",
    )
    weekly_pence = PoundsField("Most net pay in a week, in pounds", required=True)
    hours = WholeNumberField(
        "Hours a week to stay under", minimum=1, maximum=40, description="16 since 2008"
    )
    source = long_text("Where the figure comes from", max_length=300)
    submit = SubmitField("Save the amount", widget=GovSubmitInput())


class GoAheadForm(BaseForm):
    """Going ahead with a pay run that takes someone over a limit: why. Part of the pay-run
    form (whose token covers the request), so it has no token of its own."""

    class Meta:
        csrf = False

    seen = HiddenField()
    reason = long_text(
        "Why go ahead anyway?",
        max_length=1000,
        description="For example: they told us they have reported it and want to be paid now",
    )
