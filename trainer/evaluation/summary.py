"""What a session's evaluation says: each question's figures, and an Easy Read summary for
co-trainers ("28 people answered. 26 said the session helped them."). Pure: answers in,
figures and words out; no Flask, no database."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Answer:
    response_id: int
    question_id: int
    before: int | None
    value: int | None
    text: str = ""


@dataclass(frozen=True)
class Question:
    id: int
    kind: str
    wording: str
    is_recommend: bool = False


@dataclass
class QuestionSummary:
    question: Question
    answered: int = 0
    #: confidence: how many gave each score before and after; scale: each score
    before: Counter = field(default_factory=Counter)
    after: Counter = field(default_factory=Counter)
    rose: int = 0
    yes: int = 0
    texts: list[str] = field(default_factory=list)

    @property
    def average_before(self) -> str:
        return _average(self.before)

    @property
    def average_after(self) -> str:
        return _average(self.after)


@dataclass(frozen=True)
class Summary:
    responses: int
    helped: int
    recommend: int
    questions: list[QuestionSummary]

    def easy_read(self) -> list[str]:
        """Short sentences, one idea each, the same words every time."""
        if not self.responses:
            return ["Nobody has answered the questions yet."]
        people = _people(self.responses)
        lines = [f"{people} answered."]
        if any(q.question.kind == "confidence" for q in self.questions):
            lines.append(f"{self.helped} said the session helped them.")
        if any(q.question.is_recommend for q in self.questions):
            lines.append(f"{self.recommend} would tell others to come.")
        return lines


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _average(scores: Counter) -> str:
    count = sum(scores.values())
    if not count:
        return ""
    total = sum(score * times for score, times in scores.items())
    return str((Decimal(total) / count).quantize(Decimal("0.1"), ROUND_HALF_UP))


def summarise(questions: Iterable[Question], answers: Iterable[Answer]) -> Summary:
    """Figures per question, in the questions' order; `helped` counts people whose
    confidence rose on at least one aim, `recommend` those who said yes to recommending."""
    by_id = {q.id: QuestionSummary(q) for q in questions}
    responses: set[int] = set()
    helped: set[int] = set()
    recommend: set[int] = set()
    for answer in answers:
        responses.add(answer.response_id)
        summary = by_id.get(answer.question_id)
        if summary is None:
            continue
        if _add(summary, answer):
            helped.add(answer.response_id)
        if summary.question.is_recommend and answer.value == 1:
            recommend.add(answer.response_id)
    return Summary(len(responses), len(helped), len(recommend), list(by_id.values()))


def _add(summary: QuestionSummary, answer: Answer) -> bool:
    """Count one answer; True when it shows confidence rising."""
    kind = summary.question.kind
    if kind == "text":
        if answer.text.strip():
            summary.answered += 1
            summary.texts.append(answer.text.strip())
        return False
    if answer.value is None:
        return False
    summary.answered += 1
    if kind == "yes_no":
        summary.yes += answer.value == 1
        return False
    summary.after[answer.value] += 1
    if kind == "confidence" and answer.before is not None:
        summary.before[answer.before] += 1
        if answer.value > answer.before:
            summary.rose += 1
            return True
    return False
