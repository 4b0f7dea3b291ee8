"""Feeds served through the Flask app on the region data set, against icalendar serialising the
same events in one go, in the same run.

    .venv/bin/python -m bench.feeds_app [--runs 7]

Serves a personal feed of 500 sessions and the coordinators' feed of 5,000 (WSGI, in process,
with the database queries, the ETag, the words and the rendering), and a 304 for each.
"ours cold" empties the per-event cache first; "ours warm" is the steady state (nothing
changed since the last fetch). Goal: ratio (ours / icalendar) at most 1.0.
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import date
from pathlib import Path

from flask_migrate import upgrade
from icalendar import Calendar, Timezone
from sqlalchemy import select, update

from bench.feeds import icalendar_feed, race
from trainer import create_app, demo
from trainer.calendars import events, feed_rows, ics
from trainer.calendars import service as calendar_service
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models import Assignment, Person, TrainingSession, User
from trainer.timezones import local_zone

DB_PATH = Path(tempfile.gettempdir()) / "heads-together-bench-feeds.db"
PERSONAL_SESSIONS = 500


def region_app():
    """The region data set (built once into its own file), with one person on 500 sessions."""
    app = create_app("test", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{DB_PATH}", "TESTING": False})
    with app.app_context():
        upgrade()
        if demo.is_empty():
            print("Building the region data set (once)...")
            demo.seed(password="demo-password", scale="region")
            db.session.commit()
        tokens = _busy_person_and_coordinator()
        db.session.commit()
    return app, tokens


def _busy_person_and_coordinator() -> tuple[str, str]:
    person = db.session.scalars(
        select(Person).where(Person.email.like("autistic.%")).order_by(Person.id)
    ).first()
    seats = (
        select(Assignment.id)
        .join(Assignment.session)
        .where(Assignment.delivery_role_id.in_([r.id for r in person.delivery_roles]))
    )
    ids = db.session.scalars(
        seats.order_by(TrainingSession.starts_at).limit(PERSONAL_SESSIONS)
    ).all()
    spare = db.session.scalars(
        select(Person.id)
        .where(Person.email.like("autistic.%"), Person.id != person.id)
        .order_by(Person.id)
    ).first()
    db.session.execute(
        update(Assignment)
        .where(Assignment.person_id == person.id, Assignment.id.not_in(ids))
        .values(person_id=spare)
    )
    db.session.execute(update(Assignment).where(Assignment.id.in_(ids)).values(person_id=person.id))
    coordinator = db.session.scalar(select(User).where(User.email == "coordinator@example.org"))
    mine = calendar_service.get_feed(person=person) or calendar_service.new_link(
        person=person, actor=None
    )
    team = calendar_service.get_feed(user=coordinator) or calendar_service.new_link(
        user=coordinator, actor=None
    )
    return f"/calendar/{mine.token}.ics", f"/calendar/team/{team.token}.ics"


def fetch(client, url: str, etag: str | None = None, status: int = 200):
    response = client.get(url, headers={"If-None-Match": etag} if etag else {})
    assert response.status_code == status, (url, response.status_code)
    return response


def same_events(app, url: str) -> list[ics.EventData]:
    """The EventData the app serves at `url`, for icalendar to serialise."""
    with app.app_context():
        tz = local_zone()
        feed = calendar_service.find_feed(url.rsplit("/", 1)[1].removesuffix(".ics"))
        rows = (
            feed_rows.personal_feed(feed.person, utc_now())
            if feed.person
            else feed_rows.team_feed(utc_now())
        )
        return events.events(rows, events.stamps(rows), tz)


def measure(app, client, url: str, runs: int) -> dict[str, float | int]:
    served = same_events(app, url)
    years = [e.starts_at.year for e in served]
    with app.app_context():
        tz = local_zone()
    zone = Timezone.from_tzinfo(tz, tz.key, date(min(years) - 1, 1, 1), date(max(years) + 1, 1, 1))
    body = fetch(client, url).data
    assert len(Calendar.from_ical(body).events) == len(served)
    etag = fetch(client, url).headers["ETag"]

    def nothing() -> None:
        pass

    def cold_start() -> None:
        ics.EVENT_CACHE.clear()
        ics.forget_shared_parts()

    seconds = race(
        {
            "baseline": (nothing, lambda: icalendar_feed(served, zone)),
            "cold": (cold_start, lambda: fetch(client, url)),
            "warm": (nothing, lambda: fetch(client, url)),
            "304": (nothing, lambda: fetch(client, url, etag, 304)),
        },
        runs,
    )
    return {"events": len(served)} | {name: taken * 1000 for name, taken in seconds.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    app, (personal, team) = region_app()
    client = app.test_client()
    print(f"median of {runs} rounds; ratio = ours (whole request) / icalendar (serialising only)")
    print(
        f"{'feed':<14} {'events':>6} {'icalendar':>10} {'ours cold':>10} {'ours warm':>10} "
        f"{'304':>8} {'cold ratio':>10} {'warm ratio':>10}"
    )
    for label, url in (("personal", personal), ("coordinators", team)):
        t = measure(app, client, url, runs)
        print(
            f"{label:<14} {t['events']:>6} {t['baseline']:>8.1f}ms {t['cold']:>8.1f}ms "
            f"{t['warm']:>8.1f}ms {t['304']:>6.1f}ms {t['cold'] / t['baseline']:>10.3f} "
            f"{t['warm'] / t['baseline']:>10.3f}"
        )


if __name__ == "__main__":
    main()
