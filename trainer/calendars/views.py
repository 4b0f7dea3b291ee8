"""The Calendar page: feed links to subscribe to, reminders, and links on other pages."""

from __future__ import annotations

from datetime import timedelta

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from sqlalchemy import select

from trainer.auth.permissions import coordinator_required, is_coordinating
from trainer.calendars import feed_rows, notify, outbox, service
from trainer.calendars.feed_views import REFRESH_MINUTES
from trainer.calendars.forms import ReminderForm, TeamFeedForm
from trainer.changes import Change
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models import (
    CalendarFeed,
    OfferStatus,
    OutboxMessage,
    Person,
    Reminders,
    SessionStatus,
    TrainingSession,
)
from trainer.programmes import service as programmes
from trainer.records import get_or_404
from trainer.sessions import queries
from trainer.templating import qr_code

bp = Blueprint("calendars", __name__)


# -- links ------------------------------------------------------------------------------------


def feed_links(feed: CalendarFeed | None, **filters) -> dict | None:
    """The https (download) and webcal (subscribe) links for a feed, and a QR code to scan."""
    if feed is None:
        return None
    endpoint = "feeds.personal_feed" if feed.person_id else "feeds.team_feed"
    args = {k: v for k, v in filters.items() if v}
    https = url_for(endpoint, token=feed.token, _external=True, **args)
    webcal = "webcal://" + https.split("://", 1)[1]
    qr = qr_code(webcal, "QR code for the subscribe link")
    return {"https": https, "webcal": webcal, "qr": qr, "created_at": feed.created_at}


# -- the Calendar page ------------------------------------------------------------------------


@bp.get("/my-calendar")
@login_required
def my_calendar():
    person = current_user.person
    form = ReminderForm()
    upcoming = []
    if person is not None:
        form.reminders.data = feed_rows.reminders_for(person)[0].value
        upcoming = [
            a
            for a in queries.person_sessions(person, since=utc_now())
            if a.offer_status is OfferStatus.ACCEPTED
        ]
    return _page(form, upcoming)


def _page(form: ReminderForm, upcoming: list):
    person = current_user.person
    team, team_form = None, None
    if is_coordinating(current_user):
        team_form = TeamFeedForm(request.args)
        team_form.programme.choices = [(None, "Any programme")] + [
            (p.id, p.name) for p in queries.programme_options()
        ]
        team_form.venue.choices = [(None, "Any venue")] + [
            (v.id, v.name) for v in programmes.list_venues(include_archived=True)
        ]
        filters = {}
        if team_form.validate():
            filters = {"programme": team_form.programme.data, "venue": team_form.venue.data}
        team = feed_links(service.get_feed(user=current_user), **filters)
    mine = feed_links(service.get_feed(person=person)) if person else None
    shown = team_form if team_form is not None and team_form.errors else form  # error summary
    return render_template(
        "calendars/my_calendar.html",
        person=person,
        mine=mine,
        form=shown,
        reminder_form=form,
        team=team,
        team_form=team_form,
        upcoming=upcoming,
        refresh=REFRESH_MINUTES,
    )


@bp.post("/my-calendar/reminders")
@login_required
def set_reminders():
    person = _own_person()
    form = ReminderForm()
    if not form.validate_on_submit():
        return _page(form, [])
    saved = "Your reminders are saved. Calendar apps pick them up when they next refresh."
    with Change(form, success=saved) as change:
        service.set_reminders(person, Reminders(form.reminders.data), actor=current_user)
    if not change.saved:
        return _page(form, [])
    return redirect(url_for(".my_calendar"))


@bp.post("/my-calendar/link")
@login_required
def new_my_link():
    with Change(success="Your calendar link is ready. Any old link has stopped working."):
        service.new_link(person=_own_person(), actor=current_user)
    return redirect(url_for(".my_calendar"))


@bp.post("/my-calendar/link/revoke")
@login_required
def revoke_my_link():
    _revoke(service.get_feed(person=_own_person()))
    return redirect(url_for(".my_calendar"))


@bp.post("/my-calendar/team-link")
@coordinator_required
def new_team_link():
    with Change(success="Your link to all sessions is ready. Any old link has stopped working."):
        service.new_link(user=current_user, actor=current_user)
    return redirect(url_for(".my_calendar"))


@bp.post("/my-calendar/team-link/revoke")
@coordinator_required
def revoke_team_link():
    _revoke(service.get_feed(user=current_user))
    return redirect(url_for(".my_calendar"))


@bp.post("/people/<id:person_id>/calendar-link")
@coordinator_required
def new_person_link(person_id: int):
    person = get_or_404(Person, person_id)
    ready = (
        f"A new calendar link is ready for {person.full_name}. Any old link has stopped working."
    )
    with Change(success=ready):
        service.new_link(person=person, actor=current_user)
    return redirect(url_for("people.show_person", person_id=person.id, _anchor="calendar-link"))


@bp.post("/people/<id:person_id>/calendar-link/revoke")
@coordinator_required
def revoke_person_link(person_id: int):
    person = get_or_404(Person, person_id)
    _revoke(service.get_feed(person=person))
    return redirect(url_for("people.show_person", person_id=person.id, _anchor="calendar-link"))


def _own_person() -> Person:
    if current_user.person is None:
        abort(403)
    return current_user.person


def _revoke(feed: CalendarFeed | None) -> None:
    if feed is None:
        flash("There was no calendar link to stop.", "success")
        return
    stopped = "The calendar link has stopped working. Calendars using it will no longer update."
    with Change(success=stopped):
        service.revoke_link(feed, actor=current_user)


# -- pieces for other pages' templates ----------------------------------------------------------


@bp.app_template_global()
def person_feed_links(person: Person) -> dict | None:
    return feed_links(service.get_feed(person=person))


@bp.app_template_global()
def session_calendar_notices(session: TrainingSession) -> dict:
    """For the session page: whether changes now are urgent, and the invites already sent."""
    now = utc_now()
    sent = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.session_id == session.id)
        .order_by(OutboxMessage.id.desc())
        .limit(20)
    ).all()
    live = session.status in (SessionStatus.DRAFT, SessionStatus.SCHEDULED)
    return {
        "soon": live and notify.is_urgent(session),
        "messages": sent,
        "urgent": [m for m in sent if m.is_urgent and session.ends_at > now],
    }


@bp.app_template_global()
def urgent_calendar_changes(limit: int = 20) -> list[OutboxMessage]:
    """Changes within 48 hours of a session's start, for sessions not yet over (last 7 days)."""
    now = utc_now()
    query = (
        select(OutboxMessage)
        .join(OutboxMessage.session)
        .where(
            OutboxMessage.is_urgent,
            OutboxMessage.created_at >= now - timedelta(days=7),
            TrainingSession.ends_at > now,
        )
        .order_by(OutboxMessage.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


# -- sending ----------------------------------------------------------------------------------


@bp.after_app_request
def deliver_committed_mail(response: Response) -> Response:
    outbox.deliver_committed()
    return response
