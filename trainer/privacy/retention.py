"""How long each kind of personal data is kept, and the sweep that removes what is older.

Each rule names a setting; `sweep` applies them all and logs what it removed (RetentionRun).
It is idempotent: running it twice removes nothing more. `flask apply-retention` runs it
now; the job queue runs the same function on a schedule.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, exists, select

from trainer.clock import utc_now
from trainer.extensions import db
from trainer.models import (
    AuditEvent,
    Booking,
    DataExport,
    Learner,
    Message,
    OutboxMessage,
    RetentionRun,
    SignInAttempt,
    SignInLinkRequest,
    TrainingSession,
    UnavailablePeriod,
)
from trainer.privacy.learner_erasure import erase_learners


def erase_learners_trained_before(before: datetime) -> int:
    """Erase learners whose last session ended before `before` (or who never had one and were
    added before it); returns how many."""
    later = (
        select(Booking.id)
        .join(TrainingSession, TrainingSession.id == Booking.session_id)
        .where(Booking.learner_id == Learner.id, TrainingSession.ends_at >= before)
    )
    chosen = select(Learner.id).where(
        Learner.erased_at.is_(None), Learner.created_at < before, ~exists(later)
    )
    return erase_learners(chosen)["learners"]


@dataclass(frozen=True)
class Rule:
    kind: str
    setting: str
    #: days in one unit of the setting (365 for a setting in years)
    days_per_unit: int
    why: str
    #: the statements that remove what is older than the cutoff
    remove: Callable[[datetime], list] = lambda before: []
    #: or a function that erases it and says how many records it erased
    erase: Callable[[datetime], int] | None = None

    def cutoff(self, config, now: datetime) -> datetime:
        return now - timedelta(days=config[self.setting] * self.days_per_unit)

    def period(self, config) -> str:
        amount, unit = config[self.setting], "year" if self.days_per_unit == 365 else "day"
        return f"{amount} {unit}{'' if amount == 1 else 's'}"


RULES = (
    Rule(
        "sign-in attempts and link requests",
        "RETAIN_SIGN_IN_DAYS",
        1,
        "to stop people guessing passwords",
        lambda before: [
            delete(SignInAttempt).where(SignInAttempt.attempted_at < before),
            delete(SignInLinkRequest).where(SignInLinkRequest.requested_at < before),
        ],
    ),
    Rule(
        "emails sent",
        "RETAIN_SENT_EMAILS_DAYS",
        1,
        "to answer questions about what we told people",
        lambda before: [
            delete(OutboxMessage).where(
                and_(OutboxMessage.sent_at.is_not(None), OutboxMessage.sent_at < before)
            ),
            delete(Message).where(and_(Message.sent_at.is_not(None), Message.sent_at < before)),
        ],
    ),
    Rule(
        "time off that has ended (its reasons may be about health)",
        "RETAIN_TIME_OFF_DAYS",
        1,
        "to plan teams around it",
        lambda before: [delete(UnavailablePeriod).where(UnavailablePeriod.ends_at < before)],
    ),
    Rule(
        "copies of people's data made on request",
        "RETAIN_DATA_EXPORTS_DAYS",
        1,
        "to let the person download their copy",
        lambda before: [delete(DataExport).where(DataExport.requested_at < before)],
    ),
    Rule(
        "learners' names, contact details, job and adjustments, after their last training "
        "(their places and certificates stay under a reference)",
        "RETAIN_LEARNER_YEARS",
        365,
        "to show employers and commissioners who was trained, and to verify certificates",
        erase=erase_learners_trained_before,
    ),
    Rule(
        "the audit log (who changed what, and who looked at support needs, benefits or pay)",
        "RETAIN_AUDIT_YEARS",
        365,
        "to show that changes and views were proper",
        lambda before: [delete(AuditEvent).where(AuditEvent.occurred_at < before)],
    ),
)


def retention_periods(config) -> list[tuple[str, str, str]]:
    """(kind, how long, why) for each rule, as the privacy notice lists them."""
    return [(rule.kind, rule.period(config), rule.why) for rule in RULES]


def sweep(config, *, now: datetime | None = None) -> list[RetentionRun]:
    """Remove what every rule says is too old; returns the log rows written (flushes)."""
    now = now or utc_now()
    runs = []
    for rule in RULES:
        before = rule.cutoff(config, now)
        removed = rule.erase(before) if rule.erase else _remove(rule.remove(before))
        runs.append(RetentionRun(kind=rule.kind, removed_before=before, removed=removed))
    db.session.add_all(runs)
    db.session.flush()
    return runs


def _remove(statements) -> int:
    quiet = {"synchronize_session": False}
    return sum(db.session.execute(s.execution_options(**quiet)).rowcount for s in statements)
