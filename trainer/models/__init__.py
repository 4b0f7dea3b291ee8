"""The schema, one module per area."""

from trainer.models.accounts import (
    LinkPurpose,
    RecoveryCode,
    Role,
    SignInAttempt,
    SignInLink,
    SignInLinkRequest,
    User,
    UserRole,
)
from trainer.models.audit import AuditEvent
from trainer.models.availability import (
    AvailabilityWindow,
    DoNotPair,
    PreferredPartner,
    UnavailablePeriod,
)
from trainer.models.calendars import (
    CalendarCopy,
    CalendarFeed,
    OutboxMessage,
    ReminderChoice,
    Reminders,
)
from trainer.models.data_version import DataVersion
from trainer.models.money import (
    Expense,
    ExpenseKind,
    FeeBasis,
    LineKind,
    LineStatus,
    PaymentLine,
    PayRate,
    ReferenceCounter,
)
from trainer.models.pay_runs import LetterKind, LetterRecord, PayRun, PayRunStatus
from trainer.models.people import ContactMethod, InformationFormat, PaymentChoice, Person
from trainer.models.privacy import DataExport, RetentionRun
from trainer.models.problems import Problem, Resolution
from trainer.models.programmes import (
    ACCESS_FEATURES,
    DeliveryMode,
    DeliveryRole,
    Programme,
    TeamSeat,
    Venue,
)
from trainer.models.sessions import (
    Assignment,
    Attendance,
    OfferStatus,
    SessionStatus,
    TrainingSession,
)
from trainer.models.types import UTCDateTime

__all__ = [
    "ACCESS_FEATURES",
    "Assignment",
    "Attendance",
    "AuditEvent",
    "AvailabilityWindow",
    "CalendarCopy",
    "CalendarFeed",
    "ContactMethod",
    "Programme",
    "DataExport",
    "DataVersion",
    "DeliveryMode",
    "DeliveryRole",
    "DoNotPair",
    "Expense",
    "ExpenseKind",
    "FeeBasis",
    "InformationFormat",
    "LetterKind",
    "LetterRecord",
    "LineKind",
    "LineStatus",
    "LinkPurpose",
    "OfferStatus",
    "OutboxMessage",
    "PaymentChoice",
    "PaymentLine",
    "PayRate",
    "PayRun",
    "PayRunStatus",
    "Person",
    "PreferredPartner",
    "RecoveryCode",
    "Problem",
    "ReferenceCounter",
    "ReminderChoice",
    "RetentionRun",
    "Reminders",
    "Resolution",
    "Role",
    "SessionStatus",
    "SignInAttempt",
    "SignInLink",
    "SignInLinkRequest",
    "TeamSeat",
    "TrainingSession",
    "UnavailablePeriod",
    "User",
    "UserRole",
    "UTCDateTime",
    "Venue",
]
