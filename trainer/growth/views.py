"""Room to grow for coordinators: progression at a glance, a person's path and named lead,
shadows and "You said, we did" on the session page, and the lead's check-ins."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from trainer import access_log
from trainer.auth.permissions import coordinator_required, is_coordinating
from trainer.changes import Change
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.growth import checkins, progression, reviews, shadows
from trainer.growth.forms import LeadForm, OutcomeForm, ProgressionStepForm, role_stages_form
from trainer.models import (
    CheckIn,
    DeliveryRole,
    Person,
    ProgressionStage,
    ReviewOutcome,
    Role,
    SessionStatus,
    TrainingSession,
    User,
    UserRole,
)
from trainer.records import get_or_404
from trainer.sessions.seats import shadow_room
from trainer.sessions.seats import shadows as session_shadows

bp = Blueprint("growth", __name__)
CHECK_INS = "check-ins"


@bp.get("/progression")
@coordinator_required
def progression_overview():
    return _overview(_stages_form(formdata=None))


@bp.post("/progression/roles")
@coordinator_required
def set_role_stages():
    """Which stage each role needs: an offer to someone below it needs a written reason."""
    form = _stages_form()
    if not form.validate_on_submit():
        return _overview(form)
    with Change(form) as change:
        changed = [
            role
            for role, name in form.role_fields
            if progression.set_role_stage(
                role,
                ProgressionStage(form[name].data) if form[name].data else None,
                actor=current_user,
            )
        ]
    if not change.saved:
        return _overview(form)
    flash(
        f"Saved: {', '.join(r.name for r in changed)}." if changed else "Nothing changed.",
        "success",
    )
    return redirect(url_for(".progression_overview", _anchor="roles"))


def _stages_form(**kwargs):
    roles = list(
        db.session.scalars(
            select(DeliveryRole)
            .where(DeliveryRole.is_active.is_(True))
            .order_by(DeliveryRole.sort_order, DeliveryRole.name)
        )
    )
    form = role_stages_form(roles, **kwargs)
    if kwargs.get("formdata", True) is None:
        for role, name in form.role_fields:
            form[name].data = role.needs_stage.value if role.needs_stage else ""
    return form


def _overview(form):
    """Everyone who delivers, with the day each stage was reached: the path at a glance."""
    people = list(
        db.session.scalars(
            select(Person)
            .where(Person.is_active.is_(True), Person.erased_at.is_(None))
            .order_by(Person.full_name)
        ).unique()
    )
    rows = [p for p in progression.progress_table(people) if p.person.delivery_roles or p.steps]
    return render_template(
        "growth/progression.html", rows=rows, stages=list(ProgressionStage), form=form
    )


@bp.route("/people/<id:person_id>/progression", methods=["GET", "POST"])
@coordinator_required
def person_progression(person_id: int):
    person = get_or_404(Person, person_id)
    form = ProgressionStepForm()
    if form.validate_on_submit():
        with Change(form) as change:
            progression.record_step(
                person,
                ProgressionStage(form.stage.data),
                form.reached_on.data,
                form.evidence.data,
                actor=current_user,
            )
        if change.saved:
            flash(f"The stage is recorded for {person.full_name}.", "success")
            return redirect(url_for(".person_progression", person_id=person.id))
    return _person_page(person, form, _lead_form(person, formdata=None))


def _person_page(person: Person, step_form, lead_form):
    """`form` is the one the error summary reads: whichever of the two has errors."""
    return render_template(
        "growth/person.html",
        person=person,
        progress=progression.progress_of(person),
        stages=list(ProgressionStage),
        form=lead_form if lead_form.errors else step_form,
        step_form=step_form,
        lead_form=lead_form,
    )


def _leads() -> list[User]:
    query = (
        select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role.in_((Role.COORDINATOR, Role.ADMIN)), User.is_enabled.is_(True))
        .order_by(User.email)
    )
    return list(db.session.scalars(query).unique())


def _lead_form(person: Person, **kwargs) -> LeadForm:
    form = LeadForm(**kwargs)
    form.lead.choices = [(None, "No named lead")] + [(u.id, u.email) for u in _leads()]
    if kwargs.get("formdata", True) is None:
        form.lead.data = person.lead_id
    return form


@bp.post("/people/<id:person_id>/lead")
@coordinator_required
def set_lead(person_id: int):
    person = get_or_404(Person, person_id)
    form = _lead_form(person)
    if not form.validate_on_submit():
        return _person_page(person, ProgressionStepForm(formdata=None), form)
    lead = db.session.get(User, form.lead.data) if form.lead.data else None
    with Change(form) as change:
        checkins.name_lead(person, lead, actor=current_user)
    if not change.saved:
        return _person_page(person, ProgressionStepForm(formdata=None), form)
    flash(f"The named lead for {person.full_name} is saved.", "success")
    return redirect(url_for(".person_progression", person_id=person.id))


# -- the lead's check-ins ----------------------------------------------------------------------


@bp.get("/check-ins")
@coordinator_required
def lead_check_ins():
    """The check-ins of the people this account is the named lead of (nobody else's)."""
    rows = checkins.for_lead(current_user)
    access_log.shown({c.person for c in rows}, CHECK_INS)
    return render_template("growth/lead_check_ins.html", rows=rows)


@bp.get("/check-ins/<id:check_in_id>")
@login_required
def show_check_in(check_in_id: int):
    check_in = _readable(check_in_id)
    if check_in.person.user_id != current_user.id:
        access_log.shown([check_in.person], CHECK_INS)
    return render_template("growth/check_in.html", check_in=check_in)


@bp.post("/check-ins/<id:check_in_id>/answered")
@login_required
def answer_check_in(check_in_id: int):
    check_in = _readable(check_in_id)
    if check_in.person.lead_id != current_user.id:
        abort(403)
    with Change() as change:
        checkins.mark_answered(check_in, actor=current_user)
    if change.saved:
        flash(
            f"Marked as answered: you have been in touch with {check_in.person.full_name}.",
            "success",
        )
    return redirect(url_for(".lead_check_ins"))


def _readable(check_in_id: int) -> CheckIn:
    """Only the person and their named lead; a wrong id is 404 for coordinators only."""
    check_in = db.session.get(CheckIn, check_in_id) if 0 < check_in_id else None
    if check_in is None:
        abort(404 if is_coordinating(current_user) or current_user.person else 403)
    if not checkins.can_read(current_user, check_in):
        abort(403)
    return check_in


# -- review meetings' outcomes -------------------------------------------------------------------


@bp.route("/sessions/<id:session_id>/outcomes/new", methods=["GET", "POST"])
@coordinator_required
def add_outcome(session_id: int):
    session = get_or_404(TrainingSession, session_id)
    if not reviews.is_review(session):
        abort(404)
    form = OutcomeForm()
    if form.validate_on_submit():
        with Change(form) as change:
            reviews.add_outcome(session, _details(form), actor=current_user)
        if change.saved:
            flash(
                "The \u201cYou said, we did\u201d item is saved. Everyone can read it.", "success"
            )
            return redirect(
                url_for("sessions.show_session", session_id=session.id, _anchor="outcomes")
            )
    return render_template("growth/outcome_form.html", form=form, session=session, outcome=None)


@bp.route("/outcomes/<id:outcome_id>/edit", methods=["GET", "POST"])
@coordinator_required
def edit_outcome(outcome_id: int):
    outcome = get_or_404(ReviewOutcome, outcome_id)
    form = OutcomeForm(obj=outcome) if request.method == "GET" else OutcomeForm()
    if form.validate_on_submit():
        with Change(form) as change:
            reviews.update_outcome(outcome, _details(form), actor=current_user)
        if change.saved:
            flash("The \u201cYou said, we did\u201d item is saved.", "success")
            return redirect(
                url_for("sessions.show_session", session_id=outcome.session_id, _anchor="outcomes")
            )
    return render_template(
        "growth/outcome_form.html", form=form, session=outcome.session, outcome=outcome
    )


def _details(form: OutcomeForm) -> reviews.OutcomeDetails:
    return reviews.OutcomeDetails(
        you_said=form.you_said.data or "",
        we_did=form.we_did.data or "",
        owner=form.owner.data or "",
        due_on=form.due_on.data,
        done_on=form.done_on.data,
    )


# -- pieces for the session page -----------------------------------------------------------------


@bp.app_template_global()
def growth_panel(session: TrainingSession) -> dict:
    """For the session page: its observers, who could shadow it, and a review's outcomes."""
    role = shadows.shadow_role()
    live = session.status in (SessionStatus.DRAFT, SessionStatus.SCHEDULED)
    open_now = live and session.ends_at > utc_now() and role is not None
    room = shadow_room(session)
    is_review = reviews.is_review(session)
    return {
        "role": role,
        "live": open_now,
        "shadows": session_shadows(session),
        "room": room,
        "candidates": shadows.shadow_candidates(session, role)[:8]
        if open_now and room and not is_review
        else [],
        "is_review": is_review,
        "outcomes": reviews.outcomes_of(session) if is_review else [],
    }
