"""Choice fields: selects and checkboxes whose tampered values get a plain message."""

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovSelect
from wtforms import SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from trainer.records import record_id


def options(pairs) -> list[SelectChoice]:
    """Fixed (value, label) choices for radios, checkboxes and selects (tuples are deprecated)."""
    return [SelectChoice(value, label) for value, label in pairs]


def optional_int(value):
    if value in (None, "", "None"):
        return None
    return int(value)


class ChoiceField(SelectField):
    """A select whose unknown or tampered values get a plain message, never a 500."""

    widget = GovSelect()

    def __init__(
        self, label, *, required: bool = True, numeric: bool = True, message: str = "", **kwargs
    ):
        self.is_required = required
        self.message = message
        super().__init__(label, coerce=self._numeric if numeric else self._text, **kwargs)

    @staticmethod
    def _numeric(value):
        try:
            return optional_int(value)
        except (TypeError, ValueError):
            return "invalid"

    @staticmethod
    def _text(value):
        """An "Any …" option (value None) comes back from the browser as the text "None"."""
        return None if value in (None, "", "None") else value

    def pre_validate(self, form):
        if self.data is None and self.is_required:
            raise ValidationError(self.message or f"Choose {self.label.text.lower()}")
        if self.data is not None and self.data not in {v for v, _ in self.choices}:
            raise ValidationError(
                f"{self.message or 'Choose ' + self.label.text.lower()} from the list"
            )


class RecordChoicesField(SelectMultipleField):
    """Checkboxes of records: blank values are no choice, and ids that are not numbers a
    record could have, or not in the list, get a plain message (never a 500)."""

    def __init__(self, label, **kwargs):
        kwargs.setdefault("widget", GovCheckboxesInput())
        super().__init__(label, coerce=int, **kwargs)

    def process_formdata(self, valuelist):
        chosen = [value.strip() for value in valuelist if value.strip()]
        if any(record_id_or_none(value) is None for value in chosen):
            self.data = []
            raise ValueError(f"Choose {self.label.text.lower()} from the list")
        self.data = [int(value) for value in chosen]

    def process_data(self, value):
        self.data = list(value or [])

    def pre_validate(self, form):
        known = {value for value, _ in self.choices or ()}
        if any(value not in known for value in self.data):
            raise ValidationError(f"Choose {self.label.text.lower()} from the list")


def record_id_or_none(raw: str) -> int | None:
    try:
        return record_id(raw)
    except ValueError:
        return None
