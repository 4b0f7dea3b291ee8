from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import HiddenField, PasswordField, StringField, SubmitField
from wtforms.validators import Length

from trainer.forms import BaseForm, Required, strip


class SignInForm(BaseForm):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        filters=[strip],
        validators=[Required("Enter your email address"), Length(max=254)],
    )
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[Required("Enter your password"), Length(max=200)],
    )
    next = HiddenField()
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class RequestLinkForm(BaseForm):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        filters=[strip],
        description="We will email you a link. Press the link to sign in.",
        validators=[Required("Enter your email address"), Length(max=254)],
    )
    submit = SubmitField("Email me a link", widget=GovSubmitInput())


class UseLinkForm(BaseForm):
    submit = SubmitField("Sign me in", widget=GovSubmitInput())


class MakeLinkForm(BaseForm):
    """A coordinator makes a link for a trainer: shown on screen, or emailed to them."""

    send = HiddenField()
