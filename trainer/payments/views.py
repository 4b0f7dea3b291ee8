"""Coordinators mark sessions delivered and issue letters; people see their own money.
Approving and rejecting pay is in approve_views.py."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from trainer import access_log
from trainer.auth.permissions import coordinator_required, is_coordinating, staff_or_person_required
from trainer.changes import Change
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.learners.register import register_count
from trainer.letters.pdf import payment_letter_pdf, recognition_letter_pdf
from trainer.models import (
    Expense,
    ExpenseKind,
    LetterKind,
    LetterRecord,
    OfferStatus,
    Person,
    Role,
    SessionStatus,
    TrainingSession,
)
from trainer.payments import expenses, queries, rate_checks, recognition, runs, service
from trainer.payments.forms import (
    ExpenseForm,
    RecognitionForm,
    attendance_data,
    attendance_form_class,
    attendance_values,
)
from trainer.payments.letters import default_wording, letter_data, letter_easy_read
from trainer.records import get_or_404, record_id

bp = Blueprint("payments", __name__)


#: (delivered now, delivered before) -> what saving the attendance did
ATTENDANCE_SAVED = {
    (True, True): "Attendance saved. Pay is brought up to date.",
    (True, False): "Attendance saved: the session is delivered. Its pay now waits for approval.",
    (False, False): "Attendance saved. Once the session has ended, save it again to mark it "
    "delivered and work out pay.",
}


def _team(session: TrainingSession):
    return [a for a in session.assignments if a.offer_status is OfferStatus.ACCEPTED]


@bp.route("/sessions/<id:session_id>/attendance", methods=["GET", "POST"])
@coordinator_required
def record_attendance(session_id: int):
    session = get_or_404(TrainingSession, session_id)
    team = _team(session)
    counted = register_count(session)  # the register's count replaces a typed one
    form = attendance_form_class(team, register_taken=counted is not None)(
        data=attendance_data(session, team)
    )
    refused = service.why_not_recordable(session)
    if refused is None and form.validate_on_submit():
        was_delivered = session.status is SessionStatus.DELIVERED
        learners = form.learners_count.data if counted is None else counted
        with Change(form) as change:
            delivered = service.save_attendance(
                session,
                [service.AttendanceEntry(a, *attendance_values(form, a)) for a in team],
                learners,
                actor=current_user,
            )
        if change.saved:
            flash(ATTENDANCE_SAVED[(delivered, was_delivered)], "success")
            if not delivered:
                return redirect(url_for("sessions.show_session", session_id=session.id))
            return redirect(url_for(".session_pay", session_id=session.id))
    return render_template(
        "payments/attendance.html",
        session=session,
        team=team,
        form=form,
        refused=refused,
        ended=session.ends_at <= utc_now(),
        counted=counted,
    )


def _may_claim(session: TrainingSession) -> Person:
    """Coordinators claim for anyone in the team; a person only for their own sessions."""
    if is_coordinating(current_user):
        wanted = request.args.get("person", type=record_id)
        person = db.session.get(Person, wanted) if wanted else None
        if person is not None:
            return person
        team = _team(session) or session.assignments
        if not team:
            abort(404)
        return team[0].person
    person = current_user.person
    if person is None or person.id not in {a.person_id for a in _team(session)}:
        abort(403)
    return person


@bp.route("/sessions/<id:session_id>/expenses/new", methods=["GET", "POST"])
@staff_or_person_required
def claim_expense(session_id: int):
    session = get_or_404(TrainingSession, session_id)
    person = _may_claim(session)
    form = ExpenseForm()
    if request.method == "GET":
        form.incurred_on.data = session.starts_at.date()
    if form.validate_on_submit():
        receipt = expenses.Receipt.from_upload(form.receipt.data)
        details = expenses.ExpenseDetails(
            ExpenseKind(form.kind.data),
            form.incurred_on.data,
            form.description.data or "",
            form.amount.data or 0,
            Decimal(form.miles.data or 0),
        )
        with Change(form) as change:
            expenses.claim_expense(person, session, details, receipt, actor=current_user)
        if change.saved:
            flash("Expense claimed. It will be checked and paid with the next pay run.", "success")
            if is_coordinating(current_user):
                return redirect(url_for(".session_pay", session_id=session.id))
            return redirect(url_for(".my_money"))
    return render_template("payments/expense_form.html", session=session, person=person, form=form)


@bp.get("/expenses/<id:expense_id>/receipt")
@staff_or_person_required
def show_receipt(expense_id: int):
    expense = get_or_404(Expense, expense_id)
    if not _sees_money_of(expense.person_id):
        abort(403)
    path = expenses.receipt_path(expense)
    if path is None:
        abort(404)
    # read whole (5MB at most), so no file handle outlives the response
    return send_file(
        BytesIO(path.read_bytes()),
        mimetype=expense.receipt_content_type,
        as_attachment=True,
        download_name=expense.receipt_filename or path.name,
    )


def _sees_money_of(person_id: int) -> bool:
    """The person themselves, coordinators and finance."""
    if is_coordinating(current_user) or current_user.has_role(Role.FINANCE):
        return True
    return current_user.person is not None and current_user.person.id == person_id


@bp.get("/letters/<id:letter_id>.pdf")
@staff_or_person_required
def download_letter(letter_id: int):
    """The letter as issued: drawn from what it said that day, the same bytes every time."""
    record = get_or_404(LetterRecord, letter_id)
    if not _sees_money_of(record.person_id):
        abort(403)
    access_log.shown([record.person_id], access_log.PAY)
    data = letter_data(record)
    easy = letter_easy_read(record, request.args.get("format"))
    if record.kind is LetterKind.PAYMENT:
        pdf = payment_letter_pdf(data, easy_read=easy)
    else:
        pdf = recognition_letter_pdf(data, easy_read=easy)
    return send_file(
        BytesIO(pdf),
        mimetype="application/pdf",
        as_attachment=False,
        download_name=f"{record.reference}.pdf",
    )


@bp.route("/people/<id:person_id>/recognition-letter", methods=["GET", "POST"])
@coordinator_required
def issue_recognition(person_id: int):
    person = get_or_404(Person, person_id)
    form = RecognitionForm()
    if request.method == "GET":
        today = runs.to_local_today()
        form.period_from.data, form.period_to.data = today - timedelta(days=365), today
        form.role_wording.data = recognition.last_wording(person) or default_wording(person)
    if form.validate_on_submit():
        with Change(form) as change:
            record = recognition.issue_recognition_letter(
                person,
                form.period_from.data,
                form.period_to.data,
                form.role_wording.data,
                personal_message=form.personal_message.data or "",
                message_from=current_user.person.full_name if current_user.person else "",
                actor=current_user,
            )
        if change.saved:
            flash(f"Recognition letter {record.reference} issued.", "success")
            return redirect(url_for("people.show_person", person_id=person.id))
    return render_template("payments/recognition_form.html", person=person, form=form)


@bp.get("/my-money")
@login_required
def my_money():
    person = current_user.person
    if person is None:
        return render_template("payments/my_money.html", person=None)
    owed, paid = queries.person_money(person)
    return render_template(
        "payments/my_money.html",
        person=person,
        owed=owed,
        paid=paid,
        letters=queries.list_person_letters(person),
        earnings=queries.person_earnings(person),
    )


@bp.app_template_global()
def person_money_panel(person: Person) -> dict:
    """Earnings beside caps and letters, for the include on a person's page."""
    return {
        "earnings": queries.person_earnings(person),
        "letters": queries.list_person_letters(person),
    }


@bp.app_template_global()
def pay_rate_warnings(session: TrainingSession) -> list[str]:
    """Who would get £0 for a session because their seat has no pay rate, in plain words."""
    return rate_checks.session_warnings(session)
