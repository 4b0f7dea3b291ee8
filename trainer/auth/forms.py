from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import HiddenField, PasswordField, StringField, SubmitField
from wtforms.validators import EqualTo, Length

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


class ForgottenPasswordForm(BaseForm):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        filters=[strip],
        description="We will email you a link to set a new password.",
        validators=[Required("Enter your email address"), Length(max=254)],
    )
    submit = SubmitField("Email me a link", widget=GovSubmitInput())


class SetPasswordForm(BaseForm):
    password = PasswordField(
        "New password",
        widget=GovPasswordInput(),
        description="At least 8 characters. A few words you will remember work well.",
        validators=[Required("Enter a new password"), Length(max=200)],
    )
    confirm = PasswordField(
        "Type the new password again",
        widget=GovPasswordInput(),
        validators=[
            Required("Type the new password again"),
            EqualTo("password", "The two passwords are not the same"),
        ],
    )
    submit = SubmitField("Save my password", widget=GovSubmitInput())


class TwoStepCodeForm(BaseForm):
    code = StringField(
        "Code from your authenticator app",
        widget=GovTextInput(),
        filters=[strip],
        description="6 numbers. Lost your phone? Enter one of your recovery codes instead.",
        validators=[Required("Enter the code from your authenticator app"), Length(max=40)],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class PasswordCheckForm(BaseForm):
    """Your password again, before a change to how you sign in."""

    password = PasswordField(
        "Your password",
        widget=GovPasswordInput(),
        validators=[Required("Enter your password"), Length(max=200)],
    )
    submit = SubmitField("Turn off two-step verification", widget=GovSubmitInput())
