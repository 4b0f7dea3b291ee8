"""The signed-in user, read from the database once per data stamp in each worker.

Every request needs the user, their roles and their profile (the menu shows all three).
Loading them is one query, but building the objects from it costs more than the rest of a
cached page. So each worker keeps a detached copy per user for the current data stamp
(see `trainer/pagecache.py`: any committed change, such as new roles or a disabled account,
gives a new stamp) and for a minute at most (for changes made outside the app), and puts a
copy of it into the request's session without a query. Views get an ordinary `User`:
its lazy relationships load, and changes to it are saved, as for any other object.
"""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.util import identity_key

from trainer import pagecache
from trainer.extensions import db
from trainer.models import User

#: the user, roles and profile in one query, built once so requests skip building it
SIGNED_IN_USER = (
    select(User)
    .where(User.id == bindparam("user_id"), User.is_enabled)
    .options(joinedload(User.role_rows), joinedload(User.person))
)


def load_signed_in_user(user_id: int) -> User | None:
    in_session = db.session.identity_map.get(identity_key(User, user_id))
    if in_session is not None:  # a view already holds it: never write over its changes
        return in_session if in_session.is_enabled else None
    stamp = pagecache.current_stamp()
    users = pagecache.cache().users
    kept = users.get(stamp, user_id)
    if kept is None:
        kept = _read_detached(user_id)
        if kept is None:
            return None
        users.put(stamp, user_id, kept)
    return db.session.merge(kept, load=False)


def _read_detached(user_id: int) -> User | None:
    """The user as the request's transaction sees it, in objects no session holds."""
    with Session(bind=db.session.connection()) as reader:
        user = reader.scalars(SIGNED_IN_USER, {"user_id": user_id}).unique().one_or_none()
        reader.expunge_all()
    return user
