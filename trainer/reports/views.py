"""The reports commissioners ask for: a page, its CSV, a printable PDF, every booking behind
it as CSV, and completed training in the shape of Skills for Care's training record."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, current_app, request
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField
from wtforms.validators import Optional, ValidationError

from trainer import pagecache
from trainer.auth.permissions import coordinator_required
from trainer.clock import local_today
from trainer.forms import BaseForm, ChoiceField, GovDateField
from trainer.letters.report import ReportData, report_pdf
from trainer.reports import downloads, exports, rows, tallies
from trainer.reports.figures import COLUMNS, DIMENSIONS, Report, build_report, cells
from trainer.reports.tallies import Period
from trainer.timezones import local_zone

bp = Blueprint("reports", __name__, url_prefix="/reports")
PARAMS = ("date_from", "date_to", "by")
MAX_DAYS = 5 * 366


class ReportForm(BaseForm):
    class Meta:
        csrf = False

    date_from = GovDateField("From", validators=[Optional()], description="For example, 2026-04-01")
    date_to = GovDateField("To", validators=[Optional()], description="For example, 2027-03-31")
    by = ChoiceField("Group by", required=False, numeric=False)
    submit = SubmitField("Show the report", widget=GovSubmitInput())

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError("To must be the same as or after From")
        first = self.date_from.data or field.data
        if field.data and first and (field.data - first).days > MAX_DAYS:
            raise ValidationError("Choose a period of 5 years or less")


def default_period(today: date) -> Period:
    """The last 12 months: from the first of the month 11 months ago to today."""
    first = today.replace(day=1)
    for _ in range(11):
        first = (first - timedelta(days=1)).replace(day=1)
    return Period(first, today)


def chosen() -> tuple[ReportForm, Period, str]:
    """The form as sent, the period and the grouping (the defaults where it is not valid)."""
    form = ReportForm(request.args)
    form.by.choices = list(DIMENSIONS.items())
    today = local_today(local_zone())
    period, by = default_period(today), "programme"
    if form.validate():
        first = form.date_from.data or period.first
        last = form.date_to.data or max(first, period.last)
        period, by = Period(first, last), form.by.data or by
    form.date_from.data, form.date_to.data, form.by.data = period.first, period.last, by
    return form, period, by


def report_for(period: Period, by: str) -> Report:
    return build_report(
        by,
        tallies.session_tallies(by, period),
        tallies.booking_tallies(by, period),
        tallies.score_tallies(by, period),
    )


@bp.get("/")
@coordinator_required
def show_report():
    today = local_today(local_zone())
    return pagecache.render_cached("reports/report.html", _load, vary=today, params=PARAMS)


def _load() -> dict:
    form, period, by = chosen()
    return {
        "form": form,
        "period": period,
        "report": report_for(period, by),
        "columns": COLUMNS,
        "cells": cells,
        "args": {
            "date_from": period.first.isoformat(),
            "date_to": period.last.isoformat(),
            "by": by,
        },
    }


def _name(kind: str, period: Period, by: str = "") -> str:
    return f"{kind}-{period.first}-to-{period.last}" + (f"-by-{by}" if by else "")


@bp.get("/figures.csv")
@coordinator_required
def figures_csv():
    _, period, by = chosen()
    return downloads.stream_csv(
        _name("report", period, by), exports.report_lines(report_for(period, by))
    )


@bp.get("/bookings.csv")
@coordinator_required
def bookings_csv():
    """Every booking in the period, one row each, streamed."""
    _, period, _ = chosen()
    lines = exports.lines(exports.BOOKING_COLUMNS, rows.booking_rows(period))
    return downloads.stream_csv(_name("bookings", period), lines)


@bp.get("/completions.csv")
@coordinator_required
def completions_csv():
    _, period, _ = chosen()
    return downloads.completions_download(period=period)


@bp.get("/report.pdf")
@coordinator_required
def report_as_pdf():
    _, period, by = chosen()
    report = report_for(period, by)
    data = ReportData(
        title="Training delivered",
        organisation=current_app.config["ORG_NAME"],
        subtitle=f"{_day(period.first)} to {_day(period.last)}, by {DIMENSIONS[by].lower()}",
        head=(DIMENSIONS[by], *(heading for heading, _ in COLUMNS)),
        rows=tuple((f.label, *cells(f)) for f in report.rows),
        total=(report.total.label, *cells(report.total)),
        notes=NOTES if not report.by_session else NOTES[:1],
    )
    name = _name("report", period, by)
    return (
        report_pdf(data),
        200,
        {
            "Content-Type": "application/pdf",
            "Content-Disposition": f'attachment; filename="{name}.pdf"',
        },
    )


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


NOTES = (
    "Learners trained: present for all or part of a session. Learners completed: present "
    "for the whole session (compliance counts only then). Places offered: the places on "
    "sessions not cancelled.",
    "Sessions, places offered and evaluation scores belong to a session, not to one sector "
    "or employer: they are shown in the total only. Evaluation answers are anonymous.",
)
