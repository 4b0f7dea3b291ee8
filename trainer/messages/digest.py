"""The coordinators' daily digest: unanswered offers, problems with bookings, and teams not
ready in the next two weeks. Written once a day, at DIGEST_AT local time."""

from __future__ import annotations

from datetime import datetime

from trainer.dashboards.coordinator import LIVE, coming, with_teams
from trainer.easy_read import say_day
from trainer.messages import coordinator_wording as words
from trainer.messages.links import link
from trainer.messages.log import tell_coordinators
from trainer.models import Message
from trainer.problems import queries as problems
from trainer.sessions import queries as sessions
from trainer.sessions.seats import team_gaps
from trainer.timezones import format_day, format_time, to_local

#: at most this many of each kind are listed (the dashboard has the rest)
LISTED = 50


def _when(moment: datetime) -> str:
    return f"{format_day(moment)} {format_time(moment)}"


def _session_link(session_id: int) -> str:
    return link("sessions.show_session", session_id=session_id)


def digest_items(now: datetime) -> dict[str, list[words.DigestItem]]:
    offers = [
        words.DigestItem(
            f"{a.person.full_name}, {a.delivery_role.name.lower()}, "
            f"{a.session.programme.name} {_when(a.session.starts_at)}:",
            _session_link(a.session_id),
        )
        for a in sessions.waiting_offers(now, limit=LISTED)
    ]
    found = [
        words.DigestItem(
            f"{p.person.full_name}, {p.session.programme.name} {_when(p.session.starts_at)}: "
            f"{p.message}.",
            _session_link(p.session_id),
        )
        for p in problems.upcoming_problems(now, limit=LISTED)
    ]
    live = [sid for sid, status in coming(now) if status in LIVE]
    gaps = []
    for session in with_teams(live[:LISTED]).values():
        if missing := team_gaps(session):
            gaps.append(
                words.DigestItem(
                    f"{session.programme.name} {_when(session.starts_at)}: {'; '.join(missing)}.",
                    _session_link(session.id),
                )
            )
    return {"offers": offers, "problems": found, "gaps": gaps}


def send_digest(now: datetime) -> list[Message]:
    """Write today's digest to each coordinator, once a day however often it runs (flushes)."""
    local = to_local(now)
    day = say_day(local, this_year=local.year)
    content = words.digest(day=day, link=link("dashboards.coordinator"), **digest_items(now))
    return tell_coordinators("digest", f"digest:{local.date().isoformat()}", content)
