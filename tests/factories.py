"""Keyword-only factories for test data; each flushes so ids exist."""

from datetime import UTC, date, datetime, time, timedelta
from itertools import count
from zoneinfo import ZoneInfo

from werkzeug.security import generate_password_hash

from config import Config
from trainer.clock import local_today
from trainer.extensions import db
from trainer.models import (
    Assignment,
    DeliveryMode,
    DeliveryRole,
    HelpRequest,
    OfferStatus,
    Person,
    Programme,
    Role,
    SessionStatus,
    TeamSeat,
    TrainingSession,
    User,
    Venue,
)

PASSWORD = "correct horse battery"
_FAST_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
_ids = count(1)


def make_user(*, roles=("coordinator",), email: str | None = None, person=None) -> User:
    user = User(
        email=email or f"user{next(_ids)}@example.org",
        password_hash=_FAST_HASH,
        roles={Role(r) if isinstance(r, str) else r for r in roles},
    )
    db.session.add(user)
    if person is not None:
        person.user = user
    db.session.flush()
    return user


def make_role(*, name: str | None = None, lived: bool = False) -> DeliveryRole:
    role = DeliveryRole(name=name or f"Role {next(_ids)}", is_lived_experience=lived)
    db.session.add(role)
    db.session.flush()
    return role


def make_trio() -> list[DeliveryRole]:
    return [
        make_role(name=f"Facilitating trainer {next(_ids)}"),
        make_role(name=f"Co-trainer with a learning disability {next(_ids)}", lived=True),
        make_role(name=f"Autistic co-trainer {next(_ids)}", lived=True),
    ]


def make_programme(
    *,
    roles=None,
    name: str | None = None,
    online: bool = True,
    duration: int = 60,
    capacity: int = 20,
) -> Programme:
    roles = roles or make_trio()
    programme = Programme(
        name=name or f"Programme {next(_ids)}",
        duration_minutes=duration,
        capacity=capacity,
        delivery_mode=DeliveryMode.ONLINE if online else DeliveryMode.IN_PERSON,
        default_start_time=time(10, 0),
        seats=[TeamSeat(delivery_role=r, count=1) for r in roles],
    )
    db.session.add(programme)
    db.session.flush()
    return programme


def make_venue(*, online: bool = False, name: str | None = None, **values) -> Venue:
    defaults = (
        {"meeting_url": "https://meet.example.org/x"}
        if online
        else {"address_line1": "1 High Street", "postcode": "EX1 1AA", "town": "Exampletown"}
    )
    venue = Venue(name=name or f"Venue {next(_ids)}", is_online=online, **{**defaults, **values})
    db.session.add(venue)
    db.session.flush()
    return venue


def make_person(*, roles=(), name: str | None = None, qualified=(), **values) -> Person:
    person = Person(
        full_name=name or f"Person {next(_ids)}",
        delivery_roles=list(roles),
        qualifications=list(qualified),
        **values,
    )
    db.session.add(person)
    db.session.flush()
    return person


def days_ahead(days: int, hour: int = 10, minute: int = 0) -> datetime:
    """The instant at `hour`:`minute` on the local day `days` from today (negative: ago).

    Tests build times this way, never from the time of day they happen to run at."""
    zone = ZoneInfo(Config.TIMEZONE)
    day = local_today(zone) + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=zone).astimezone(UTC)


def make_session(
    *,
    programme=None,
    venue=None,
    starts_at: datetime | None = None,
    status=SessionStatus.DRAFT,
    **values,
) -> TrainingSession:
    programme = programme or make_programme()
    starts_at = starts_at or days_ahead(7)
    session = TrainingSession(
        programme=programme,
        venue=venue,
        starts_at=starts_at,
        status=status,
        ends_at=starts_at + timedelta(minutes=programme.duration_minutes),
        capacity=programme.capacity,
        meeting_url="" if venue else "https://meet.example.org/s",
        **values,
    )
    db.session.add(session)
    db.session.flush()
    return session


def make_assignment(*, session, person, role, status=OfferStatus.ACCEPTED) -> Assignment:
    assignment = Assignment(session=session, person=person, delivery_role=role, offer_status=status)
    db.session.add(assignment)
    db.session.flush()
    return assignment


def make_full_team(session, *, status=OfferStatus.ACCEPTED) -> list[Assignment]:
    """One person per seat of the session's programme, each holding it with `status`."""
    return [
        make_assignment(
            session=session,
            role=seat.delivery_role,
            status=status,
            person=make_person(roles=[seat.delivery_role], qualified=[session.programme]),
        )
        for seat in session.programme.seats
        for _ in range(seat.count)
    ]


# -- what the forms are sent ---------------------------------------------------------------


def person_data(team, **changes) -> dict:
    roles, programme = team
    data = {
        "full_name": "Jamie Clarke",
        "known_as": "Jamie",
        "email": "jamie@example.org",
        "phone": "07700 900123",
        "postal_address": "1 Example Road\nExampletown",
        "preferred_contact": "email",
        "preferred_format": "easy_read",
        "delivery_roles": [str(roles[1].id)],
        "qualifications": [str(programme.id)],
        "communication_needs": "Easy Read, please.",
        "support_needs": "",
        "access_needs": ["quiet_room"],
        "supporter_name": "",
        "supporter_email": "",
        "supporter_phone": "",
        "payment_choice": "paid_payroll",
        "reduced_percent": "",
        "charity_name": "",
        "payment_choice_made_on": "",
        "max_sessions_per_week": "2",
        "benefit_situation": "own",
        "uc_period_start_day": "",
        "uc_monthly_limit_pence": "",
        "max_hours_per_week": "15",
        "max_pence_per_week": "195.50",
        "max_pence_per_month": "",
        "notes": "",
    }
    return {**data, **changes}


def session_day() -> date:
    """The day the session forms ask for: a week ahead, whatever today is."""
    return local_today(ZoneInfo(Config.TIMEZONE)) + timedelta(days=7)


def at_local(clock: str) -> str:
    """The UTC instant, as stored in the audit log, of `clock` on session_day()."""
    zone = ZoneInfo(Config.TIMEZONE)
    moment = datetime.combine(session_day(), time.fromisoformat(clock), tzinfo=zone)
    return moment.astimezone(UTC).isoformat()


def session_data(places, **changes) -> dict:
    data = {
        "programme_id": str(places["online"].id),
        "day": session_day().isoformat(),
        "start_time": "10:00",
        "end_time": "",
        "venue_id": "",
        "meeting_url": "https://meet.example.org/abc",
        "capacity": "",
        "what_to_bring": "",
        "notes": "",
    }
    return {**data, **{k: str(v) if isinstance(v, int) else v for k, v in changes.items()}}


def make_help_request(person, *, page: str = "/my-money", message: str = "") -> HelpRequest:
    """An open "I need help" call from `person`."""
    asked = HelpRequest(person=person, page=page, message=message)
    db.session.add(asked)
    db.session.flush()
    return asked
