"""Who may do what: role decorators and the object-level rule, in one place."""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from trainer.models import Assignment, Person, Role, User

COORDINATING = (Role.COORDINATOR, Role.ADMIN)


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


def staff_or_person_required(view):
    """Sign-in, then staff (coordinators, admins, finance) or anyone with a profile of their
    own (they see only what is theirs: the view checks which records): else 403."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        staff = current_user.has_role(Role.COORDINATOR, Role.ADMIN, Role.FINANCE)
        if not staff and current_user.person is None:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


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
