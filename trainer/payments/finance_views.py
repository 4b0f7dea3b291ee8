"""Finance: lines with filters and totals, the payroll CSV, pay runs, and the rate card."""

from __future__ import annotations

import io

from flask import Blueprint, Response, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from sqlalchemy import select

from trainer import access_log
from trainer.auth.permissions import finance_required, roles_required
from trainer.changes import Change
from trainer.extensions import db
from trainer.limits import pay_run as pay_run_limits
from trainer.limits.forms import GoAheadForm
from trainer.models import (
    LineStatus,
    PayRun,
    PayRunStatus,
    Person,
    Programme,
    Role,
)
from trainer.payments import approval, queries, run_changes, run_files, run_warnings, runs
from trainer.payments.export import lines_csv
from trainer.payments.forms import (
    LineFilterForm,
    MarkPaidForm,
    PayRunForm,
    ReissueRunForm,
    ReopenRunForm,
)
from trainer.records import get_or_404, record_id

bp = Blueprint("finance", __name__, url_prefix="/finance")
money_people = roles_required(Role.FINANCE, Role.COORDINATOR, Role.ADMIN)


def line_filters() -> tuple[LineFilterForm, queries.LineFilters]:
    form = LineFilterForm(request.args)
    form.fill(
        db.session.scalars(select(Person).order_by(Person.full_name)),
        db.session.scalars(select(Programme).order_by(Programme.name)),
    )
    if not form.validate():
        return form, queries.LineFilters(status=LineStatus.APPROVED)
    status = form.status.data
    return form, queries.LineFilters(
        status=LineStatus(status) if status else None,
        period_from=form.period_from.data,
        period_to=form.period_to.data,
        person_id=form.person.data,
        programme_id=form.programme.data,
        pay_run_id=request.args.get("pay_run", type=record_id),
    )


@bp.get("/lines")
@finance_required
def list_lines():
    form, filters = line_filters()
    lines = queries.list_lines(filters)
    shown = lines[:500]
    access_log.shown({line.person_id for line in shown}, access_log.PAY)
    settings = approval.get_settings()
    pending = [line for line in shown if line.status is LineStatus.PENDING]
    approvable = {
        line.id for line in pending if approval.refusal(line, current_user, settings) is None
    }
    return render_template(
        "payments/lines.html",
        form=form,
        lines=shown,
        shown_all=len(lines) <= 500,
        totals=queries.totals(lines),
        csv_url=url_for(".export_lines", **request.args),
        summary_url=url_for(".export_lines_summary", **request.args),
        approvable=approvable,
        refused=len(pending) - len(approvable),
        route=settings.approval_route,
    )


@bp.get("/lines.csv")
@finance_required
def export_lines():
    form, filters = line_filters()
    lines = queries.list_lines(filters)
    access_log.shown({line.person_id for line in lines}, access_log.PAY)
    body = lines_csv(lines)
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="payment-lines.csv"'},
    )


@bp.route("/pay-runs/new", methods=["GET", "POST"])
@finance_required
def create_pay_run():
    form, go_ahead, limit_warnings, proceed = PayRunForm(), GoAheadForm(prefix="limits"), [], False
    waiting = queries.waiting_period()
    if request.method == "GET":
        form.period_from.data, form.period_to.data = waiting or (None, None)
        form.paid_on.data = runs.to_local_today()
    if form.validate_on_submit():
        lines = runs.approved_unbatched(form.period_from.data, form.period_to.data)
        limit_warnings, proceed = pay_run_limits.confirm_limits(
            lines, form.paid_on.data, go_ahead, form
        )
    if proceed:
        with Change(form) as change:
            run = runs.create_pay_run(
                form.period_from.data,
                form.period_to.data,
                form.paid_on.data,
                form.payment_reference.data,
                actor=current_user,
            )
            if limit_warnings:
                pay_run_limits.record_go_ahead(
                    run, limit_warnings, go_ahead.reason.data, actor=current_user
                )
            run_files.letter_file(run, "pdf")  # start drawing the letters now: ready sooner
        if change.saved:
            flash(f"Pay run {run.reference} made. Its payment letters are being drawn.", "success")
            return redirect(url_for(".show_pay_run", run_id=run.id))
    return render_template(
        "payments/pay_run_form.html",
        form=form,
        waiting=waiting,
        warnings=_warnings(form),
        go_ahead=go_ahead,
        limit_warnings=limit_warnings,
    )


def _warnings(form: PayRunForm) -> list[str]:
    """What the run in the form would cause (run_warnings.py), once its period is known."""
    start, end = form.period_from.data, form.period_to.data
    if not (start and end) or end < start:
        return []
    lines = runs.approved_unbatched(start, end)
    return run_warnings.warnings_for(lines, form.paid_on.data or runs.to_local_today())


@bp.get("/pay-runs/<id:run_id>")
@finance_required
def show_pay_run(run_id: int):
    run = get_or_404(PayRun, run_id)
    paid_on = min(run.paid_on, runs.to_local_today()) if run.paid_on else None
    form = MarkPaidForm(data={"paid_on": paid_on, "payment_reference": run.payment_reference})
    return _pay_run_page(run, form)


def _pay_run_page(run: PayRun, form: MarkPaidForm, reissue: ReissueRunForm | None = None):
    lines = runs.run_lines(run)
    if reissue is None:
        reissue = ReissueRunForm(formdata=None, data={"paid_on": _planned(run)})
    return render_template(
        "payments/pay_run.html",
        run=run,
        lines=lines,
        form=form,
        reissue=reissue,
        letters=runs.run_records(run),
        totals=queries.totals(lines),
        files=run_files.letter_files(run),
    )


def _planned(run: PayRun):
    """The run's planned payment date, or today when that has passed."""
    today = runs.to_local_today()
    return run.paid_on if run.paid_on and run.paid_on >= today else today


@bp.post("/pay-runs/<id:run_id>/paid")
@finance_required
def mark_pay_run_paid(run_id: int):
    run = get_or_404(PayRun, run_id)
    form = MarkPaidForm()
    if form.validate_on_submit():
        with Change(form) as change:
            runs.mark_pay_run_paid(
                run, form.paid_on.data, form.payment_reference.data, actor=current_user
            )
        if change.saved:
            flash(f"Pay run {run.reference} is marked paid.", "success")
            return redirect(url_for(".show_pay_run", run_id=run.id))
    return _pay_run_page(run, form)


@bp.route("/pay-runs/<id:run_id>/reopen", methods=["GET", "POST"])
@finance_required
def reopen_pay_run(run_id: int):
    run = get_or_404(PayRun, run_id)
    form = ReopenRunForm()
    if form.validate_on_submit():
        with Change(form) as change:
            run_changes.reopen_pay_run(run, form.reason.data, actor=current_user)
        if change.saved:
            flash(
                f"Pay run {run.reference} is reopened. Correct its lines, then re-issue its "
                "letters.",
                "success",
            )
            return redirect(url_for(".show_pay_run", run_id=run.id))
    return render_template("payments/reopen_pay_run.html", run=run, form=form)


@bp.post("/pay-runs/<id:run_id>/reissue")
@finance_required
def reissue_pay_run(run_id: int):
    run = get_or_404(PayRun, run_id)
    form = ReissueRunForm()
    if form.validate_on_submit():
        with Change(form) as change:
            run_changes.reissue_pay_run(run, form.paid_on.data, actor=current_user)
        if change.saved:
            flash(_reissued(run), "success")
            return redirect(url_for(".show_pay_run", run_id=run.id))
    return _pay_run_page(run, MarkPaidForm(formdata=None), reissue=form)


def _reissued(run: PayRun) -> str:
    if run.status is PayRunStatus.WITHDRAWN:
        return f"Nothing was left to pay in {run.reference}: the run and its letters are withdrawn."
    return f"The letters of {run.reference} are re-issued under new references."


@bp.get("/pay-runs/<id:run_id>/letters.pdf")
@finance_required
def pay_run_pdf(run_id: int):
    return _letters(get_or_404(PayRun, run_id), "pdf")


@bp.get("/pay-runs/<id:run_id>/letters.zip")
@finance_required
def pay_run_zip(run_id: int):
    return _letters(get_or_404(PayRun, run_id), "zip")


def _letters(run: PayRun, kind: str):
    """The file when it is made; until then a page saying so (202), and the making started."""
    file = run_files.letter_file(run, kind, start=False)
    if file.ready:
        return send_file(
            io.BytesIO(file.content),
            mimetype=file.media_type,
            as_attachment=kind == "zip",
            download_name=f"{run.reference}.{kind}",
        )
    retry_by = current_user if request.args.get("retry") == "yes" else None
    with Change():  # queue the drawing; the page says so and the file is ready later
        file = run_files.letter_file(run, kind, retry_by=retry_by)
    return render_template("payments/letters_preparing.html", run=run, file=file), 202


@bp.get("/pay-runs/<id:run_id>/payroll.csv")
@finance_required
def pay_run_csv(run_id: int):
    run = get_or_404(PayRun, run_id)
    return Response(
        lines_csv(runs.run_lines(run)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{run.reference}-payroll.csv"'},
    )
