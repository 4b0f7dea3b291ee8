"""The coordinators' daily digest: unanswered offers, problems with bookings, and teams not
ready in the next two weeks. Written once a day, at DIGEST_AT local time."""

from __future__ import annotations

from datetime import datetime

from trainer.dashboards.coordinator import LIVE, coming
from trainer.dashboards.teams import teams_of
from trainer.easy_read import say_day
from trainer.messages import coordinator_wording as words
from trainer.messages.links import link
from trainer.messages.log import tell_coordinators
from trainer.models import Message
from trainer.problems import queries as problems
from trainer.sessions import queries as sessions
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
    listed = live[:LISTED]
    teams = teams_of(listed)
    for session, team in (teams[sid] for sid in listed if sid in teams):
        if team.gaps:
            gaps.append(
                words.DigestItem(
                    f"{session.programme} {_when(session.starts_at)}: {'; '.join(team.gaps)}.",
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
