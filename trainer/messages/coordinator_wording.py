"""The words of messages to coordinators: plain, short, with a link to act on."""

from __future__ import annotations

from dataclasses import dataclass

from trainer.messages.content import Action, Content, Line
from trainer.models import Assignment, OfferStatus
from trainer.timezones import format_day, format_time


def _session(assignment: Assignment) -> str:
    session = assignment.session
    return (
        f"{session.programme.name} on {format_day(session.starts_at)} "
        f"at {format_time(session.starts_at)}"
    )


def answer(assignment: Assignment, *, link: str, soon: bool, dropped_out: bool) -> Content:
    """A person said yes, no, or that they can't do it any more."""
    name, role = assignment.person.full_name, assignment.delivery_role.name.lower()
    said = (
        "said yes to"
        if assignment.offer_status is OfferStatus.ACCEPTED
        else "can't do it any more:"
        if dropped_out
        else "said no to"
    )
    heading = f"{name} {said} {_session(assignment)} ({role})."
    lines = []
    if assignment.offer_status is not OfferStatus.ACCEPTED:
        lines.append(Line(f"The {role} seat is empty again. Offer it to someone else."))
        if soon:
            lines.append(Line("The session is less than two weeks away."))
    prefix = "Urgent: " if soon and assignment.offer_status is not OfferStatus.ACCEPTED else ""
    return Content(
        subject=f"{prefix}{name} {said.rstrip(':')} {_session(assignment)}",
        heading=heading,
        lines=tuple(lines),
        actions=(Action("Open the session", link),),
    )


def unanswered(assignment: Assignment, *, link: str) -> Content:
    name = assignment.person.full_name
    heading = f"{name} has not answered the offer for {_session(assignment)}."
    return Content(
        subject=f"No answer yet from {name}: {_session(assignment)}",
        heading=heading,
        lines=(
            Line(
                "We reminded them. You may want to phone them, or offer the seat to someone else."
            ),
        ),
        actions=(Action("Open the session", link),),
    )


@dataclass(frozen=True)
class DigestItem:
    text: str
    url: str


def digest(
    *,
    day: str,
    offers: list[DigestItem],
    problems: list[DigestItem],
    gaps: list[DigestItem],
    link: str,
) -> Content:
    """Everything waiting: unanswered offers, problems with bookings, gaps in two weeks."""

    def section(title: str, items: list[DigestItem], empty: str) -> Line:
        if not items:
            return Line(f"{title}: {empty}")
        return Line(f"{title} ({len(items)}):", items=tuple(f"{i.text} {i.url}" for i in items))

    return Content(
        subject=f"What is waiting, {day}",
        heading=f"What is waiting for a coordinator, {day}.",
        lines=(
            section("Offers waiting for an answer", offers, "none."),
            section("Problems with bookings", problems, "none."),
            section("Teams not ready in the next 2 weeks", gaps, "none."),
        ),
        actions=(Action("Open the dashboard", link),),
    )
