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
from trainer.models.benefits import EsaAmountRow
from trainer.models.bookings import (
    Booking,
    BookingRequest,
    BookingSource,
    BookingStatus,
    LearnerMessage,
)
from trainer.models.calendars import (
    CalendarCopy,
    CalendarFeed,
    OutboxMessage,
    ReminderChoice,
    Reminders,
)
from trainer.models.certificates import Certificate
from trainer.models.data_version import DataVersion
from trainer.models.evaluation import (
    EvaluationAnswer,
    EvaluationQuestion,
    EvaluationResponse,
    QuestionKind,
)
from trainer.models.growth import CheckIn, Feeling, ProgressionStep, ReviewOutcome
from trainer.models.help import HelpRequest
from trainer.models.jobs import Job, JobState, StoredFile
from trainer.models.learners import (
    BookingSettings,
    Employer,
    EmployerContact,
    Learner,
    PartOne,
    PartOneUpload,
    Sector,
)
from trainer.models.messages import Channel, Message, MessageChoice, MessageStatus
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
from trainer.models.organisation import ApprovalRoute, OrganisationSettings
from trainer.models.pay_runs import LetterKind, LetterRecord, PayRun, PayRunStatus
from trainer.models.people import (
    BenefitSituation,
    ContactMethod,
    InformationFormat,
    PaymentChoice,
    Person,
)
from trainer.models.privacy import DataExport, RetentionRun
from trainer.models.problems import Problem, Resolution
from trainer.models.programmes import (
    ACCESS_FEATURES,
    DeliveryMode,
    DeliveryRole,
    Programme,
    ProgrammeKind,
    ProgressionStage,
    TeamSeat,
    Venue,
)
from trainer.models.sessions import (
    ANSWERED_SQL,
    LIVE_SQL,
    Assignment,
    Attendance,
    OfferStatus,
    SessionStatus,
    TrainingSession,
)
from trainer.models.types import UTCDateTime

__all__ = [
    "ANSWERED_SQL",
    "LIVE_SQL",
    "Channel",
    "Message",
    "MessageChoice",
    "MessageStatus",
    "ProgressionStage",
    "ProgrammeKind",
    "ReviewOutcome",
    "ProgressionStep",
    "Feeling",
    "CheckIn",
    "HelpRequest",
    "ACCESS_FEATURES",
    "ApprovalRoute",
    "Assignment",
    "Attendance",
    "AuditEvent",
    "AvailabilityWindow",
    "BenefitSituation",
    "Booking",
    "BookingRequest",
    "BookingSettings",
    "BookingSource",
    "BookingStatus",
    "CalendarCopy",
    "CalendarFeed",
    "Certificate",
    "ContactMethod",
    "DataExport",
    "DataVersion",
    "DeliveryMode",
    "DeliveryRole",
    "DoNotPair",
    "Employer",
    "EsaAmountRow",
    "EmployerContact",
    "EvaluationAnswer",
    "EvaluationQuestion",
    "EvaluationResponse",
    "Expense",
    "ExpenseKind",
    "FeeBasis",
    "InformationFormat",
    "Job",
    "JobState",
    "Learner",
    "LearnerMessage",
    "LetterKind",
    "LetterRecord",
    "LineKind",
    "LineStatus",
    "LinkPurpose",
    "OfferStatus",
    "OrganisationSettings",
    "OutboxMessage",
    "PartOne",
    "PartOneUpload",
    "PaymentChoice",
    "PaymentLine",
    "PayRate",
    "PayRun",
    "PayRunStatus",
    "Person",
    "PreferredPartner",
    "Problem",
    "Programme",
    "QuestionKind",
    "RecoveryCode",
    "ReferenceCounter",
    "ReminderChoice",
    "Reminders",
    "Resolution",
    "RetentionRun",
    "Role",
    "Sector",
    "StoredFile",
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
