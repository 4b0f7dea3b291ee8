"""The schema, one module per area."""
from .accounts import Role, SignInAttempt, User, UserRole
from .audit import AuditEvent
from .courses import ACCESS_FEATURES, CourseType, DeliveryMode, DeliveryRole, TeamSeat, Venue
from .people import ContactMethod, InformationFormat, PaymentChoice, Person
from .sessions import Assignment, Attendance, OfferStatus, SessionStatus, TrainingSession
from .types import UTCDateTime, utc_now

__all__ = [
    "ACCESS_FEATURES", "Assignment", "Attendance", "AuditEvent", "ContactMethod", "CourseType",
    "DeliveryMode", "DeliveryRole", "InformationFormat", "OfferStatus", "PaymentChoice",
    "Person", "Role", "SessionStatus", "SignInAttempt", "TeamSeat", "TrainingSession",
    "UTCDateTime", "User", "UserRole", "Venue", "utc_now",
]
