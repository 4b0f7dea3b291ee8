"""Calendar feeds, one-session downloads, the Calendar page, and feed links on other pages."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import click
import segno
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from markupsafe import Markup
from sqlalchemy import select
from werkzeug.http import is_resource_modified

from trainer.auth.permissions import can_view, coordinator_required, is_coordinating
from trainer.calendars import data, events, ics, notify, outbox, service
from trainer.calendars.forms import ReminderForm, TeamFeedForm
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models import (
    Assignment,
    CalendarFeed,
    OfferStatus,
    OutboxMessage,
    Person,
    Programme,
    Reminders,
    SessionStatus,
    TrainingSession,
    Venue,
)
from trainer.programmes import service as programmes
from trainer.records import get_or_404
from trainer.sessions import queries
from trainer.timezones import local_zone, to_local

bp = Blueprint("calendars", __name__, cli_group=None)

#: how often feeds ask calendar apps to refresh (a hint: Google refreshes on its own schedule)
REFRESH_MINUTES = 60


# -- serving calendars ------------------------------------------------------------------------


def calendar_response(
    feed: data.Feed,
    *,
    filename: str,
    name: str | None = None,
    refresh: int | None = None,
    empty_since: datetime,
) -> Response:
    """The calendar with ETag and Last-Modified, or a bodiless 304 when the reader is current."""
    tz = local_zone()
    items = events.stamps(feed)
    salt = (
        f"{tz.key}|{name}|{refresh}|{feed.alarms}|{sorted(feed.needed.items())}|"
        f"{feed.person is None}|{data.roles_key()}"
    )
    etag = ics.etag_for(events.etag_items(items), salt=salt)
    modified = events.last_modified(items, empty_since)
    if is_resource_modified(request.environ, etag=etag, last_modified=modified):
        body = ics.render_calendar(
            events.events(feed, items, tz), tz, name=name, refresh_minutes=refresh
        )
        response = Response(body, content_type="text/calendar; charset=utf-8")
    else:
        response = Response(status=304)
    response.set_etag(etag)
    response.last_modified = modified
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    #: revalidate every time; proxies must not compress or change the file
    response.headers["Cache-Control"] = "private, no-cache, no-transform"
    return response


@bp.get("/calendar/<token>.ics")
def personal_feed(token: str):
    feed = service.find_feed(token)
    if feed is None or feed.person is None:
        abort(404)
    person = feed.person
    return calendar_response(
        data.personal_feed(person, utc_now()),
        filename="my-training-sessions.ics",
        name=f"{_org()}: {person.display_name}'s sessions",
        refresh=REFRESH_MINUTES,
        empty_since=feed.created_at,
    )


@bp.get("/calendar/team/<token>.ics")
def team_feed(token: str):
    feed = service.find_feed(token)
    if (
        feed is None
        or feed.user is None
        or not feed.user.is_enabled
        or not is_coordinating(feed.user)
    ):
        abort(404)
    programme, venue = _filter_arg("programme", Programme), _filter_arg("venue", Venue)
    words = " – ".join(x.name for x in (programme, venue) if x) or "all sessions"
    return calendar_response(
        data.team_feed(
            utc_now(), programme_id=programme and programme.id, venue_id=venue and venue.id
        ),
        filename="all-training-sessions.ics",
        name=f"{_org()}: {words}",
        refresh=REFRESH_MINUTES,
        empty_since=feed.created_at,
    )


def _filter_arg(name: str, model):
    """A record named in the feed's query string: none, or one that exists (else 404)."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    if not raw.isascii() or not raw.isdecimal():
        abort(400)  # not a number at all: a broken link
    return get_or_404(model, int(raw))


@bp.get("/sessions/<id:session_id>/invite.ics")
@login_required
def download_invite(session_id: int):
    """A team member's own copy of one session, or (for coordinators) the coordinator's copy."""
    person = current_user.person
    assignment = person and db.session.scalar(
        select(Assignment).where(
            Assignment.session_id == session_id, Assignment.person_id == person.id
        )
    )
    if assignment and can_view(current_user, assignment):
        feed = data.person_session(person, session_id)
    elif is_coordinating(current_user):
        get_or_404(TrainingSession, session_id)
        feed = data.team_feed(utc_now(), session_id=session_id)
    else:
        abort(403)  # unknown sessions too: nothing is revealed to people not on the team
    row = feed.sessions[0]
    day = to_local(row.starts_at, local_zone()).date().isoformat()
    return calendar_response(
        feed, filename=f"session-{day}-{_slug(row.programme)}.ics", empty_since=row.changed_at
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "session"


def _org() -> str:
    return current_app.config["ORG_NAME"]


# -- links ------------------------------------------------------------------------------------


def feed_links(feed: CalendarFeed | None, **filters) -> dict | None:
    """The https (download) and webcal (subscribe) links for a feed, and a QR code to scan."""
    if feed is None:
        return None
    endpoint = "calendars.personal_feed" if feed.person_id else "calendars.team_feed"
    args = {k: v for k, v in filters.items() if v}
    https = url_for(endpoint, token=feed.token, _external=True, **args)
    webcal = "webcal://" + https.split("://", 1)[1]
    qr = segno.make(webcal, error="m").svg_inline(
        scale=4, light="white", svgclass="ht-qr", title="QR code for the subscribe link"
    )
    qr = qr.replace("<svg ", '<svg role="img" focusable="false" ', 1)
    return {"https": https, "webcal": webcal, "qr": Markup(qr), "created_at": feed.created_at}


# -- the Calendar page ------------------------------------------------------------------------


@bp.get("/my-calendar")
@login_required
def my_calendar():
    person = current_user.person
    form = ReminderForm()
    upcoming = []
    if person is not None:
        form.reminders.data = data.reminders_for(person)[0].value
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
    service.set_reminders(person, Reminders(form.reminders.data), actor=current_user)
    db.session.commit()
    flash("Your reminders are saved. Calendar apps pick them up when they next refresh.", "success")
    return redirect(url_for(".my_calendar"))


@bp.post("/my-calendar/link")
@login_required
def new_my_link():
    service.new_link(person=_own_person(), actor=current_user)
    db.session.commit()
    flash("Your calendar link is ready. Any old link has stopped working.", "success")
    return redirect(url_for(".my_calendar"))


@bp.post("/my-calendar/link/revoke")
@login_required
def revoke_my_link():
    _revoke(service.get_feed(person=_own_person()))
    return redirect(url_for(".my_calendar"))


@bp.post("/my-calendar/team-link")
@coordinator_required
def new_team_link():
    service.new_link(user=current_user, actor=current_user)
    db.session.commit()
    flash("Your link to all sessions is ready. Any old link has stopped working.", "success")
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
    service.new_link(person=person, actor=current_user)
    db.session.commit()
    flash(
        f"A new calendar link is ready for {person.full_name}. Any old link has stopped working.",
        "success",
    )
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
    service.revoke_link(feed, actor=current_user)
    db.session.commit()
    flash(
        "The calendar link has stopped working. Calendars using it will no longer update.",
        "success",
    )


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


@bp.cli.command("deliver-mail")
@click.option("--limit", default=500, show_default=True, help="The most messages to try.")
def deliver_mail_command(limit: int) -> None:
    """Send emailed invites that are still waiting (for example after a mail server outage)."""
    rows = outbox.unsent(limit)
    sent = outbox.deliver(rows)
    db.session.commit()
    click.echo(f"Sent {sent} of {len(rows)} waiting messages.")
    if sent < len(rows):
        raise click.ClickException("Some messages could not be sent. They will be tried again.")
