"""Approving and rejecting pay: a session's pay page, one line, many lines from the lines page
(with a summary before finance confirms), and the organisation's approval setting."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from trainer import access_log
from trainer.auth.permissions import admin_required, is_coordinating, roles_required
from trainer.changes import Change
from trainer.extensions import db
from trainer.models import ApprovalRoute, LineStatus, PaymentLine, Role, TrainingSession
from trainer.payments import approval, queries, workflow
from trainer.payments.approval_forms import ApprovalSettingsForm
from trainer.payments.finance_views import bp as finance_bp
from trainer.payments.forms import RejectForm
from trainer.payments.views import bp
from trainer.records import get_or_404, record_id

#: who sees a session's pay and may reject a line: coordinators, finance and admins
money_people = roles_required(Role.COORDINATOR, Role.ADMIN, Role.FINANCE)


def _approvable(lines: list[PaymentLine]) -> set[int]:
    """The pending lines the signed-in user may approve."""
    settings = approval.get_settings()
    return {
        line.id
        for line in lines
        if line.status is LineStatus.PENDING
        and approval.refusal(line, current_user, settings) is None
    }


@bp.get("/sessions/<id:session_id>/pay")
@money_people
def session_pay(session_id: int):
    session = get_or_404(TrainingSession, session_id)
    lines = queries.list_lines(queries.LineFilters(session_id=session.id))
    access_log.shown({line.person_id for line in lines}, access_log.PAY)
    approvable = _approvable(lines)
    pending = [line for line in lines if line.status is LineStatus.PENDING]
    return render_template(
        "payments/session_pay.html",
        session=session,
        lines=lines,
        totals=queries.totals(lines),
        approvable=approvable,
        left_to_others=len(pending) - len(approvable),
        coordinating=is_coordinating(current_user),
        route=approval.get_settings().approval_route,
    )


@bp.post("/sessions/<id:session_id>/pay/approve")
@money_people
def approve_session_pay(session_id: int):
    """Every pending line of the session that this user may approve."""
    session = get_or_404(TrainingSession, session_id)
    if not approval.may_approve(current_user):
        abort(403)
    pending = queries.list_lines(
        queries.LineFilters(status=LineStatus.PENDING, session_id=session.id)
    )
    mine = [line for line in pending if line.id in _approvable(pending)]
    with Change(success=_approved(len(mine), len(pending) - len(mine))):
        for line in mine:
            workflow.approve_line(line, actor=current_user)
    return redirect(url_for(".session_pay", session_id=session.id))


def _approved(count: int, left: int) -> str:
    said = f"{count} line{'s' if count != 1 else ''} approved."
    if left:
        said += (
            f" {left} line{'s are' if left != 1 else ' is'} left for someone else to approve: "
            "nobody approves pay for work they did or confirmed themselves."
        )
    return said


@bp.post("/pay/lines/<id:line_id>/approve")
@money_people
def approve_line(line_id: int):
    line = get_or_404(PaymentLine, line_id)
    if approval.refusal(line, current_user) is not None:
        abort(403)
    with Change() as change:
        workflow.approve_line(line, actor=current_user)
    if change.saved:
        flash("The line is approved.", "success")
    return redirect(_back(line))


def _back(line: PaymentLine) -> str:
    if line.session_id:
        return url_for(".session_pay", session_id=line.session_id)
    if is_coordinating(current_user):
        return url_for("people.show_person", person_id=line.person_id)
    return url_for("finance.list_lines", person=line.person_id)


@bp.route("/pay/lines/<id:line_id>/reject", methods=["GET", "POST"])
@money_people
def reject_line(line_id: int):
    line = get_or_404(PaymentLine, line_id)
    form = RejectForm()
    if form.validate_on_submit():
        related = db.session.get(PaymentLine, form.related_line.data or 0)
        if form.related_line.data and related is None:
            form.related_line.errors = [f"There is no line {form.related_line.data}"]
        else:
            with Change(form) as change:
                workflow.reject_line(line, form.reason.data, actor=current_user, related=related)
            if change.saved:
                flash("The line is rejected.", "success")
                return redirect(_back(line))
    return render_template("payments/reject.html", line=line, form=form, back=_back(line))


@finance_bp.post("/lines/approve")
@money_people
def approve_lines():
    """Ticked lines: first a summary of what will be approved, then approved on confirming."""
    settings = approval.get_settings()
    if not approval.may_approve(current_user, settings):
        abort(403)
    lines = approval.pending_lines(_ticked())
    if any(approval.refusal(line, current_user, settings) for line in lines):
        abort(403)
    if not lines:
        flash("Choose the pending lines to approve.", "error")
        return redirect(url_for("finance.list_lines", status="pending"))
    if request.form.get("confirmed") != "yes":
        summary = approval.summarise(lines)
        return render_template("payments/approve_lines.html", summary=summary)
    count = len(lines)
    with Change(success=f"{count} line{'s' if count != 1 else ''} approved."):
        for line in lines:
            workflow.approve_line(line, actor=current_user)
    return redirect(url_for("finance.list_lines", status="approved"))


def _ticked() -> list[int]:
    """The line ids ticked (anything that is not an id is left out)."""
    ids = []
    for raw in request.form.getlist("line")[:5000]:
        try:
            ids.append(record_id(raw))
        except ValueError:
            continue
    return ids


@finance_bp.route("/approval-settings", methods=["GET", "POST"])
@admin_required
def approval_settings():
    settings = approval.get_settings()
    form = ApprovalSettingsForm()
    if request.method == "GET":
        form.approval_route.data = settings.approval_route.value
        form.needs_two_people.data = "yes" if settings.needs_two_people else "no"
    if form.validate_on_submit():
        with Change(form) as change:
            approval.save_settings(
                ApprovalRoute(form.approval_route.data),
                form.needs_two_people.data == "yes",
                actor=current_user,
            )
        if change.saved:
            flash("Who approves pay is saved.", "success")
            return redirect(url_for("dashboards.finance"))
    return render_template("payments/approval_settings.html", form=form)
