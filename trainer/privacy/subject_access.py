"""Subject access: a copy of everything held about one person or account, as JSON (for
machines) and as a readable page, kept briefly as a DataExport.

`request_copy` notes the request; `make_copy(export_id)` makes the files. The web page
queues the job `privacy.make_copy` (trainer/privacy/tasks.py), which calls it on a worker.
"""

import enum
import json
from datetime import date, datetime, time
from decimal import Decimal

from flask import current_app, render_template
from sqlalchemy import or_, select

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models import (
    AuditEvent,
    BookingRequest,
    DataExport,
    Learner,
    LearnerMessage,
    Person,
    SignInAttempt,
    SignInLinkRequest,
    User,
)
from trainer.privacy.inventory import (
    ABOUT,
    ABOUT_LEARNER,
    ACCOUNT,
    BY,
    LEARNER,
    PERSON,
    SECRET,
    TITLES,
)

SUBJECTS = {"person": Person, "account": User, "learner": Learner}


def request_copy(kind: str, subject_id: int, *, actor: User | None) -> DataExport:
    """Note a request for a copy of what is held about the subject (flushes)."""
    export = DataExport(
        subject_kind=kind, subject_id=subject_id, requested_by_id=actor.id if actor else None
    )
    db.session.add(export)
    db.session.flush()
    return export


def make_copy(export_id: int) -> DataExport:
    """Make the copy's files (a job on the queue runs it); running it again remakes them."""
    export = db.session.get(DataExport, export_id)
    subject = db.session.get(SUBJECTS[export.subject_kind], export.subject_id)
    sections = collect_learner(subject) if isinstance(subject, Learner) else collect(subject)
    export.json_file = json.dumps(
        {
            "subject": export.subject_kind,
            "id": subject.id,
            "made_at": utc_now().isoformat(),
            "data": sections,
        },
        indent=2,
        sort_keys=True,
    ).encode()
    export.readable_file = render_template(
        "privacy/copy.html",
        sections=sections,
        titles=TITLES,
        made_at=utc_now(),
        org=current_app.config["ORG_NAME"],
    ).encode()
    export.finished_at = utc_now()
    db.session.flush()
    return export


def _ids(subject) -> dict[str, int | None]:
    if isinstance(subject, Person):
        return {PERSON: subject.id, ACCOUNT: subject.user_id}
    return {PERSON: subject.person.id if subject.person else None, ACCOUNT: subject.id}


def collect(subject) -> dict[str, list[dict]]:
    """Every row about the subject, table by table, with what they did in 'done_by_you'."""
    ids = _ids(subject)
    tables = db.metadata.tables
    sections: dict[str, list[dict]] = {}
    for name, target in ((PERSON, PERSON), (ACCOUNT, ACCOUNT)):
        if ids[target] is not None:
            _add(sections, tables[name], tables[name].c.id == ids[target])
    for (name, column), target in ABOUT.items():
        if ids[target] is not None:
            _add(sections, tables[name], tables[name].c[column] == ids[target])
    email = db.session.get(User, ids[ACCOUNT]).email if ids[ACCOUNT] else None
    if email:
        _add(sections, SignInAttempt.__table__, SignInAttempt.email == email)
        _add(sections, SignInLinkRequest.__table__, SignInLinkRequest.email == email)
    _add(sections, AuditEvent.__table__, _about_them(ids))
    sections["done_by_you"] = _done_by(ids[ACCOUNT]) if ids[ACCOUNT] else []
    return {name: rows for name, rows in sections.items() if rows}


def collect_learner(learner: Learner) -> dict[str, list[dict]]:
    """Every row about the learner: their details, their places and what hangs from those,
    requests made with their email address, and changes to their records."""
    tables = db.metadata.tables
    sections: dict[str, list[dict]] = {}
    found = {LEARNER: [learner.id]}
    _add(sections, tables[LEARNER], tables[LEARNER].c.id == learner.id)
    for (name, column), target in ABOUT_LEARNER.items():
        if not found.get(target):
            continue
        table = tables[name]
        _add(sections, table, table.c[column].in_(found[target]))
        if "id" in table.c:
            found[name] = sorted({row["id"] for row in sections.get(name, [])})
    _add(sections, BookingRequest.__table__, BookingRequest.email == learner.email)
    _add(sections, LearnerMessage.__table__, LearnerMessage.to_addr == learner.email)
    audit = [
        (AuditEvent.entity_type == kind) & AuditEvent.entity_id.in_(found.get(kind, []))
        for kind in (LEARNER, "bookings")
    ]
    _add(sections, AuditEvent.__table__, or_(*audit))
    return {name: rows for name, rows in sections.items() if rows}


def _about_them(ids):
    return or_(
        *[
            (AuditEvent.entity_type == table) & (AuditEvent.entity_id == ident)
            for table, ident in ids.items()
            if ident is not None
        ]
    )


def _add(sections: dict, table, condition) -> None:
    rows = db.session.execute(select(table).where(condition).order_by(*table.primary_key))
    found = sections.setdefault(table.name, [])
    seen = {json.dumps(row, sort_keys=True) for row in found}
    for row in rows.mappings():
        plain = {
            key: _plain(value) for key, value in row.items() if (table.name, key) not in SECRET
        }
        if json.dumps(plain, sort_keys=True) not in seen:
            found.append(plain)


def _done_by(user_id: int) -> list[dict]:
    """What they did to records about others: which record, and when; nothing of others."""
    tables, done = db.metadata.tables, []
    for (name, column), _ in BY.items():
        table = tables[name]
        when = next((c for c in ("occurred_at", "decided_at", "created_at") if c in table.c), None)
        picked = [table.c.id] + ([table.c[when]] if when else [])
        if name == "audit_events":
            picked += [table.c.action, table.c.entity_type, table.c.entity_id]
        for row in db.session.execute(select(*picked).where(table.c[column] == user_id)):
            done.append(
                {"record": name, "as": column, **{k: _plain(v) for k, v in row._mapping.items()}}
            )
    return done


def _plain(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bytes):
        return f"({len(value)} bytes)"
    return value
