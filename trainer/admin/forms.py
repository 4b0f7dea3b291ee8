from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovPasswordInput,
    GovSubmitInput,
)
from wtforms import BooleanField, PasswordField, SelectMultipleField, SubmitField
from wtforms.validators import Length

from trainer.forms import BaseForm, ChoiceField, Required, email_field, options
from trainer.models import Role

ROLE_CHOICES = options((role.value, role.label) for role in Role)


class AccountForm(BaseForm):
    email = email_field("Email address", required=True, message="Enter an email address")
    roles = SelectMultipleField(
        "Roles",
        choices=ROLE_CHOICES,
        widget=GovCheckboxesInput(),
        validators=[Required("Choose at least one role")],
    )
    person_id = ChoiceField(
        "Linked trainer profile",
        required=False,
        description="Link a trainer or co-trainer to their profile",
    )
    is_enabled = BooleanField("Account can sign in", widget=GovCheckboxInput(), default=True)
    submit = SubmitField("Save account", widget=GovSubmitInput())


class NewAccountForm(AccountForm):
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[
            Required("Enter a password"),
            Length(min=8, max=200, message="The password must be 8 to 200 characters"),
        ],
        description="At least 8 characters. Pass it on privately.",
    )
