from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSubmitInput,
)
from wtforms import BooleanField, RadioField, SelectMultipleField, SubmitField
from wtforms.validators import Optional

from trainer.forms import (
    BaseForm,
    PoundsField,
    RecordChoicesField,
    Required,
    WholeNumberField,
    email_field,
    long_text,
    options,
    text,
)
from trainer.models import ACCESS_FEATURES, ContactMethod, InformationFormat, PaymentChoice


def _choices(enum_cls):
    return options((member.value, member.label) for member in enum_cls)


class PersonForm(BaseForm):
    full_name = text("Full name", required=True, message="Enter their full name")
    known_as = text("Known as", max_length=60, description="The name they like to be called")
    email = email_field("Email address")
    phone = text("Phone number", max_length=40)
    postal_address = long_text(
        "Postal address", max_length=500, description="Used on payment and recognition letters"
    )
    preferred_contact = RadioField(
        "How do they like to be contacted?",
        widget=GovRadioInput(),
        choices=_choices(ContactMethod),
        default="email",
        validators=[Required("Choose how they like to be contacted")],
    )
    preferred_format = RadioField(
        "How do they like information?",
        widget=GovRadioInput(),
        choices=_choices(InformationFormat),
        default="plain",
        validators=[Required("Choose how they like information")],
    )
    delivery_roles = RecordChoicesField("Roles they can fill")
    qualifications = RecordChoicesField("Programmes they are trained to deliver")
    communication_needs = long_text(
        "Communication needs", description="How they communicate best, and what helps"
    )
    support_needs = long_text("Support needs", description="Support to arrange for sessions")
    access_needs = SelectMultipleField(
        "Access needs at a venue",
        widget=GovCheckboxesInput(),
        choices=options(ACCESS_FEATURES.items()),
        validators=[Optional()],
    )
    supporter_name = text("Supporter's name", description="A supporter or support worker")
    supporter_email = email_field("Supporter's email address")
    supporter_phone = text("Supporter's phone number", max_length=40)
    supporter_gets_copies = BooleanField(
        "Send the supporter copies of invites and letters", widget=GovCheckboxInput()
    )
    payment_choice = RadioField(
        "How do they want to be paid?",
        widget=GovRadioInput(),
        choices=_choices(PaymentChoice),
        default="paid_payroll",
        validators=[Required("Choose how they want to be paid")],
    )
    reduced_percent = WholeNumberField(
        "Percentage of the usual fee",
        minimum=0,
        maximum=100,
        required=False,
        description="Only for a reduced fee",
    )
    charity_name = text("Charity to pay", description="Only when paid to a charity")
    max_sessions_per_week = WholeNumberField(
        "Most sessions in a week", minimum=0, maximum=50, required=False
    )
    max_hours_per_week = WholeNumberField(
        "Most hours of work in a week",
        minimum=0,
        maximum=80,
        required=False,
        description="For example, 15 to stay under 16 hours",
    )
    max_pence_per_week = PoundsField(
        "Most earnings in a week, in pounds", description="For example, 195.50"
    )
    max_pence_per_month = PoundsField("Most earnings in a calendar month, in pounds")
    notes = long_text("Notes")
    submit = SubmitField("Save", widget=GovSubmitInput())
