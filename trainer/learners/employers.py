"""Employers and their booking contacts: an account that books its own staff and sees only
its own organisation's learners. Contacts sign in with a link emailed to them."""

from __future__ import annotations

import secrets

from sqlalchemy import func, select

from trainer import audit
from trainer.auth.service import create_user, get_user_by_email
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import Employer, EmployerContact, Role, Sector, User


def list_employers(*, include_archived: bool = False) -> list[Employer]:
    query = select(Employer).order_by(Employer.is_active.desc(), Employer.name)
    if not include_archived:
        query = query.where(Employer.is_active.is_(True))
    return list(db.session.scalars(query))


def employer_options(current: int | None = None) -> list[tuple[int | None, str]]:
    """Choices for a learner's employer: the active ones, and the one they have now."""
    found = list_employers(include_archived=True)
    kept = [(e.id, e.name) for e in found if e.is_active or e.id == current]
    return [(None, "None (or not one we know)"), *kept]


def match_employer(name: str) -> Employer | None:
    """The active employer with this name (any case), for a learner who typed it."""
    if not name or not name.strip():
        return None
    return db.session.scalar(
        select(Employer).where(
            func.lower(Employer.name) == name.strip().lower(), Employer.is_active.is_(True)
        )
    )


def save_employer(
    employer: Employer | None, *, name: str, sector: Sector, actor: User | None
) -> Employer:
    other = db.session.scalar(select(Employer).where(func.lower(Employer.name) == name.lower()))
    if other is not None and other is not employer:
        raise DomainError(f"There is already an employer called {other.name}.", "name")
    before = {"name": employer.name, "sector": employer.sector.value} if employer else None
    employer = employer or Employer()
    employer.name, employer.sector = name, sector
    db.session.add(employer)
    db.session.flush()
    audit.saved("employer", employer, actor=actor, before=before, after={"name": name})
    return employer


def employer_for(user: User) -> Employer | None:
    """The employer an account books for (None for anyone else)."""
    if not user.is_authenticated or not user.has_role(Role.EMPLOYER):
        return None
    contact = db.session.scalar(select(EmployerContact).where(EmployerContact.user_id == user.id))
    return contact.employer if contact and contact.employer.is_active else None


def add_contact(employer: Employer, email: str, *, actor: User | None) -> User:
    """A booking contact's account (new, or an existing employer contact's) for `employer`."""
    user = get_user_by_email(email)
    if user is None:
        user = create_user(email, secrets.token_urlsafe(24), {Role.EMPLOYER})
    elif user.roles != {Role.EMPLOYER}:
        raise DomainError(
            "That email address has an account with other roles. Use another address.", "email"
        )
    linked = db.session.scalar(select(EmployerContact).where(EmployerContact.user_id == user.id))
    if linked is not None and linked.employer_id != employer.id:
        raise DomainError(f"{user.email} already books for {linked.employer.name}.", "email")
    if linked is None:
        db.session.add(EmployerContact(user=user, employer=employer))
    db.session.flush()
    audit.record("employer.contact_added", employer, actor=actor, after={"user_id": user.id})
    return user


def remove_contact(contact: EmployerContact, *, actor: User | None) -> None:
    """The account stops booking for the employer, and is signed out everywhere."""
    employer, user = contact.employer, contact.user
    user.is_enabled = False
    user.sign_out_everywhere()
    db.session.delete(contact)
    db.session.flush()
    audit.record("employer.contact_removed", employer, actor=actor, before={"user_id": user.id})
