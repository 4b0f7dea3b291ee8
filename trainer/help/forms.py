from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import HiddenField, SubmitField, TextAreaField
from wtforms.validators import Length

from trainer.forms import BaseForm, NoMarkup, Required, strip


class HelpForm(BaseForm):
    page = HiddenField()
    message = TextAreaField(
        "What do you need help with?",
        widget=GovTextArea(),
        filters=[strip],
        description="You do not have to write anything. Just press the button.",
        validators=[
            Length(max=2000, message="Write 2,000 characters or fewer"),
            NoMarkup("Write your message in words only"),
        ],
    )
    submit = SubmitField("Send to the coordinator", widget=GovSubmitInput())


class AnswerForm(BaseForm):
    answer = TextAreaField(
        "What did you do?",
        widget=GovTextArea(),
        filters=[strip],
        description="For example: phoned them and moved their session.",
        validators=[
            Required("Write what you did to help"),
            Length(max=2000, message="Write 2,000 characters or fewer"),
            NoMarkup("Write what you did in words only"),
        ],
    )
    submit = SubmitField("Mark as answered", widget=GovSubmitInput())
