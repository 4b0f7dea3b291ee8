"""Who may do what: role decorators, object loaders and object-level rules, in one place."""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from trainer.extensions import db
from trainer.models import Assignment, Person, Role, User

COORDINATING = (Role.COORDINATOR, Role.ADMIN)
MAX_ID = 2**31 - 1


def roles_required(*roles: Role):
    """Sign-in required (redirect), then one of `roles` (403)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


coordinator_required = roles_required(*COORDINATING)
finance_required = roles_required(Role.FINANCE, Role.ADMIN)
admin_required = roles_required(Role.ADMIN)


def get_or_404(model, ident):
    """Load a record by primary key or answer 404 (ids that are not numbers never get here)."""
    if isinstance(ident, int) and not 0 < ident <= MAX_ID:
        abort(404)  # PostgreSQL refuses integers past its column type: no such record
    obj = db.session.get(model, ident)
    if obj is None:
        abort(404)
    return obj


def is_coordinating(user: User) -> bool:
    return user.is_authenticated and user.has_role(*COORDINATING)


def can_view(user: User, obj) -> bool:
    """The object rule: coordinators see everything; people see what is theirs."""
    if is_coordinating(user):
        return True
    person = getattr(user, "person", None)
    if person is None:
        return False
    if isinstance(obj, Person):
        return obj.id == person.id
    if isinstance(obj, Assignment):
        return obj.person_id == person.id
    return getattr(obj, "person_id", None) == person.id


def load_viewable(model, ident):
    """Load a record the current user may see: 404 when missing, 403 when not theirs."""
    obj = get_or_404(model, ident)
    if not can_view(current_user, obj):
        abort(403)
    return obj
