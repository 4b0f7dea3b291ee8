"""Calendar files: personal and team feeds that calendar apps subscribe to (no sign-in: the
token is the key), and one session's invite to download."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, Response, abort, current_app, request
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.http import is_resource_modified

from trainer.auth.permissions import can_view, is_coordinating
from trainer.calendars import events, feed_rows, ics, service
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.filenames import safe_filename
from trainer.models import Assignment, Programme, TrainingSession, Venue
from trainer.records import get_or_404
from trainer.timezones import local_zone, to_local

bp = Blueprint("feeds", __name__)

#: how often feeds ask calendar apps to refresh (a hint: Google refreshes on its own schedule)
REFRESH_MINUTES = 60


def calendar_response(
    feed: feed_rows.Feed,
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
        f"{feed.person is None}|{feed_rows.roles_key()}"
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
        feed_rows.personal_feed(person, utc_now()),
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
        feed_rows.team_feed(
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
        feed = feed_rows.person_session(person, session_id)
    elif is_coordinating(current_user):
        get_or_404(TrainingSession, session_id)
        feed = feed_rows.team_feed(utc_now(), session_id=session_id)
    else:
        abort(403)  # unknown sessions too: nothing is revealed to people not on the team
    row = feed.sessions[0]
    day = to_local(row.starts_at, local_zone()).date().isoformat()
    programme = safe_filename(row.programme.lower(), fallback="session", max_length=40)
    return calendar_response(
        feed, filename=f"session-{day}-{programme}.ics", empty_since=row.changed_at
    )


def _org() -> str:
    return current_app.config["ORG_NAME"]
