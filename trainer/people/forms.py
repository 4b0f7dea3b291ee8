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
    GovDateField,
    PoundsField,
    RecordChoicesField,
    Required,
    WholeNumberField,
    email_field,
    long_text,
    options,
    text,
)
from trainer.models import (
    ACCESS_FEATURES,
    BenefitSituation,
    ContactMethod,
    InformationFormat,
    PaymentChoice,
)


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
    payment_choice_made_on = GovDateField(
        "The day they made this choice",
        validators=[Optional()],
        description="Needed when they decline pay or take a reduced fee",
    )
    payment_choice_informed = BooleanField(
        "They know that working unpaid or for less can still be seen as a sign they can work, "
        "and chose this themselves",
        widget=GovCheckboxInput(),
    )
    max_sessions_per_week = WholeNumberField(
        "Most sessions in a week",
        minimum=0,
        maximum=50,
        required=False,
        description="Their own workload limit, whatever their benefits",
    )
    benefit_situation = RadioField(
        "Which earnings limit do they live under?",
        widget=GovRadioInput(),
        choices=_choices(BenefitSituation),
        default="none",
        # a request without it keeps the person's situation (from `obj`) rather than failing
        coerce=lambda value: getattr(value, "value", value),
        validators=[Required("Choose which earnings limit they live under")],
    )
    uc_period_start_day = WholeNumberField(
        "Universal Credit: the day of the month their assessment period starts",
        minimum=1,
        maximum=31,
        required=False,
        description="The day they claimed. Their Universal Credit statement shows it.",
    )
    uc_monthly_limit_pence = PoundsField(
        "Universal Credit: the most pay they want in one assessment period, in pounds",
        description="Their own amount, for example their work allowance",
    )
    max_hours_per_week = WholeNumberField(
        "Own limit: most hours of work in a week",
        minimum=0,
        maximum=80,
        required=False,
    )
    max_pence_per_week = PoundsField("Own limit: most pay in a week, in pounds")
    max_pence_per_month = PoundsField("Own limit: most pay in a calendar month, in pounds")
    notes = long_text("Notes")
    submit = SubmitField("Save", widget=GovSubmitInput())
