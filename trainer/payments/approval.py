"""Who approves pay: the organisation's setting and the separation of duties.

The usual way: a coordinator confirms the work was done (attendance), and finance approves the
pay. Whatever the setting, nobody approves pay for work they delivered themselves; where the
setting asks for two people, the one who confirmed the attendance (or claimed the expense)
does not also approve its pay. Admins may approve under either route, with the same limits.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from trainer import audit
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import (
    ApprovalRoute,
    LineKind,
    LineStatus,
    OrganisationSettings,
    PaymentLine,
    Role,
    User,
)

#: roles that may approve pay, per route
APPROVERS = {
    ApprovalRoute.FINANCE: (Role.FINANCE, Role.ADMIN),
    ApprovalRoute.COORDINATORS: (Role.COORDINATOR, Role.FINANCE, Role.ADMIN),
}


class ApprovalRefused(DomainError):
    """This user may not approve this line (the view answers 403)."""


def get_settings() -> OrganisationSettings:
    """The organisation's settings; the defaults (unsaved) until an admin first saves them."""
    found = db.session.scalar(select(OrganisationSettings).order_by(OrganisationSettings.id))
    return found or OrganisationSettings(
        approval_route=ApprovalRoute.FINANCE, needs_two_people=True
    )


def save_settings(route: ApprovalRoute, needs_two_people: bool, *, actor: User | None):
    """An admin sets who approves pay; the change is in the audit log."""
    settings = get_settings()
    before = _snapshot(settings) if settings.id else None
    settings.approval_route, settings.needs_two_people = route, needs_two_people
    db.session.add(settings)
    db.session.flush()
    audit.record(
        "organisation_settings.changed",
        settings,
        actor=actor,
        before=before,
        after=_snapshot(settings),
    )
    return settings


def _snapshot(settings: OrganisationSettings) -> dict:
    return {
        "approval_route": settings.approval_route.value,
        "needs_two_people": settings.needs_two_people,
    }


def may_approve(user: User, settings: OrganisationSettings | None = None) -> bool:
    """Whether the user's roles approve pay under the organisation's route."""
    settings = settings or get_settings()
    return user.is_authenticated and user.has_role(*APPROVERS[settings.approval_route])


def confirmed_by(line: PaymentLine) -> int | None:
    """The account that confirmed the work behind a line: its attendance, or its expense claim."""
    if line.kind is LineKind.EXPENSE:
        return line.expense.claimed_by_id if line.expense else None
    return line.assignment.attendance_confirmed_by_id if line.assignment else None


def refusal(
    line: PaymentLine, user: User, settings: OrganisationSettings | None = None
) -> str | None:
    """Why `user` may not approve `line`, in plain words, or None when they may."""
    settings = settings or get_settings()
    if not may_approve(user, settings):
        if settings.approval_route is ApprovalRoute.FINANCE:
            return "Finance approves pay here: coordinators confirm the work was done."
        return "Only coordinators and finance approve pay."
    if line.person.user_id is not None and line.person.user_id == user.id:
        return "You delivered this work yourself, so someone else approves its pay."
    if settings.needs_two_people and confirmed_by(line) == user.id:
        what = "claimed this expense" if line.kind is LineKind.EXPENSE else "confirmed this work"
        return f"You {what}, so a second person approves its pay."
    return None


def check(line: PaymentLine, user: User | None) -> None:
    """Raise ApprovalRefused when a signed-in user may not approve the line (None: the system)."""
    if user is None:
        return
    reason = refusal(line, user)
    if reason is not None:
        raise ApprovalRefused(reason, "status")


@dataclass
class PersonSum:
    name: str
    lines: int = 0
    pay_pence: int = 0
    expenses_pence: int = 0


@dataclass
class ApprovalSummary:
    """What approving a set of lines will do, shown before finance confirms."""

    lines: list[PaymentLine]
    people: dict[int, PersonSum] = field(default_factory=dict)

    @property
    def pay_pence(self) -> int:
        return sum(p.pay_pence for p in self.people.values())

    @property
    def expenses_pence(self) -> int:
        return sum(p.expenses_pence for p in self.people.values())


def summarise(lines: list[PaymentLine]) -> ApprovalSummary:
    """Lines to approve, summed per person (pay and expenses apart)."""
    people: dict[int, PersonSum] = defaultdict(lambda: PersonSum(""))
    for line in lines:
        row = people[line.person_id]
        row.name, row.lines = line.person.full_name, row.lines + 1
        if line.kind is LineKind.EXPENSE:
            row.expenses_pence += line.amount_pence
        else:
            row.pay_pence += line.amount_pence
    ordered = dict(sorted(people.items(), key=lambda item: item[1].name))
    return ApprovalSummary(lines, ordered)


def pending_lines(ids: list[int]) -> list[PaymentLine]:
    """The pending lines among `ids` (others were approved or rejected meanwhile)."""
    if not ids:
        return []
    query = (
        select(PaymentLine)
        .where(PaymentLine.id.in_(ids), PaymentLine.status == LineStatus.PENDING)
        .order_by(PaymentLine.starts_at, PaymentLine.person_id, PaymentLine.id)
    )
    return list(db.session.scalars(query).unique())
