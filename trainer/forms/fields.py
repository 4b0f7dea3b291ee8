"""Fields every form uses: required without browser pop-ups, no markup, dates, times, money."""

import re
from datetime import date, time

from govuk_frontend_wtf.wtforms_widgets import (
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    DateField,
    Field,
    Form,
    IntegerField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    StopValidation,
    ValidationError,
)

MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")


class Required(DataRequired):
    """DataRequired without the HTML `required` flag, so the error summary shows, not a pop-up.

    A value typed but not understood (a date of 30 February) keeps its own message rather
    than being told to "enter" it.
    """

    field_flags = {}

    def __call__(self, form, field):
        if field.process_errors:
            raise StopValidation()
        super().__call__(form, field)


class RequiredInput(InputRequired):
    field_flags = {}


class NoMarkup:
    """Refuse HTML and script in text: people's names and addresses never need tags."""

    def __init__(self, message: str | None = None):
        self.message = message

    def __call__(self, form: Form, field: Field) -> None:
        if field.data and MARKUP.search(str(field.data)):
            raise ValidationError(
                self.message or f"{field.label.text} must not contain HTML or code."
            )


def strip(value):
    return value.strip() if isinstance(value, str) else value


def text(
    label: str,
    *,
    required: bool = False,
    max_length: int = 120,
    message: str = "",
    description: str = "",
    widget=None,
    validators=(),
    **kwargs,
) -> StringField:
    """A text field with the house rules: trimmed, length-limited, no markup."""
    checks = [Required(message or f"Enter {label.lower()}")] if required else [Optional()]
    checks += [
        Length(max=max_length, message=f"{label} must be {max_length} characters or fewer"),
        NoMarkup(),
        *validators,
    ]
    return StringField(
        label,
        validators=checks,
        filters=[strip],
        description=description,
        widget=widget or GovTextInput(),
        **kwargs,
    )


class GovDateInput(GovTextInput):
    input_type = "date"


class GovTimeInput(GovTextInput):
    input_type = "time"


class _BlankIsEmpty:
    """Nothing typed is an empty value (for Required or Optional), not a badly typed one."""

    def process_formdata(self, valuelist):
        if not valuelist or not "".join(valuelist).strip():
            self.data = None
            return
        super().process_formdata(valuelist)


class GovDateField(_BlankIsEmpty, DateField):
    """A date as one native date input (YYYY-MM-DD); bad or missing parts are a form error."""

    widget = GovDateInput()
    #: dates far from now overflow when turned into UTC instants, so they are refused
    years = (1900, 2999)

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("invalid_value_message", f"{label} must be a real date, like 2026-03-17")
        super().__init__(label, validators, format="%Y-%m-%d", **kwargs)
        self.data: date | None

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and not self.years[0] <= self.data.year <= self.years[1]:
            self.data = None
            first, last = self.years
            raise ValueError(f"{self.label.text} must be in a year from {first} to {last}")


class GovTimeField(_BlankIsEmpty, TimeField):
    widget = GovTimeInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("invalid_value_message", f"{label} must be a real time, like 09:30")
        super().__init__(label, validators, format="%H:%M", **kwargs)
        self.data: time | None


class WholeNumberField(IntegerField):
    """A whole number typed as text (GOV.UK pattern), with messages in plain words."""

    widget = GovTextInput()

    def __init__(
        self, label, *, minimum: int = 0, maximum: int = 100000, required: bool = True, **kwargs
    ):
        checks = [RequiredInput(f"Enter {label.lower()}")] if required else [Optional()]
        checks.append(
            NumberRange(minimum, maximum, f"{label} must be between {minimum:,} and {maximum:,}")
        )
        super().__init__(label, validators=checks, **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        raw = valuelist[0].strip().replace(",", "")
        if not raw.lstrip("-").isdecimal():
            self.data = None
            raise ValueError(f"{self.label.text} must be a whole number, like 12")
        self.data = int(raw)


class PoundsField(StringField):
    """Money typed as pounds ('195.50', '£12'), held as integer pence."""

    widget = GovTextInput()

    def __init__(self, label, *, required: bool = False, **kwargs):
        checks = [RequiredInput(f"Enter {label.lower()}")] if required else [Optional()]
        super().__init__(label, validators=checks, **kwargs)

    def process_formdata(self, valuelist):
        raw = (valuelist[0] if valuelist else "").strip().replace(",", "").lstrip("£")
        if not raw:
            self.data = None
            return
        if not re.fullmatch(r"\d{1,7}(\.\d{1,2})?", raw):
            self.data = None
            raise ValueError(f"{self.label.text} must be an amount in pounds, like 195.50")
        whole, _, part = raw.partition(".")
        self.data = int(whole) * 100 + int((part + "00")[:2])

    def _value(self):
        if self.data is None:
            return self.raw_data[0] if self.raw_data else ""
        return f"{self.data // 100}.{self.data % 100:02d}"


def reason_field(label: str, message: str, description: str = "") -> TextAreaField:
    return TextAreaField(
        label,
        widget=GovTextArea(),
        filters=[strip],
        description=description,
        validators=[
            Required(message),
            Length(max=1000, message="The reason must be 1,000 characters or fewer"),
            NoMarkup(),
        ],
    )


def long_text(label: str, *, max_length: int = 2000, description: str = "") -> TextAreaField:
    """A paragraph of text with the house rules: trimmed, length-limited, no markup."""
    return TextAreaField(
        label,
        widget=GovTextArea(),
        filters=[strip],
        description=description,
        validators=[
            Optional(),
            Length(max=max_length, message=f"{label} must be {max_length} characters or fewer"),
            NoMarkup(),
        ],
    )


def email_field(label: str, **kwargs) -> StringField:
    check = Email("Enter an email address in the right format, like name@example.org")
    return text(label, max_length=254, validators=[check], **kwargs)
