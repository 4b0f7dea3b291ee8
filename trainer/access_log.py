"""Access logging: every time someone is shown another person's support needs, benefits
situation (their earnings caps) or pay, an audit event says who saw what, and when.

Views call `shown(people, what)`; the events are saved after the page is drawn, in one
transaction of their own, and only when the page was shown (a status below 400). A person
looking at their own details is not logged. Events from views change no page, so they do
not expire cached pages (see trainer/pagecache.py).
"""

from collections.abc import Iterable

from flask import Flask, g
from flask_login import current_user
from sqlalchemy import insert

from trainer.extensions import db
from trainer.models import AuditEvent
from trainer.pagecache import ACCESS_EVENT

SUPPORT_NEEDS = "support needs"
BENEFITS = "benefits situation"
PAY = "pay"
#: the action every access event has (pagecache knows it: such events change no page)
VIEWED = ACCESS_EVENT


def shown(people: Iterable, *what: str) -> None:
    """Note that the signed-in user was shown `what` about each of `people` (Person objects
    or ids) on this page."""
    own = getattr(getattr(current_user, "person", None), "id", None)
    noted = g.setdefault("people_shown", {})
    for person in people:
        ident = getattr(person, "id", person)
        if ident is not None and ident != own:
            noted.setdefault(ident, set()).update(what)


def _save(response):
    noted = g.pop("people_shown", None)
    if not noted or response.status_code >= 400 or not current_user.is_authenticated:
        return response
    rows = [
        {
            "action": VIEWED,
            "entity_type": "people",
            "entity_id": ident,
            "actor_id": current_user.id,
            "after": {"shown": sorted(what)},
        }
        for ident, what in sorted(noted.items())
    ]
    # one statement for everyone the page showed, on the session's connection rather than
    # as objects: a page viewed changes no page, and a kept dashboard is viewed all day
    session = db.session()
    session.connection().execute(insert(AuditEvent.__table__), rows)
    # the response is drawn: keep what this request loaded (the signed-in user, which the
    # request log reads next) rather than read it all again after the commit
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True
    return response


def register(app: Flask) -> None:
    app.after_request(_save)
