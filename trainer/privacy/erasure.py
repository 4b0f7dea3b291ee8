"""Erasure on request: remove what is not needed, and replace the name, contact details,
support needs and benefits details in what must be kept (finance records, for six years)
with a reference.

Kept, under the reference: pay lines, expenses (without their descriptions), payment letters
and pay runs (tax law: six years), and the sessions they worked in (the record of delivery).
Removed: everything else about them.
"""

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update

from trainer import audit
from trainer.clock import utc_now
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import (
    Assignment,
    AuditEvent,
    AvailabilityWindow,
    BenefitSituation,
    CalendarCopy,
    CalendarFeed,
    DataExport,
    DoNotPair,
    Expense,
    LetterKind,
    LetterRecord,
    LineStatus,
    Message,
    MessageChoice,
    OfferStatus,
    OutboxMessage,
    PaymentLine,
    Person,
    PreferredPartner,
    RecoveryCode,
    ReminderChoice,
    SignInAttempt,
    SignInLink,
    SignInLinkRequest,
    TrainingSession,
    UnavailablePeriod,
    User,
)

KEPT = (
    "Pay lines, expenses and payment letters, with amounts and dates: the law asks us to keep "
    "finance records for six years. They now show a reference instead of the name.",
    "The sessions they worked in, and their seat in each team: the record of what was "
    "delivered. The seat shows the same reference.",
    "The audit log of who changed what, with their details taken out.",
)


@dataclass
class Erased:
    reference: str
    removed: dict[str, int]


def reference_for(person: Person) -> str:
    return f"Erased person P{person.id:06d}"


def blockers(person: Person) -> list[str]:
    """Why the person cannot be erased yet: seats to come, or pay not yet paid."""
    found = []
    seats = db.session.scalar(
        select(func.count())
        .select_from(Assignment)
        .join(TrainingSession)
        .where(
            Assignment.person_id == person.id,
            Assignment.offer_status.in_((OfferStatus.OFFERED, OfferStatus.ACCEPTED)),
            TrainingSession.starts_at > utc_now(),
        )
    )
    if seats:
        found.append(f"They hold a seat in {seats} session{'s' if seats != 1 else ''} to come.")
    unpaid = db.session.scalar(
        select(func.count()).where(
            PaymentLine.person_id == person.id,
            PaymentLine.status.in_((LineStatus.PENDING, LineStatus.APPROVED)),
        )
    )
    if unpaid:
        found.append(f"{unpaid} pay line{'s are' if unpaid != 1 else ' is'} not paid or rejected.")
    return found


def erase_person(person: Person, *, reason: str, actor: User) -> Erased:
    """Erase the person (and their account); raises a DomainError while blockers remain."""
    if person.erased_at is not None:
        raise DomainError("This person's details were erased already.")
    problems = blockers(person)
    if problems:
        raise DomainError(" ".join(problems) + " Sort that out first.")
    removed = _remove_what_is_not_needed(person)
    _scrub_what_is_kept(person)
    if person.user is not None:
        removed["sign-in account details"] = _scrub_account(person.user)
    audit.record("person.erased", person, actor=actor, reason=reason, after={"removed": removed})
    db.session.flush()
    return Erased(reference_for(person), removed)


def _count_and_delete(model, *conditions) -> int:
    statement = delete(model).where(*conditions).execution_options(synchronize_session=False)
    return db.session.execute(statement).rowcount


def _remove_what_is_not_needed(person: Person) -> dict[str, int]:
    pid = person.id
    removed = {
        "working times": _count_and_delete(AvailabilityWindow, AvailabilityWindow.person_id == pid),
        "time off": _count_and_delete(UnavailablePeriod, UnavailablePeriod.person_id == pid),
        "do-not-pair marks": _count_and_delete(
            DoNotPair, (DoNotPair.person_id == pid) | (DoNotPair.other_person_id == pid)
        ),
        "preferred partners": _count_and_delete(
            PreferredPartner,
            (PreferredPartner.person_id == pid) | (PreferredPartner.partner_id == pid),
        ),
        "calendar settings and links": _count_and_delete(
            ReminderChoice, ReminderChoice.person_id == pid
        )
        + _count_and_delete(CalendarFeed, CalendarFeed.person_id == pid)
        + _count_and_delete(CalendarCopy, CalendarCopy.person_id == pid),
        "emails sent to them": _count_and_delete(OutboxMessage, OutboxMessage.person_id == pid)
        + _count_and_delete(Message, Message.person_id == pid),
        "message choices": _count_and_delete(MessageChoice, MessageChoice.person_id == pid),
        "recognition letters": _count_and_delete(
            LetterRecord, LetterRecord.person_id == pid, LetterRecord.kind == LetterKind.RECOGNITION
        ),
        "copies of their data": _count_and_delete(
            DataExport, DataExport.subject_kind == "person", DataExport.subject_id == pid
        ),
    }
    person.delivery_roles, person.qualifications = [], []
    return removed


def _scrub_what_is_kept(person: Person) -> None:
    reference = reference_for(person)
    for name in (
        "known_as",
        "email",
        "phone",
        "postal_address",
        "communication_needs",
        "support_needs",
        "supporter_name",
        "supporter_email",
        "supporter_phone",
        "charity_name",
        "notes",
    ):
        setattr(person, name, "")
    for key in ("step_free", "hearing_loop", "quiet_room", "accessible_toilet"):
        setattr(person, f"needs_{key}", False)
    for name in (
        "max_sessions_per_week",
        "max_minutes_per_week",
        "max_pence_per_week",
        "max_pence_per_month",
        "home_latitude",
        "home_longitude",
        "reduced_percent",
        "uc_period_start_day",
        "uc_monthly_limit_pence",
        "payment_choice_made_on",
    ):
        setattr(person, name, None)
    person.benefit_situation, person.payment_choice_informed = BenefitSituation.NONE, False
    person.full_name, person.supporter_gets_copies = reference, False
    person.is_active, person.erased_at = False, utc_now()
    db.session.execute(update(Expense).where(Expense.person_id == person.id).values(description=""))
    db.session.execute(
        update(PaymentLine)
        .where(PaymentLine.person_id == person.id, PaymentLine.expense_id.is_not(None))
        .values(description="Expense")
    )
    db.session.execute(
        update(Assignment).where(Assignment.person_id == person.id).values(override_reason="")
    )
    db.session.execute(
        update(LetterRecord)
        .where(LetterRecord.person_id == person.id)
        .values(personal_message="", message_from="")
    )
    db.session.execute(
        update(AuditEvent)
        .where(AuditEvent.entity_type == "people", AuditEvent.entity_id == person.id)
        .values(before=None, after=None)
    )


def _scrub_account(user: User) -> int:
    """The account stays (the audit log names it as who did what) but opens nothing."""
    email = user.email
    _count_and_delete(SignInAttempt, SignInAttempt.email == email)
    _count_and_delete(SignInLinkRequest, SignInLinkRequest.email == email)
    _count_and_delete(SignInLink, SignInLink.user_id == user.id)
    _count_and_delete(RecoveryCode, RecoveryCode.user_id == user.id)
    _count_and_delete(CalendarFeed, CalendarFeed.user_id == user.id)
    user.email = f"erased-{user.id}@erased.invalid"
    user.password_hash, user.totp_secret, user.totp_last_step = "", None, None
    user.roles, user.is_enabled = set(), False
    user.sign_out_everywhere()
    db.session.execute(
        update(AuditEvent)
        .where(AuditEvent.entity_type == "users", AuditEvent.entity_id == user.id)
        .values(before=None, after=None)
    )
    return 1
