from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovSubmitInput
from wtforms import SelectMultipleField, SubmitField

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
    submit = SubmitField("Save account", widget=GovSubmitInput())


class NewAccountForm(AccountForm):
    """A new account: its owner sets their own password from the invitation we email."""

    submit = SubmitField("Add the account and email an invitation", widget=GovSubmitInput())
