"""The rate card: rates side by side with the checks on them (seats with no rate, equal pay),
and adding a rate."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from trainer.auth.permissions import finance_required
from trainer.changes import Change
from trainer.extensions import db
from trainer.models import DeliveryRole, FeeBasis, Programme
from trainer.payments import rate_card as card
from trainer.payments import rate_checks, runs
from trainer.payments.finance_views import bp, money_people
from trainer.payments.rate_form import RateForm
from trainer.records import record_id


@bp.get("/rates")
@money_people
def rate_card():
    today = runs.to_local_today()
    return render_template(
        "payments/rates.html",
        rates=card.list_rates(),
        today=today,
        gaps=rate_checks.rate_card_gaps(today),
        findings=rate_checks.equal_pay_findings(today),
    )


@bp.route("/rates/new", methods=["GET", "POST"])
@finance_required
def add_rate():
    form = RateForm()
    form.programme.choices = [(None, "Choose a programme")] + [
        (p.id, p.name) for p in db.session.scalars(select(Programme).order_by(Programme.name))
    ]
    form.role.choices = [(None, "Choose a role")] + [
        (r.id, r.name)
        for r in db.session.scalars(select(DeliveryRole).order_by(DeliveryRole.sort_order))
    ]
    if request.method == "GET":
        form.programme.data = request.args.get("programme", type=record_id)
        form.role.data = request.args.get("role", type=record_id)
        form.late_cancellation_percent.data = 100
        form.pence_per_mile.data = 45
    if form.validate_on_submit():
        details = card.RateDetails(
            form.effective_from.data,
            FeeBasis(form.fee_basis.data),
            form.delivery.data,
            form.preparation_minutes.data,
            form.preparation_rate.data,
            form.travel_rate.data,
            form.pence_per_mile.data,
            form.late_cancellation_percent.data,
            form.equal_pay_reason.data or "",
        )
        with Change(form) as change:
            card.add_rate(
                db.session.get(Programme, form.programme.data),
                db.session.get(DeliveryRole, form.role.data),
                details,
                actor=current_user,
            )
        if change.saved:
            flash("The new rate is saved.", "success")
            return redirect(url_for(".rate_card"))
    return render_template("payments/rate_form.html", form=form)
