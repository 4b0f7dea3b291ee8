from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import HiddenField, PasswordField, StringField, SubmitField
from wtforms.validators import Length

from ..forms import BaseForm, Required, strip


class SignInForm(BaseForm):
    email = StringField(
        "Email address", widget=GovTextInput(), filters=[strip],
        validators=[Required("Enter your email address"), Length(max=254)],
    )
    password = PasswordField(
        "Password", widget=GovPasswordInput(),
        validators=[Required("Enter your password"), Length(max=200)],
    )
    next = HiddenField()
    submit = SubmitField("Sign in", widget=GovSubmitInput())
