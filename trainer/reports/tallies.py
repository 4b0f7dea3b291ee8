"""The counting behind a report: a few GROUP BY queries whose rows go to the pure core
(`trainer/reports/figures.py`). Each query returns one row per group and status, however many
bookings the period holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from numbers import Number

from sqlalchemy import and_, case, exists, func, literal, select

from trainer.extensions import db
from trainer.models import (
    Booking,
    BookingSettings,
    Employer,
    EvaluationAnswer,
    EvaluationQuestion,
    EvaluationResponse,
    Learner,
    Programme,
    ProgrammeKind,
    QuestionKind,
    Sector,
    SessionStatus,
    TrainingSession,
)
from trainer.models.bookings import REGISTERED
from trainer.reports.figures import BY_SESSION, BookingTally, ScoreTally, SessionTally
from trainer.timezones import local_to_utc


@dataclass(frozen=True)
class Period:
    """Sessions starting on these local days, both included."""

    first: date
    last: date

    @property
    def starts_at(self) -> datetime:
        return local_to_utc(self.first, time(0))

    @property
    def ends_at(self) -> datetime:
        return local_to_utc(self.last + timedelta(days=1), time(0))

    def months(self) -> list[date]:
        """The first day of each month the period touches."""
        months, month = [], self.first.replace(day=1)
        while month <= self.last:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return months


def month_key(period: Period):
    """The local month a session starts in, as 'YYYY-MM', from its UTC start (portable SQL:
    a CASE over the months' local boundaries)."""
    months = period.months()
    bounds = [local_to_utc(m, time(0)) for m in months[1:]]
    whens = [
        (TrainingSession.starts_at < bound, literal(f"{m:%Y-%m}"))
        for bound, m in zip(bounds, months, strict=False)
    ]
    last = literal(f"{months[-1]:%Y-%m}")
    return case(*whens, else_=last) if whens else last


def group_key(dimension: str, period: Period):
    """The SQL expression that names each row's group."""
    return {
        "month": lambda: month_key(period),
        "programme": lambda: Programme.name,
        "tier": lambda: func.coalesce(BookingSettings.tier, ""),
        "sector": lambda: Learner.sector,
        "employer": lambda: func.coalesce(Employer.name, Learner.organisation),
    }[dimension]()


def _in_period(period: Period):
    """Training sessions starting in the period (review meetings are not training)."""
    training = select(Programme.id).where(Programme.kind == ProgrammeKind.TRAINING)
    return and_(
        TrainingSession.starts_at >= period.starts_at,
        TrainingSession.starts_at < period.ends_at,
        TrainingSession.programme_id.in_(training),
    )


def _joined(query, dimension: str, *, learners: bool = False):
    """Only the tables the grouping reads (each join costs a lookup per row)."""
    if dimension == "programme":
        query = query.join(Programme, Programme.id == TrainingSession.programme_id)
    elif dimension == "tier":
        query = query.outerjoin(
            BookingSettings, BookingSettings.programme_id == TrainingSession.programme_id
        )
    elif learners and dimension in ("sector", "employer"):
        query = query.join(Learner, Learner.id == Booking.learner_id)
        if dimension == "employer":
            query = query.outerjoin(Employer, Employer.id == Booking.employer_id)
    return query


def session_tallies(dimension: str, period: Period) -> list[SessionTally]:
    """Sessions delivered (or with a register taken), cancelled and planned, per group (or
    for the whole period, under the key "", when sessions do not belong to one group)."""
    grouped = dimension in BY_SESSION
    key = group_key(dimension, period) if grouped else literal("")
    registered = exists().where(
        Booking.session_id == TrainingSession.id, Booking.status.in_(REGISTERED)
    )
    state = case(
        (TrainingSession.status == SessionStatus.CANCELLED, literal("cancelled")),
        (TrainingSession.status == SessionStatus.DELIVERED, literal("delivered")),
        (registered, literal("delivered")),
        else_=literal("planned"),
    )
    each = _joined(
        select(key.label("key"), state.label("state"), TrainingSession.capacity.label("capacity"))
        .select_from(TrainingSession)
        .where(_in_period(period)),
        dimension if grouped else "",
    ).subquery()
    query = select(
        each.c.key, each.c.state, func.count(), func.coalesce(func.sum(each.c.capacity), 0)
    ).group_by(each.c.key, each.c.state)
    return [SessionTally(*_plain(row)) for row in db.session.execute(query)]


def booking_tallies(dimension: str, period: Period, *, employer_id: int | None = None):
    """Bookings per group, status and lateness (one employer's only, when given)."""
    key = group_key(dimension, period)
    query = _joined(
        select(key.label("key"), Booking.status, Booking.is_late_cancellation, func.count())
        .select_from(TrainingSession)
        .join(Booking, Booking.session_id == TrainingSession.id)
        .where(_in_period(period)),
        dimension,
        learners=True,
    ).group_by(key, Booking.status, Booking.is_late_cancellation)
    if employer_id is not None:
        query = query.where(Booking.employer_id == employer_id)
    return [
        BookingTally(key, status.value, bool(late), count)
        for key, status, late, count in (_plain(row) for row in db.session.execute(query))
    ]


def score_tallies(dimension: str, period: Period) -> list[ScoreTally]:
    """Evaluation answers per group (or for the whole period, under the key "")."""
    key = group_key(dimension, period) if dimension in BY_SESSION else literal("")
    confidence = and_(
        EvaluationQuestion.kind == QuestionKind.CONFIDENCE,
        EvaluationAnswer.before.is_not(None),
        EvaluationAnswer.value.is_not(None),
    )
    recommend = and_(EvaluationQuestion.is_recommend, EvaluationAnswer.value.is_not(None))

    def total(condition, value=1):
        return func.coalesce(func.sum(case((condition, value), else_=0)), 0)

    query = _joined(
        select(
            key.label("key"),
            func.count(func.distinct(EvaluationAnswer.response_id)),
            total(confidence),
            total(confidence, EvaluationAnswer.before),
            total(confidence, EvaluationAnswer.value),
            total(and_(confidence, EvaluationAnswer.value > EvaluationAnswer.before)),
            total(recommend),
            total(and_(recommend, EvaluationAnswer.value == 1)),
        )
        .select_from(TrainingSession)
        .join(EvaluationResponse, EvaluationResponse.session_id == TrainingSession.id)
        .join(EvaluationAnswer, EvaluationAnswer.response_id == EvaluationResponse.id)
        .join(EvaluationQuestion, EvaluationQuestion.id == EvaluationAnswer.question_id)
        .where(_in_period(period)),
        dimension if dimension in BY_SESSION else "",
    ).group_by(key)
    return [ScoreTally(*_plain(row)) for row in db.session.execute(query)]


def _plain(row) -> tuple:
    """Sector enums read back as their labels; every count as an int."""
    return tuple(
        value.label
        if isinstance(value, Sector)
        else int(value)
        if isinstance(value, Number) and not isinstance(value, bool)
        else value
        for value in row
    )
