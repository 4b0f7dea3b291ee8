"""The schema, one module per area."""
from .accounts import Role, SignInAttempt, SignInLink, SignInLinkRequest, User, UserRole
from .audit import AuditEvent
from .availability import AvailabilityWindow, DoNotPair, PreferredPartner, UnavailablePeriod
from .calendars import (
    CalendarCopy, CalendarFeed, OutboxMessage, ReminderChoice, Reminders,
)
from .courses import ACCESS_FEATURES, CourseType, DeliveryMode, DeliveryRole, TeamSeat, Venue
from .data_version import DataVersion
from .people import ContactMethod, InformationFormat, PaymentChoice, Person
from .sessions import Assignment, Attendance, OfferStatus, SessionStatus, TrainingSession
from .types import UTCDateTime, utc_now

__all__ = [
    "ACCESS_FEATURES", "Assignment", "Attendance", "AuditEvent", "ContactMethod", "CourseType",
    "DeliveryMode", "DeliveryRole", "InformationFormat", "OfferStatus", "PaymentChoice",
    "Person", "Role", "SessionStatus", "SignInAttempt", "TeamSeat", "TrainingSession",
    "UTCDateTime", "User", "UserRole", "Venue", "utc_now",
]
__all__ += ["CalendarCopy", "CalendarFeed", "OutboxMessage", "ReminderChoice", "Reminders"]
__all__ += ["SignInLink", "SignInLinkRequest"]
__all__ += ["AvailabilityWindow", "DoNotPair", "PreferredPartner", "UnavailablePeriod"]
__all__ += ["DataVersion"]
from .money import (  # noqa: E402
    Expense, ExpenseKind, FeeBasis, LetterKind, LetterRecord, LineKind, LineStatus, PaymentLine,
    PayRate, PayRun, PayRunStatus, ReferenceCounter,
)

__all__ += ["Expense", "ExpenseKind", "FeeBasis", "LetterKind", "LetterRecord", "LineKind",
            "LineStatus", "PaymentLine", "PayRate", "PayRun", "PayRunStatus", "ReferenceCounter"]
