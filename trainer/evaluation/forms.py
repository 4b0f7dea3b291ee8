"""The evaluation form, built from the questions in use, and the form for a question."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovRadioInput, GovSubmitInput
from wtforms import BooleanField, RadioField, SubmitField
from wtforms.validators import Optional

from trainer.evaluation.service import Given
from trainer.forms import BaseForm, Required, long_text, options, text
from trainer.models import EvaluationQuestion, QuestionKind

CONFIDENCE = options(
    [
        ("1", "1: not at all confident"),
        ("2", "2"),
        ("3", "3"),
        ("4", "4"),
        ("5", "5: very confident"),
    ]
)
SCORES = options([("1", "1: poor"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5: excellent")])
YES_NO = options([("1", "Yes"), ("0", "No")])


def _radios(label: str, choices) -> RadioField:
    return RadioField(label, choices=choices, widget=GovRadioInput(), validators=[Optional()])


def evaluation_form(questions: list[EvaluationQuestion], *, personal: bool):
    """One field (two for confidence: before and now) per question; none is required."""

    class EvaluationForm(BaseForm):
        submit = SubmitField("Send my answers", widget=GovSubmitInput())

    for q in questions:
        if q.kind is QuestionKind.CONFIDENCE:
            setattr(EvaluationForm, f"before_{q.id}", _radios("Before the session", CONFIDENCE))
            setattr(EvaluationForm, f"after_{q.id}", _radios("Now", CONFIDENCE))
        elif q.kind is QuestionKind.TEXT:
            setattr(EvaluationForm, f"text_{q.id}", long_text(q.wording, max_length=2000))
        else:
            choices = YES_NO if q.kind is QuestionKind.YES_NO else SCORES
            setattr(EvaluationForm, f"value_{q.id}", _radios(q.wording, choices))
    if personal:
        EvaluationForm.named = BooleanField(
            "Put my name with my answers", widget=GovCheckboxInput(), default=False
        )
    else:
        EvaluationForm.name = text(
            "Your name (optional)", description="Leave it empty to answer anonymously"
        )
    return EvaluationForm


def _number(field) -> int | None:
    return int(field.data) if field is not None and field.data not in (None, "") else None


def answers(form, questions: list[EvaluationQuestion]) -> list[Given]:
    given = []
    for q in questions:
        if q.kind is QuestionKind.CONFIDENCE:
            given.append(
                Given(
                    q.id,
                    before=_number(form[f"before_{q.id}"]),
                    value=_number(form[f"after_{q.id}"]),
                )
            )
        elif q.kind is QuestionKind.TEXT:
            given.append(Given(q.id, text=form[f"text_{q.id}"].data or ""))
        else:
            given.append(Given(q.id, value=_number(form[f"value_{q.id}"])))
    return given


class QuestionForm(BaseForm):
    wording = text("Question", required=True, max_length=300, message="Enter the question")
    kind = RadioField(
        "How do learners answer?",
        choices=options((kind.value, kind.label) for kind in QuestionKind),
        widget=GovRadioInput(),
        validators=[Required("Choose how learners answer")],
    )
    is_recommend = BooleanField(
        "Count a yes as 'would recommend it' in reports", widget=GovCheckboxInput()
    )
    submit = SubmitField("Save question", widget=GovSubmitInput())
