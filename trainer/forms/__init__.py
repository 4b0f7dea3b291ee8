"""Forms: the base every form builds on, and the fields and checks they share."""

from trainer.forms.base import BaseForm, error_summary
from trainer.forms.choices import ChoiceField, RecordChoicesField, optional_int, options
from trainer.forms.fields import (
    GovDateField,
    GovDateInput,
    GovTimeField,
    GovTimeInput,
    NoMarkup,
    PoundsField,
    Required,
    RequiredInput,
    WholeNumberField,
    email_field,
    long_text,
    reason_field,
    strip,
    text,
)

__all__ = [
    "BaseForm",
    "ChoiceField",
    "GovDateField",
    "GovDateInput",
    "GovTimeField",
    "GovTimeInput",
    "NoMarkup",
    "PoundsField",
    "RecordChoicesField",
    "Required",
    "RequiredInput",
    "WholeNumberField",
    "email_field",
    "error_summary",
    "long_text",
    "optional_int",
    "options",
    "reason_field",
    "strip",
    "text",
]
