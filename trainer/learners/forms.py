"""Forms for learners and places: shape only; the services check the rules."""

from __future__ import annotations

from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
)
from wtforms import BooleanField, RadioField, SubmitField
from wtforms.validators import Optional

from trainer.forms import (
    BaseForm,
    ChoiceField,
    GovDateField,
    Required,
    WholeNumberField,
    email_field,
    long_text,
    options,
    text,
)
from trainer.learners.records import MAX_UPLOAD_BYTES, LearnerDetails, Upload
from trainer.models import PartOne, Sector

SECTORS = options((sector.value, sector.label) for sector in Sector)
PART_ONE = options(
    [
        (PartOne.COMPLETED_ON.value, "Yes, I can give the date I finished it"),
        (PartOne.DECLARED.value, "Yes, I have done it"),
        (PartOne.NOT_YET.value, "Not yet: I will do it before the session"),
    ]
)


class LearnerDetailsForm(BaseForm):
    """Who is coming: used by coordinators, employers and the public page alike."""

    full_name = text("Full name", required=True, message="Enter the learner's full name")
    email = email_field(
        "Email address",
        required=True,
        message="Enter an email address",
        description="Joining instructions and the certificate are sent here",
    )
    organisation = text(
        "Employer or organisation", max_length=160, description="Leave empty if none"
    )
    job_role = text("Job role", max_length=120)
    sector = RadioField(
        "Which sector do they work in?",
        widget=GovRadioInput(),
        choices=SECTORS,
        validators=[Required("Choose health, social care or other")],
    )
    part_one = RadioField(
        "Has Part 1 (the e-learning) been done?",
        widget=GovRadioInput(),
        choices=PART_ONE,
        validators=[Required("Say whether Part 1 has been done")],
        description="Part 1 must be done before the live session",
    )
    part_one_on = GovDateField(
        "Date Part 1 was finished", validators=[Optional()], description="For example, 2026-03-17"
    )
    adjustments = long_text(
        "Adjustments needed at the session",
        max_length=1000,
        description="For example, a hearing loop, large print, or breaks. The team will see this.",
    )

    def details(self, *, employer_id: int | None = None) -> LearnerDetails:
        return LearnerDetails(
            full_name=self.full_name.data,
            email=self.email.data,
            organisation=self.organisation.data or "",
            job_role=self.job_role.data or "",
            sector=Sector(self.sector.data),
            part_one=PartOne(self.part_one.data),
            part_one_on=self.part_one_on.data,
            adjustments=self.adjustments.data or "",
            employer_id=employer_id,
        )

    def fill_from(self, learner) -> None:
        for name in ("full_name", "email", "organisation", "job_role", "adjustments"):
            self[name].data = getattr(learner, name)
        self.sector.data = learner.sector.value
        self.part_one.data = learner.part_one.value
        self.part_one_on.data = learner.part_one_on


class CoordinatorLearnerForm(LearnerDetailsForm):
    employer_id = ChoiceField(
        "Employer", required=False, description="An employer whose booking contacts see them"
    )
    submit = SubmitField("Save learner", widget=GovSubmitInput())


class AddLearnerForm(CoordinatorLearnerForm):
    submit = SubmitField("Book a place", widget=GovSubmitInput())


class EmployerBookingForm(LearnerDetailsForm):
    submit = SubmitField("Book a place", widget=GovSubmitInput())


class PublicBookingForm(LearnerDetailsForm):
    agree = BooleanField(
        "I agree that my details are kept to arrange this training and to record that I did it",
        widget=GovCheckboxInput(),
        validators=[Required("Agree to your details being kept, or you cannot book")],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class PartOneUploadForm(BaseForm):
    certificate = FileField(
        "Part 1 certificate: a PDF, JPEG or PNG, up to 5MB", widget=GovFileInput()
    )
    submit = SubmitField("Upload certificate", widget=GovSubmitInput())

    def upload(self) -> Upload | None:
        """The file read whole (the size limit is checked after), its temp file closed."""
        upload = self.certificate.data
        if not upload or not getattr(upload, "filename", ""):
            return None
        with upload.stream:
            return Upload(upload.filename, upload.read(MAX_UPLOAD_BYTES + 1))


class BookingSettingsForm(BaseForm):
    tier = text(
        "Tier",
        max_length=40,
        description="As learners and commissioners name it, for example Tier 1",
    )
    is_public = BooleanField(
        "List its sessions on the public booking page", widget=GovCheckboxInput()
    )
    cutoff_days = WholeNumberField(
        "Booking closes this many days before a session",
        minimum=0,
        maximum=90,
        description="0 closes booking when the session starts",
    )
    offer_hours = WholeNumberField(
        "Hours a waiting learner has to confirm a place offered to them",
        minimum=1,
        maximum=336,
    )
    before_you_come = long_text(
        "What learners must do before they come",
        max_length=2000,
        description="Sent in the joining instructions",
    )
    is_accredited = BooleanField("The training is accredited", widget=GovCheckboxInput())
    training_category = text(
        "Training category on employers' records",
        description="For example, Oliver McGowan Mandatory Training (Tier 1)",
    )
    valid_months = WholeNumberField(
        "Renew after this many months",
        minimum=1,
        maximum=240,
        required=False,
        description="Leave empty if it does not need renewing",
    )
    submit = SubmitField("Save booking settings", widget=GovSubmitInput())


class EmployerForm(BaseForm):
    name = text("Name", required=True, max_length=160, message="Enter the employer's name")
    sector = RadioField(
        "Sector",
        widget=GovRadioInput(),
        choices=SECTORS,
        validators=[Required("Choose health, social care or other")],
    )
    submit = SubmitField("Save employer", widget=GovSubmitInput())


class ContactForm(BaseForm):
    email = email_field("Email address", required=True, message="Enter an email address")
    submit = SubmitField("Add booking contact", widget=GovSubmitInput())
