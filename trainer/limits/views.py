"""Benefit limits: how each is worked out, the ESA amounts by tax year, and the Jobcentre
letter a person can ask for."""

from io import BytesIO

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from trainer import access_log
from trainer.auth.permissions import roles_required, staff_or_person_required
from trainer.changes import Change
from trainer.clock import local_today
from trainer.letters.jobcentre import jobcentre_letter_pdf
from trainer.limits import service
from trainer.limits.forms import EsaAmountForm
from trainer.limits.letter_data import letter_data
from trainer.limits.projection import person_outlook
from trainer.models import InformationFormat, Person, Role
from trainer.money.limit_words import figure, period_words, rule_words
from trainer.records import get_or_404
from trainer.timezones import local_zone

bp = Blueprint("limits", __name__)
STAFF = (Role.COORDINATOR, Role.ADMIN, Role.FINANCE)


@bp.route("/benefit-limits", methods=["GET", "POST"])
@roles_required(*STAFF)
def how_limits_work():
    form = EsaAmountForm()
    may_edit = current_user.has_role(Role.FINANCE, Role.ADMIN)
    if request.method == "POST":
        if not may_edit:
            abort(403)
        if form.validate_on_submit():
            with Change(form) as change:
                service.add_esa_amount(
                    form.tax_year.data,
                    form.weekly_pence.data,
                    form.hours.data,
                    form.source.data or "",
                    actor=current_user,
                )
            if change.saved:
                flash("The ESA permitted work amount is saved.", "success")
                return redirect(url_for(".how_limits_work"))
    return render_template(
        "limits/how_limits_work.html",
        amounts=service.list_esa_amounts(),
        form=form,
        may_edit=may_edit,
    )


@bp.get("/people/<id:person_id>/jobcentre-letter.pdf")
@staff_or_person_required
def jobcentre_letter(person_id: int):
    """A letter the person can show their Jobcentre: role, hours and pay, as of today."""
    person = get_or_404(Person, person_id)
    own = current_user.person is not None and current_user.person.id == person.id
    if not own and not current_user.has_role(*STAFF):
        abort(403)
    access_log.shown([person.id], access_log.PAY)
    chosen = request.args.get("format")
    easy = (
        chosen == "easy"
        if chosen in ("easy", "standard")
        else person.preferred_format is InformationFormat.EASY_READ
    )
    today = local_today(local_zone())
    pdf = jobcentre_letter_pdf(letter_data(person, today), easy_read=easy)
    return send_file(
        BytesIO(pdf),
        mimetype="application/pdf",
        as_attachment=False,
        download_name=f"jobcentre-letter-{today:%Y-%m-%d}.pdf",
    )


bp.add_app_template_global(period_words, "limit_period_words")
bp.add_app_template_global(figure, "limit_figure")
bp.add_app_template_global(rule_words, "limit_rule_words")


@bp.app_template_global()
def limits_outlook(person: Person):
    """The person's limits period by period, for the include on their page."""
    return person_outlook(person, around=local_today(local_zone()))
