from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length

from trainer.forms import BaseForm, NoMarkup, Required, strip


class SupportChangeForm(BaseForm):
    change = TextAreaField(
        "What would you like to change?",
        widget=GovTextArea(),
        filters=[strip],
        description="For example: I need a quiet room. Or: please phone me the day before.",
        validators=[
            Required("Write what you would like to change"),
            Length(max=2000, message="Write 2,000 characters or fewer"),
            NoMarkup("Write your message in words only"),
        ],
    )
    submit = SubmitField("Send to the coordinator", widget=GovSubmitInput())
