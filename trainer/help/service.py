""" "I need help": a person's call reaches the coordinators with the page it came from and
stays open until someone answers it. Services flush; the view commits."""

from __future__ import annotations

from sqlalchemy import select

from trainer import audit, signals
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import HelpRequest, Person, User

#: the longest page address kept
PAGE_LENGTH = 300


def safe_page(page: str | None) -> str:
    """A path of this app ("/my-money"), or "" for anything else (other sites, junk)."""
    page = (page or "").strip()
    if not page.startswith("/") or page.startswith("//") or "\\" in page:
        return ""
    if len(page) > PAGE_LENGTH or any(ord(c) < 32 for c in page):
        return ""
    return page


def ask_for_help(person: Person, *, page: str, message: str, actor: User) -> HelpRequest:
    """Record a call for help and tell whoever listens (the coordinators' messages)."""
    request = HelpRequest(person=person, page=safe_page(page), message=message.strip())
    db.session.add(request)
    db.session.flush()
    audit.record("help.requested", request, actor=actor, after={"page": request.page})
    signals.help_requested.send(request, help_request=request, actor=actor)
    return request


def answer_help(request: HelpRequest, *, answer: str, actor: User) -> HelpRequest:
    """Mark a call for help answered, with what was done."""
    if not request.is_open:
        raise DomainError("Someone has already answered this call for help.", "answer")
    request.answered_at, request.answered_by, request.answer = utc_now(), actor, answer.strip()
    db.session.flush()
    audit.record("help.answered", request, actor=actor, reason=request.answer)
    signals.help_answered.send(request, help_request=request, actor=actor)
    return request


def list_open() -> list[HelpRequest]:
    """Calls for help nobody has answered yet, oldest first."""
    query = select(HelpRequest).where(HelpRequest.answered_at.is_(None))
    return list(db.session.scalars(query.order_by(HelpRequest.asked_at, HelpRequest.id)))


def list_answered(limit: int = 20) -> list[HelpRequest]:
    query = select(HelpRequest).where(HelpRequest.answered_at.is_not(None))
    return list(db.session.scalars(query.order_by(HelpRequest.answered_at.desc()).limit(limit)))


def person_requests(person: Person, limit: int = 5) -> list[HelpRequest]:
    """The person's own latest calls for help, newest first."""
    query = select(HelpRequest).where(HelpRequest.person_id == person.id)
    return list(db.session.scalars(query.order_by(HelpRequest.asked_at.desc()).limit(limit)))
