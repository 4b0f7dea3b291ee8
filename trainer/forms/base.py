"""What every form shares: CSRF from Flask-WTF, domain errors on fields, the error summary."""

from flask_wtf import FlaskForm
from wtforms import Field, Form

from trainer.domain import DomainError


class BaseForm(FlaskForm):
    """Every form: CSRF from Flask-WTF, and domain errors mapped onto fields."""

    def apply_error(self, error: DomainError) -> None:
        field = getattr(self, error.field, None) if error.field else None
        if isinstance(field, Field):
            field.errors = list(field.errors) + [error.message]
        else:
            self.form_errors.append(error.message)


def error_summary(form: Form) -> dict:
    """Params for govukErrorSummary: each field's first error linked to its input."""
    items = [{"text": message} for message in form.form_errors]
    for field in form:
        if field.errors:
            message = field.errors[0]
            items.append({"text": message, "href": f"#{field.id}"})
    return {"titleText": "There is a problem", "errorList": items}
