"""A real HTTP server for browser tests: its own SQLite file, migrated, with the demo data.

    python -m tests.e2e.server --database /tmp/x.db --outbox /tmp/outbox --ready /tmp/ready.json

It binds a free port on 127.0.0.1, then writes {"url": ..., "ids": {...}} to the --ready file
(ids of records the tests use). It never reads TEST_DATABASE_URL: browser tests always run on
their own SQLite file, whichever database the rest of the suite uses.
"""

from __future__ import annotations

import argparse
import json
import os
from datetime import timedelta
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import select
from werkzeug.serving import make_server

from tests.e2e.growth_records import growth_records
from tests.e2e.learner_records import learner_records
from tests.pinning import start_pinned_clock
from trainer import create_app, demo
from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models import (
    Assignment,
    DeliveryRole,
    Expense,
    HelpRequest,
    Job,
    JobState,
    LetterRecord,
    LineStatus,
    MessageChoice,
    PaymentLine,
    PayRun,
    Person,
    Programme,
    SessionStatus,
    TrainingSession,
    User,
    Venue,
)
from trainer.offers import service as offers
from trainer.privacy import subject_access
from trainer.sessions.service import SessionDetails, create_session
from trainer.timezones import to_local

PASSWORD = "demo-password"


def build_app(database: Path, outbox: Path) -> Flask:
    return create_app(
        "test",
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"timeout": 30}},
            "MAIL_OUTBOX_DIR": str(outbox),
            "MAIL_SERVER": None,
            # as in production: CSRF on, errors handled by the app's own pages
            "WTF_CSRF_ENABLED": True,
            "TESTING": False,
        },
    )


def prepare(app: Flask) -> dict:
    """Migrate, load the demo data, and add the offers the browser journeys answer."""
    with app.app_context():
        upgrade()
        demo.seed(password=PASSWORD)
        ids = _journey_records()
        db.session.commit()
        return ids


def _journey_records() -> dict:
    coordinator = _user("coordinator@example.org")
    jamie = _user("cotrainer@example.org").person
    tier1 = db.session.scalar(select(Programme).where(Programme.name == "Oliver McGowan Tier 1"))
    online = db.session.scalar(select(Venue).where(Venue.is_online))
    role = jamie.delivery_roles[0]
    ids = {"jamie": jamie.id, "coordinator": coordinator.id}
    journeys = (
        ("journey_offer", 58),
        ("keyboard_offer", 60),
        ("screenshot_offer", 62),
        ("undo_offer", 64),
        ("phone_undo_offer", 66),
    )
    for name, days in journeys:
        session = _session(tier1, online, days, coordinator)
        ids[name] = offers.offer_seat(
            session, role, jamie, actor=coordinator, override_reason="Browser test"
        ).id
        ids[f"{name}_session"] = session.id
        ids[f"{name}_starts_at"] = session.starts_at.isoformat()
    ids["message_session"] = _session(tier1, online, 64, coordinator).id
    # Jamie chose no quiet hours, so an offer made late at night (a pinned clock) arrives
    choice = MessageChoice.defaults(jamie.id)
    choice.quiet_from = choice.quiet_until = None
    db.session.add(choice)
    ids.update(_first_ids())
    ids.update(_pay_records())
    ids.update(_problem_journeys(tier1, online, coordinator))
    ids.update(learner_records(coordinator))
    ids.update(growth_records())
    ids["help_request"] = _help_request(jamie).id
    ids["jamie_letter"] = db.session.scalar(
        select(LetterRecord.id).where(LetterRecord.person_id == jamie.id).limit(1)
    )
    return ids


def _help_request(person: Person) -> HelpRequest:
    """An open call for help, for the coordinators' pages."""
    asked = HelpRequest(person=person, page="/my-money", message="I do not understand my pay.")
    db.session.add(asked)
    db.session.flush()
    return asked


def _problem_journeys(programme, venue, coordinator) -> dict:
    """A seat each for the journeys that resolve a problem: someone accepted in a session to
    come, whose time off the journey then adds (one kept with a reason, one taken off)."""
    role = db.session.scalar(select(DeliveryRole).where(DeliveryRole.name == "Autistic co-trainer"))
    ids = {}
    for key, name, days in (("keep", "Robin Ashby", 48), ("take_off", "Sasha Price", 50)):
        person = Person(full_name=name, delivery_roles=[role], qualifications=[programme])
        db.session.add(person)
        db.session.flush()
        session = _session(programme, venue, days, coordinator)
        offers.respond_to_offer(
            offers.offer_seat(session, role, person, actor=coordinator), accept=True, actor=None
        )
        ids[f"{key}_person"], ids[f"{key}_session"] = person.id, session.id
        ids[f"{key}_day"] = to_local(session.starts_at).date().isoformat()
    return ids


def _pay_records() -> dict:
    """The newest delivered session whose pay waits for approval, and the latest pay run."""
    pending = db.session.scalars(
        select(PaymentLine)
        .where(PaymentLine.status == LineStatus.PENDING, PaymentLine.session_id.is_not(None))
        .order_by(PaymentLine.starts_at.desc())
    ).first()
    run = db.session.scalar(select(PayRun.id).order_by(PayRun.id.desc()).limit(1))
    found = {"pay_run": run, "pay_run_path": f"/finance/pay-runs/{run}" if run else None}
    if pending is not None:
        session = pending.session
        lines = db.session.scalars(
            select(PaymentLine).where(
                PaymentLine.session_id == session.id, PaymentLine.status == LineStatus.PENDING
            )
        )
        found.update(
            pending_pay_session=session.id,
            pending_pay_day=to_local(session.starts_at).date().isoformat(),
            pending_pay_people=sorted({line.person.full_name for line in lines}),
        )
    return found


def _session(programme, venue, days: int, actor) -> TrainingSession:
    start = (utc_now() + timedelta(days=days)).replace(hour=10, minute=0, second=0, microsecond=0)
    details = SessionDetails(
        programme=programme,
        venue=venue,
        starts_at=start,
        ends_at=start + timedelta(minutes=programme.duration_minutes),
    )
    return create_session(details, actor=actor)


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def _data_copy(person_id: int) -> int:
    """A subject access copy to download (the admin's data rights pages)."""
    return subject_access.make_copy(
        subject_access.request_copy("person", person_id, actor=None).id
    ).id


def _failed_job() -> int:
    """A job that failed every try (the failed jobs pages)."""
    job = Job(
        task="privacy.make_copy",
        arguments="[[1], {}]",
        state=JobState.FAILED,
        tries=6,
        last_error="OperationalError: the database was busy",
        finished_at=utc_now(),
    )
    db.session.add(job)
    db.session.flush()
    return job.id


def _first_ids() -> dict:
    """One real id of each kind, for pages whose address needs one."""
    first = lambda model, *where: db.session.scalar(  # noqa: E731
        select(model.id).where(*where).order_by(model.id).limit(1)
    )
    return {
        "programme": first(Programme),
        "venue": first(Venue),
        "person": first(Person),
        "user": first(User),
        "session": first(
            TrainingSession,
            TrainingSession.status == SessionStatus.DRAFT,
            TrainingSession.starts_at > utc_now(),
        ),
        "delivered_session": first(
            TrainingSession, TrainingSession.status == SessionStatus.DELIVERED
        ),
        "role": first(DeliveryRole),
        "assignment": first(Assignment),
        "showcase_session": _part_filled_session(),
        "run": first(PayRun),
        "export": _data_copy(first(Person)),
        "job": _failed_job(),
        "letter": first(LetterRecord),
        "expense": first(Expense),
        "line": db.session.scalar(
            select(PaymentLine.id)
            .where(PaymentLine.status == LineStatus.PENDING)
            .order_by(PaymentLine.starts_at)
            .limit(1)
        ),
    }


def _part_filled_session() -> int | None:
    """A session to come with part of its team: the session page at its fullest."""
    query = (
        select(TrainingSession)
        .where(TrainingSession.status == SessionStatus.DRAFT, TrainingSession.starts_at > utc_now())
        .order_by(TrainingSession.starts_at)
    )
    for session in db.session.scalars(query):
        holding = sum(a.offer_status.holds_seat for a in session.assignments)
        if 0 < holding < session.programme.team_size:
            return session.id
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--outbox", type=Path, required=True)
    parser.add_argument("--ready", type=Path, required=True)
    args = parser.parse_args()
    os.environ.pop("TEST_DATABASE_URL", None)
    app = build_app(args.database, args.outbox)
    ids = prepare(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    partial = args.ready.with_suffix(".tmp")
    partial.write_text(json.dumps({"url": url, "ids": ids}))
    partial.replace(args.ready)
    server.serve_forever()


if __name__ == "__main__":
    start_pinned_clock()
    main()
