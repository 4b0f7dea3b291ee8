from datetime import datetime, timedelta

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from trainer import access_log, pagecache
from trainer.auth.permissions import coordinator_required
from trainer.changes import Change
from trainer.clock import local_today, utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import Programme, SessionStatus, TrainingSession, Venue
from trainer.records import get_or_404
from trainer.sessions import listing, queries, service
from trainer.sessions.forms import (
    CancelSessionForm,
    ScheduleAnywayForm,
    SessionFilterForm,
    SessionForm,
)
from trainer.sessions.seats import team_gaps, team_seats
from trainer.timezones import local_to_utc, local_zone, to_local

bp = Blueprint("sessions", __name__, url_prefix="/sessions")

PAGE_SIZES = (10, 25, 50, 100)
#: the query parameters the session list reads (its filters, the page, the page size)
LIST_PARAMS = ("date_from", "date_to", "programme", "status", "venue", "page", "per_page")


def _fill_choices(form: SessionForm, session: TrainingSession | None) -> None:
    programmes = [
        p
        for p in queries.programme_options()
        if p.is_active or (session and session.programme_id == p.id)
    ]
    venues = [
        v for v in queries.venue_options() if v.is_active or (session and session.venue_id == v.id)
    ]
    form.programme_id.choices = [(None, "Choose a programme")] + [
        (p.id, p.name) for p in programmes
    ]
    form.venue_id.choices = [(None, "No venue (online, own link)")] + [
        (v.id, v.name) for v in venues
    ]


@bp.get("/")
@coordinator_required
def list_sessions():
    today = local_today(local_zone())
    return pagecache.render_cached(
        "sessions/sessions.html",
        _session_list,
        vary=(today, current_app.config["SESSIONS_PER_PAGE"]),
        params=LIST_PARAMS,
    )


def _session_list() -> dict:
    form = SessionFilterForm(request.args)
    form.programme.choices = [(None, "Any programme")] + [
        (p.id, p.name) for p in queries.programme_options()
    ]
    form.venue.choices = [(None, "Any venue")] + [(v.id, v.name) for v in queries.venue_options()]
    form.status.choices = [(None, "Any status")] + [(s.value, s.label) for s in SessionStatus]
    filters = listing.SessionFilters()
    if form.validate():
        filters = listing.SessionFilters(
            date_from=form.date_from.data,
            date_to=form.date_to.data,
            programme_id=form.programme.data,
            status=SessionStatus(form.status.data) if form.status.data else None,
            venue_id=form.venue.data,
        )
    page = request.args.get("page", 1, type=int)
    per_page = request.args.get("per_page", type=int)
    if per_page not in PAGE_SIZES:
        per_page = current_app.config["SESSIONS_PER_PAGE"]
    result = listing.list_sessions(filters, page=page, per_page=per_page)
    args = {k: v for k, v in request.args.items() if k in LIST_PARAMS and k != "page"}
    return {
        "form": form,
        "result": result,
        "args": args,
        "per_page": per_page,
        "page_sizes": PAGE_SIZES,
        "has_filters": any(vars(filters).values()),
    }


@bp.get("/<id:session_id>")
@coordinator_required
def show_session(session_id: int):
    session = get_or_404(TrainingSession, session_id)
    seats = team_seats(session)
    people = [seat.assignment.person for seat in seats if not seat.is_empty]
    access_log.shown((p for p in people if p.has_support_needs), access_log.SUPPORT_NEEDS)
    return render_template(
        "sessions/session.html",
        session=session,
        seats=seats,
        statuses=SessionStatus,
        ended=session.ends_at <= utc_now(),
    )


@bp.route("/new", methods=["GET", "POST"])
@coordinator_required
def create_session():
    return _edit(None)


@bp.route("/<id:session_id>/edit", methods=["GET", "POST"])
@coordinator_required
def edit_session(session_id: int):
    session = get_or_404(TrainingSession, session_id)
    if session.status in (SessionStatus.DELIVERED, SessionStatus.CANCELLED):
        flash(f"This session is {session.status.label.lower()}, so it cannot be changed.", "error")
        return redirect(url_for(".show_session", session_id=session.id))
    return _edit(session)


def _prefill(form: SessionForm, session: TrainingSession) -> None:
    start, end = to_local(session.starts_at), to_local(session.ends_at)
    form.programme_id.data = session.programme_id
    form.venue_id.data = session.venue_id
    form.day.data, form.start_time.data, form.end_time.data = start.date(), start.time(), end.time()
    form.capacity.data = session.capacity


def _details(form: SessionForm, session: TrainingSession | None) -> service.SessionDetails:
    programme = get_or_404(Programme, form.programme_id.data)
    venue = db.session.get(Venue, form.venue_id.data) if form.venue_id.data else None
    starts_at = _local_instant(form.day.data, form.start_time.data, "start_time")
    if session is not None and _end_kept(form, session):
        ends_at = starts_at + (session.ends_at - session.starts_at)  # moved: same length
    elif form.end_time.data:
        ends_at = _local_instant(form.day.data, form.end_time.data, "end_time")
    else:
        ends_at = starts_at + timedelta(minutes=programme.duration_minutes)
    return service.SessionDetails(
        programme=programme,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue,
        meeting_url=form.meeting_url.data or "",
        capacity=form.capacity.data,
        notes=form.notes.data or "",
        what_to_bring=form.what_to_bring.data or "",
    )


def _end_kept(form: SessionForm, session: TrainingSession) -> bool:
    """The end time left as it was while the start moved: the session keeps its length."""
    start, end = (
        to_local(moment).time().replace(second=0, microsecond=0)
        for moment in (session.starts_at, session.ends_at)
    )
    return form.end_time.data == end and form.start_time.data != start


def _local_instant(day, clock, field: str) -> datetime:
    instant = local_to_utc(day, clock)
    if to_local(instant).time().replace(second=0) != clock.replace(second=0):
        raise DomainError(
            "That time does not exist on this day because the clocks go forward.", field
        )
    return instant


def _edit(session: TrainingSession | None):
    form = SessionForm(obj=session)
    _fill_choices(form, session)
    if session is not None and not form.is_submitted():
        _prefill(form, session)
    if form.validate_on_submit():
        with Change(form) as change:
            details = _details(form, session)
            if session is None:
                session = service.create_session(details, actor=current_user)
            else:
                service.update_session(session, details, actor=current_user)
        if change.saved:
            flash("Session saved.", "success")
            return redirect(url_for(".show_session", session_id=session.id))
    return render_template(
        "sessions/session_form.html", form=form, session=session, zone=local_zone()
    )


@bp.post("/<id:session_id>/status")
@coordinator_required
def change_status(session_id: int):
    session = get_or_404(TrainingSession, session_id)
    try:
        target = SessionStatus(request.form.get("status", ""))
    except ValueError:
        abort(400)
    if target is SessionStatus.CANCELLED:
        return redirect(url_for(".cancel_session", session_id=session.id))
    if target is SessionStatus.DELIVERED:  # with its attendance, once it has happened
        return redirect(url_for("payments.record_attendance", session_id=session.id))
    with Change() as change:
        service.change_status(session, target, actor=current_user)
    if change.saved:
        flash(f"The session is now {target.label.lower()}.", "success")
    return redirect(url_for(".show_session", session_id=session.id))


@bp.route("/<id:session_id>/cancel", methods=["GET", "POST"])
@coordinator_required
def cancel_session(session_id: int):
    session = get_or_404(TrainingSession, session_id)
    form = CancelSessionForm()
    past = session.ends_at <= utc_now()
    said = "Recorded: the session did not go ahead." if past else "The session is cancelled."
    done = _move_with_reason(session, SessionStatus.CANCELLED, form, said)
    return done or render_template("sessions/cancel.html", form=form, session=session, past=past)


@bp.route("/<id:session_id>/schedule-anyway", methods=["GET", "POST"])
@coordinator_required
def schedule_anyway(session_id: int):
    session = get_or_404(TrainingSession, session_id)
    form = ScheduleAnywayForm()
    saved = "The session is now scheduled. Your reason is shown on the session."
    done = _move_with_reason(session, SessionStatus.SCHEDULED, form, saved, anchor="status")
    return done or render_template(
        "sessions/schedule_anyway.html", session=session, form=form, gaps=team_gaps(session)
    )


def _move_with_reason(session, target: SessionStatus, form, success: str, anchor=None):
    """A status change that needs a written reason: saved, then back to the session; or
    None, to show the form again with what was wrong."""
    if not form.validate_on_submit():
        return None
    with Change(form, success=success) as change:
        service.change_status(session, target, actor=current_user, reason=form.reason.data)
    if not change.saved:
        return None
    return redirect(url_for(".show_session", session_id=session.id, _anchor=anchor))
