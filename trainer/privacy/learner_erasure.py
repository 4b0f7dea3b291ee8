"""Erasure of learners: on request (one learner) or by the retention rule (every learner whose
training ended long enough ago), the same set-based statements either way.

Kept, under a reference, and why (LEARNER_KEPT): their places and attendance (sessions
delivered and learners trained by tier and sector are what commissioners are owed, and the
team's pay was worked out from them), their certificates' codes, programmes and dates (the
record that training took place; the name on them becomes the reference, so the verify page no
longer says whose it was), and evaluation answers (anonymous already; the link to the place is
cut). Removed: name, email, job role, organisation as typed, adjustments, the Part 1
certificate file, emails sent to them, booking requests and copies of their data.
"""

from dataclasses import dataclass

from sqlalchemy import String, cast, delete, func, literal, or_, select, update

from trainer import audit
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import (
    AuditEvent,
    Booking,
    BookingRequest,
    BookingStatus,
    Certificate,
    DataExport,
    EvaluationResponse,
    Learner,
    LearnerMessage,
    PartOneUpload,
    TrainingSession,
    User,
)

LEARNER_KEPT = (
    "Their places on sessions, and whether they attended: commissioners are owed the number "
    "of sessions delivered and of learners trained by tier and sector, and the team's pay was "
    "worked out from them. The places now show a reference instead of the name.",
    "Their certificates' codes, programmes and dates: the record that the training took "
    "place. The name on them becomes the reference, so the certificate's verify page no "
    "longer says whose it was. Give them their certificates before erasing, if they want them.",
    "Their employer and sector, which the reports count by (not who they are).",
    "Their answers to the evaluation, which were anonymous already; the link to their place "
    "is cut.",
)
#: places still to come: erasing would leave a session with a nameless learner on it
OPEN = (BookingStatus.BOOKED, BookingStatus.WAITING, BookingStatus.OFFERED)


@dataclass
class Erased:
    reference: str
    removed: dict[str, int]


def learner_reference(learner_id: int) -> str:
    return f"Erased learner L{learner_id}"


def learner_blockers(learner: Learner) -> list[str]:
    """Why the learner cannot be erased yet: places on sessions still to come."""
    open_places = db.session.scalar(
        select(func.count())
        .select_from(Booking)
        .join(TrainingSession, TrainingSession.id == Booking.session_id)
        .where(
            Booking.learner_id == learner.id,
            Booking.status.in_(OPEN),
            TrainingSession.ends_at > utc_now(),
        )
    )
    if not open_places:
        return []
    if open_places == 1:
        return ["They have a place on a session to come. Cancel it first."]
    return [f"They have {open_places} places on sessions to come. Cancel them first."]


def erase_learner(learner: Learner, *, reason: str, actor: User) -> Erased:
    """Erase one learner on request; raises a DomainError while blockers remain (flushes)."""
    if learner.erased_at is not None:
        raise DomainError("This learner's details were erased already.")
    problems = learner_blockers(learner)
    if problems:
        raise DomainError(" ".join(problems))
    removed = erase_learners(select(Learner.id).where(Learner.id == learner.id))
    db.session.expire(learner)
    audit.record("learner.erased", learner, actor=actor, reason=reason, after={"removed": removed})
    db.session.flush()
    return Erased(learner_reference(learner.id), removed)


def erase_learners(chosen) -> dict[str, int]:
    """Erase every learner whose id `chosen` (a select of ids) gives; returns what was removed,
    by kind. Set-based, so the retention rule can erase thousands at once."""
    chosen = select(Learner.id).where(Learner.id.in_(chosen), Learner.erased_at.is_(None))
    ids = list(db.session.scalars(chosen))
    if not ids:
        return {"learners": 0}
    places = select(Booking.id).where(Booking.learner_id.in_(ids))
    emails = select(Learner.email).where(Learner.id.in_(ids))
    removed = {
        "learners": len(ids),
        "Part 1 certificates uploaded": _delete(PartOneUpload, PartOneUpload.learner_id.in_(ids)),
        "emails sent to them": _delete(
            LearnerMessage,
            or_(LearnerMessage.booking_id.in_(places), LearnerMessage.to_addr.in_(emails)),
        ),
        "booking requests": _delete(
            BookingRequest,
            or_(BookingRequest.booking_id.in_(places), BookingRequest.email.in_(emails)),
        ),
        "copies of their data": _delete(
            DataExport,
            (DataExport.subject_kind == "learner") & DataExport.subject_id.in_(ids),
        ),
    }
    _scrub(ids, places)
    return removed


def _delete(model, condition) -> int:
    statement = delete(model).where(condition).execution_options(synchronize_session=False)
    return db.session.execute(statement).rowcount


def _scrub(ids: list[int], places) -> None:
    number = cast(Learner.id, String)
    quiet = {"synchronize_session": False}
    db.session.execute(
        update(Learner)
        .where(Learner.id.in_(ids))
        .values(
            full_name=literal("Erased learner L") + number,
            email=literal("erased-learner-") + number + literal("@erased.invalid"),
            organisation="",
            job_role="",
            adjustments="",
            part_one_on=None,
            erased_at=utc_now(),
        )
        .execution_options(**quiet)
    )
    name = (
        select(Learner.full_name)
        .join(Booking, Booking.learner_id == Learner.id)
        .where(Booking.id == Certificate.booking_id)
        .scalar_subquery()
    )
    db.session.execute(
        update(Certificate)
        .where(Certificate.booking_id.in_(places))
        .values(learner_name=name)
        .execution_options(**quiet)
    )
    db.session.execute(
        update(EvaluationResponse)
        .where(EvaluationResponse.booking_id.in_(places))
        .values(booking_id=None, learner_name="", address_hash="")
        .execution_options(**quiet)
    )
    for kind, chosen in (("learners", ids), ("bookings", places)):
        db.session.execute(
            update(AuditEvent)
            .where(AuditEvent.entity_type == kind, AuditEvent.entity_id.in_(chosen))
            .values(before=None, after=None)
            .execution_options(**quiet)
        )
