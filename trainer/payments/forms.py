"""Forms for attendance, expenses, the workflow, pay runs, rates and letters (shape only)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from trainer.forms import (
    BaseForm,
    ChoiceField,
    GovDateField,
    NoMarkup,
    PoundsField,
    Required,
    WholeNumberField,
    options,
    reason_field,
    strip,
    text,
)
from trainer.models import Attendance, ExpenseKind, LineStatus


class HoursField(StringField):
    """Time typed as hours ('2.5') or hours and minutes ('2:30'), held as whole minutes."""

    widget = GovTextInput()

    def process_formdata(self, valuelist):
        raw = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not raw:
            return
        match = re.fullmatch(r"(\d{1,2}):([0-5]\d)", raw)
        if match:
            self.data = int(match[1]) * 60 + int(match[2])
            return
        try:
            hours = Decimal(raw)
        except InvalidOperation:
            hours = None
        if hours is None or not hours.is_finite() or hours < 0 or hours > 24:
            raise ValueError(f"{self.label.text} must be hours, like 1.5 or 1:30")
        self.data = int((hours * 60).to_integral_value())

    def _value(self):
        if self.data is None:
            return self.raw_data[0] if self.raw_data else ""
        return f"{self.data // 60}:{self.data % 60:02d}"


ATTENDANCE = options([(a.value, a.label) for a in Attendance])


def attendance_form_class(assignments, *, register_taken: bool = False):
    """A form with attendance, hours (if part) and travel time for each team member, and the
    learners reached (not asked when the session's register has counted them)."""

    class AttendanceForm(BaseForm):
        learners_count = WholeNumberField(
            "Learners reached", minimum=0, maximum=1000, required=not register_taken
        )
        submit = SubmitField("Save attendance and mark delivered", widget=GovSubmitInput())

        def validate(self, extra_validators=None) -> bool:
            valid = super().validate(extra_validators)
            for a in assignments:
                field = self[f"attendance_{a.id}"]
                hours = self[f"hours_{a.id}"]
                if (
                    field.data == Attendance.PARTIAL.value
                    and hours.data is None
                    and not hours.errors
                ):
                    hours.errors = list(hours.errors) + [
                        f"Enter the hours {a.person.display_name} worked"
                    ]
                    valid = False
            return valid

    for a in assignments:
        name = a.person.display_name
        setattr(
            AttendanceForm,
            f"attendance_{a.id}",
            RadioField(
                f"Did {name} deliver the session?",
                choices=ATTENDANCE,
                widget=GovRadioInput(),
                validators=[Required(f"Choose whether {name} delivered the session")],
            ),
        )
        setattr(
            AttendanceForm,
            f"hours_{a.id}",
            HoursField(f"Hours {name} worked, if part of the session", validators=[Optional()]),
        )
        setattr(
            AttendanceForm,
            f"travel_{a.id}",
            WholeNumberField(
                f"Paid travel time for {name}, in minutes", minimum=0, maximum=1440, required=False
            ),
        )
    return AttendanceForm


def attendance_data(session, team) -> dict:
    """Everything already recorded, so saving the page unchanged changes nothing."""
    data = {"learners_count": session.learners_count}
    for a in team:
        data[f"attendance_{a.id}"] = a.attendance.value if a.attendance else "attended"
        if a.attendance is Attendance.PARTIAL:
            data[f"hours_{a.id}"] = a.attended_minutes
        data[f"travel_{a.id}"] = a.travel_minutes or None
    return data


class ExpenseForm(BaseForm):
    kind = RadioField(
        "What was the cost?",
        widget=GovRadioInput(),
        choices=options([(k.value, k.label) for k in ExpenseKind]),
        validators=[Required("Choose what the cost was")],
    )
    incurred_on = GovDateField(
        "Date of the cost", validators=[Required("Enter the date of the cost")]
    )
    miles = StringField("Miles travelled (for mileage)", widget=GovTextInput(), filters=[strip])
    amount = PoundsField("Amount spent (for anything else)")
    description = text("What it was for", max_length=200)
    receipt = FileField("Receipt (optional): a PDF, JPEG or PNG, up to 5MB", widget=GovFileInput())
    submit = SubmitField("Claim the expense", widget=GovSubmitInput())

    def validate_miles(self, field):
        if not field.data:
            return
        try:
            miles = Decimal(field.data)
        except InvalidOperation:
            miles = None
        if (
            miles is None
            or not miles.is_finite()
            or not 0 < miles <= 2000
            or miles != miles.quantize(Decimal("0.1"))
        ):
            raise ValidationError("Miles must be a number like 12 or 12.5")


class RejectForm(BaseForm):
    reason = TextAreaField(
        "Why is this line not being paid?",
        widget=GovTextArea(),
        filters=[strip],
        validators=[
            Required("Enter the reason for rejecting this line"),
            Length(max=1000, message="The reason must be 1,000 characters or fewer"),
            NoMarkup(),
        ],
    )
    related_line = WholeNumberField(
        "The other line this one repeats (optional)",
        minimum=1,
        maximum=2_000_000_000,
        required=False,
        description="Its line number, if the reason refers to another line, for example "
        "a claim made twice. The rejection then links to it.",
    )
    submit = SubmitField("Reject the line", widget=GovSubmitInput())


class LineFilterForm(BaseForm):
    class Meta:
        csrf = False

    status = ChoiceField("Status", numeric=False, required=False)
    period_from = GovDateField("From", validators=[Optional()])
    period_to = GovDateField("To", validators=[Optional()])
    person = ChoiceField("Person", required=False)
    programme = ChoiceField("Programme", required=False)

    def validate_period_to(self, field):
        if field.data and self.period_from.data and field.data < self.period_from.data:
            raise ValidationError("To must be the same as or after From")

    def fill(self, people, programmes) -> None:
        self.status.choices = [(None, "Any status")] + [(s.value, s.label) for s in LineStatus]
        self.person.choices = [(None, "Anyone")] + [(p.id, p.full_name) for p in people]
        self.programme.choices = [(None, "Any programme")] + [(p.id, p.name) for p in programmes]


class PayRunForm(BaseForm):
    period_from = GovDateField(
        "Work from", validators=[Required("Enter the first day of the period")]
    )
    period_to = GovDateField("Work to", validators=[Required("Enter the last day of the period")])
    paid_on = GovDateField(
        "Payment date",
        validators=[Required("Enter the payment date")],
        description="The day the letters say you will pay: today or later",
    )
    payment_reference = text(
        "Payment reference (for example the BACS batch)",
        required=True,
        max_length=80,
        message="Enter the payment reference",
    )
    submit = SubmitField("Make the pay run", widget=GovSubmitInput())


class MarkPaidForm(BaseForm):
    paid_on = GovDateField(
        "Date paid",
        validators=[Required("Enter the date paid")],
        description="The day the money was paid: today or earlier",
    )
    payment_reference = text("Payment reference", required=True, max_length=80)
    submit = SubmitField("Mark the pay run paid", widget=GovSubmitInput())


class ReopenRunForm(BaseForm):
    reason = reason_field(
        "Why reopen the pay run?",
        "Enter why the pay run is reopened",
        "Kept in the audit log and shown on the run",
    )
    submit = SubmitField("Reopen the pay run", widget=GovSubmitInput())


class ReissueRunForm(BaseForm):
    paid_on = GovDateField(
        "Payment date",
        validators=[Required("Enter the payment date")],
        description="The day the new letters say you will pay: today or later",
    )
    submit = SubmitField("Re-issue the letters", widget=GovSubmitInput())


class RecognitionForm(BaseForm):
    period_from = GovDateField("From", validators=[Required("Enter the first day")])
    period_to = GovDateField("To", validators=[Required("Enter the last day")])
    role_wording = text(
        "Their role, in the words they chose",
        required=True,
        max_length=120,
        description="Printed as written. Name a condition only if they asked.",
    )
    personal_message = TextAreaField(
        "A personal message (optional)",
        widget=GovTextArea(),
        filters=[strip],
        validators=[Optional(), Length(max=1000), NoMarkup()],
    )
    submit = SubmitField("Issue the letter", widget=GovSubmitInput())


def attendance_values(form, assignment) -> tuple[Attendance, int | None, int]:
    """What the attendance form says of one person: attendance, minutes if partial, travel."""
    attendance = Attendance(form[f"attendance_{assignment.id}"].data)
    partial = form[f"attendance_{assignment.id}"].data == "partial"
    minutes = form[f"hours_{assignment.id}"].data if partial else None
    return attendance, minutes, form[f"travel_{assignment.id}"].data or 0
