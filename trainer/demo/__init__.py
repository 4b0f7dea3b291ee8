"""Demo and region-sized data sets, so a newcomer (or a benchmark) finds a working service."""

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from trainer.auth.service import create_user
from trainer.clock import utc_now
from trainer.demo.calendars import seed_calendars
from trainer.demo.money import seed_money
from trainer.demo.teams import seed_team_building
from trainer.extensions import db
from trainer.models import (
    Assignment,
    ContactMethod,
    DeliveryMode,
    DeliveryRole,
    InformationFormat,
    OfferStatus,
    PaymentChoice,
    Person,
    Programme,
    Role,
    SessionStatus,
    TeamSeat,
    TrainingSession,
    User,
    Venue,
)
from trainer.timezones import local_to_utc, to_local

FIRST = [
    "Alex",
    "Bea",
    "Chris",
    "Dev",
    "Ellie",
    "Femi",
    "Gina",
    "Harun",
    "Isla",
    "Jamal",
    "Kate",
    "Liam",
    "Maya",
    "Niall",
    "Olu",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tom",
    "Una",
    "Vik",
]
LAST = [
    "Ahmed",
    "Baker",
    "Clarke",
    "Davies",
    "Evans",
    "Fraser",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nolan",
    "Okafor",
    "Patel",
    "Reid",
    "Shah",
    "Taylor",
]


def is_empty() -> bool:
    return not db.session.scalar(select(func.count()).select_from(User))


def seed(*, password: str, scale: str = "demo") -> str:
    """Load the data set; the caller commits."""
    roles = _roles()
    programmes = _programmes(roles)
    venues = _venues()
    accounts = _accounts(password)
    if scale == "region":
        return _region(roles, programmes, venues)
    people = _people(roles, programmes, accounts)
    sessions = _sessions(programmes, venues, people, roles)
    seed_team_building(people, sessions)
    seed_money()
    seed_calendars()
    db.session.flush()
    total = db.session.scalar(select(func.count()).select_from(TrainingSession))
    return "\n".join(
        [
            f"Demo data loaded: {len(people)} people, {total} sessions, {len(venues)} venues.",
            "Sign in at http://127.0.0.1:5000 (local trials only) with any of:",
            *[f"  {email}  ({label})" for email, label in DEMO_ACCOUNTS],
            f"  password: {password}",
        ]
    )


DEMO_ACCOUNTS = [
    ("admin@example.org", "admin"),
    ("coordinator@example.org", "course coordinator"),
    ("finance@example.org", "finance"),
    ("trainer@example.org", "facilitating trainer"),
    ("cotrainer@example.org", "co-trainer"),
]
ACCOUNT_ROLES = {
    "admin@example.org": {Role.ADMIN},
    "coordinator@example.org": {Role.COORDINATOR},
    "finance@example.org": {Role.FINANCE},
    "trainer@example.org": {Role.TRAINER},
    "cotrainer@example.org": {Role.TRAINER},
}


def _roles() -> dict[str, DeliveryRole]:
    data = [
        (
            "facilitator",
            "Facilitating trainer",
            False,
            "Leads the session and looks after the learners and the team.",
        ),
        (
            "learning_disability",
            "Co-trainer with a learning disability",
            True,
            "An expert by experience who shares their life and teaches with the facilitator.",
        ),
        (
            "autistic",
            "Autistic co-trainer",
            True,
            "An expert by experience who shares their life and teaches with the facilitator.",
        ),
    ]
    roles = {}
    for order, (key, name, lived, description) in enumerate(data):
        roles[key] = DeliveryRole(
            name=name, is_lived_experience=lived, description=description, sort_order=order
        )
        db.session.add(roles[key])
    db.session.flush()
    return roles


def _programmes(roles) -> dict[str, Programme]:
    trio = lambda: [TeamSeat(delivery_role=r, count=1) for r in roles.values()]  # noqa: E731
    tier1 = Programme(
        name="Oliver McGowan Tier 1",
        delivery_mode=DeliveryMode.ONLINE,
        duration_minutes=60,
        capacity=30,
        default_start_time=time(10, 0),
        seats=trio(),
        description="Live online interactive session: part 2 of Tier 1.",
        what_to_bring="A quiet place, headphones, and the slides sent the week before.",
    )
    tier2 = Programme(
        name="Oliver McGowan Tier 2",
        delivery_mode=DeliveryMode.IN_PERSON,
        duration_minutes=420,
        capacity=12,
        default_start_time=time(9, 30),
        seats=trio(),
        description="One face-to-face day for staff who may need to support people.",
        what_to_bring="Lunch if you have special dietary needs, your story cards, a water bottle.",
    )
    db.session.add_all([tier1, tier2])
    db.session.flush()
    return {"tier1": tier1, "tier2": tier2}


def _venues() -> list[Venue]:
    venues = [
        Venue(
            name="Online (Microsoft Teams)",
            is_online=True,
            meeting_url="https://teams.example.org/l/meetup-join/heads-together",
            arrival_instructions="Join 15 minutes early to test your sound and camera.",
        ),
        Venue(
            name="Riverside Community Centre",
            address_line1="12 Mill Lane",
            town="Exampletown",
            postcode="EX1 4RC",
            has_step_free=True,
            has_hearing_loop=True,
            has_quiet_room=True,
            has_accessible_toilet=True,
            contact_name="Jo at reception",
            contact_phone="0100 000 0101",
            latitude=51.752,
            longitude=-1.258,
            arrival_instructions="Use the ramp at the side door. Free parking behind the hall.",
        ),
        Venue(
            name="Old Library Training Room",
            address_line1="3 Church Street",
            town="Exampletown",
            postcode="EX2 7LB",
            has_hearing_loop=True,
            contact_name="Sam, site manager",
            latitude=51.760,
            longitude=-1.270,
            arrival_instructions=(
                "Ring the bell at the front door. The room is up one flight of stairs."
            ),
        ),
        Venue(
            name="Northgate Hospital Education Centre",
            address_line1="Northgate Hospital",
            address_line2="Education Centre, Level 1",
            town="Exampleford",
            postcode="EX9 1NH",
            has_step_free=True,
            has_hearing_loop=True,
            has_quiet_room=True,
            has_accessible_toilet=True,
            contact_name="Education Centre desk",
            latitude=51.810,
            longitude=-1.300,
            arrival_instructions="Visitor parking is in car park B. Sign in at the Education desk.",
        ),
    ]
    db.session.add_all(venues)
    db.session.flush()
    return venues


def _accounts(password: str) -> dict[str, User]:
    return {email: create_user(email, password, ACCOUNT_ROLES[email]) for email, _ in DEMO_ACCOUNTS}


PEOPLE = [
    # name, role key, format, payment, caps (sessions, hours, £/week pence, £/month pence), needs
    ("Morgan Ellis", "facilitator", "plain", "paid_payroll", None, {}),
    ("Priya Shah", "facilitator", "plain", "paid_invoice", None, {}),
    ("Tom Okafor", "facilitator", "plain", "paid_payroll", (4, None, None, None), {}),
    (
        "Gina Hughes",
        "facilitator",
        "large_print",
        "paid_payroll",
        None,
        {"communication_needs": "Large print handouts, 18pt.", "needs_hearing_loop": True},
    ),
    ("Harun Iqbal", "facilitator", "plain", "paid_invoice", None, {}),
    ("Rosa Morgan", "facilitator", "plain", "paid_payroll", None, {}),
    (
        "Jamie Clarke",
        "learning_disability",
        "easy_read",
        "paid_payroll",
        (2, 15, 19550, None),
        {
            "support_needs": "Travels with a support worker. Needs the plan a week before.",
            "communication_needs": "Easy Read, and a phone call the day before.",
        },
    ),
    (
        "Bea Fraser",
        "learning_disability",
        "easy_read",
        "voucher",
        (2, None, None, None),
        {"support_needs": "Likes to meet the team 15 minutes before the start."},
    ),
    (
        "Dev Patel",
        "learning_disability",
        "easy_read",
        "paid_payroll",
        (3, 15, 19550, 84700),
        {
            "needs_step_free": True,
            "needs_accessible_toilet": True,
            "support_needs": "Uses a wheelchair.",
        },
    ),
    ("Una Reid", "learning_disability", "plain", "charity", None, {}),
    (
        "Liam Jones",
        "learning_disability",
        "easy_read",
        "expenses_only",
        None,
        {"communication_needs": "Pictures with words help."},
    ),
    ("Femi Green", "learning_disability", "easy_read", "reduced", (2, None, None, None), {}),
    (
        "Alex Nolan",
        "autistic",
        "plain",
        "paid_payroll",
        (3, None, None, None),
        {
            "needs_quiet_room": True,
            "communication_needs": "Prefers email to phone calls.",
            "support_needs": "A quiet room for breaks.",
        },
    ),
    (
        "Isla Davies",
        "autistic",
        "plain",
        "paid_invoice",
        None,
        {"support_needs": "Needs the running order in advance."},
    ),
    (
        "Sami Khan",
        "autistic",
        "easy_read",
        "paid_payroll",
        (2, 15, 19550, None),
        {"needs_quiet_room": True},
    ),
    ("Quinn Baker", "autistic", "plain", "declined", None, {}),
    (
        "Kate Lewis",
        "autistic",
        "large_print",
        "paid_payroll",
        None,
        {"communication_needs": "Written instructions, no phone calls."},
    ),
    ("Vik Evans", "autistic", "plain", "paid_payroll", None, {}),
]


def _people(roles, programmes, accounts) -> list[Person]:
    people = []
    for index, (name, role_key, fmt, payment, caps, needs) in enumerate(PEOPLE):
        first = name.split()[0].lower()
        person = Person(
            full_name=name,
            known_as=name.split()[0],
            email=f"{first}@people.example.org",
            phone=f"07700 900{index:03d}",
            postal_address=f"{index + 1} Example Road\nExampletown\nEX3 {index}AB",
            preferred_format=InformationFormat(fmt),
            payment_choice=PaymentChoice(payment),
            preferred_contact=ContactMethod.VIA_SUPPORTER
            if "support worker" in needs.get("support_needs", "")
            else ContactMethod.EMAIL,
            reduced_percent=50 if payment == "reduced" else None,
            charity_name="Exampletown Mencap" if payment == "charity" else "",
            delivery_roles=[roles[role_key]],
            qualifications=list(programmes.values()),
            **needs,
        )
        if caps:
            (
                person.max_sessions_per_week,
                hours,
                person.max_pence_per_week,
                person.max_pence_per_month,
            ) = caps
            person.max_minutes_per_week = hours * 60 if hours else None
        if "support worker" in needs.get("support_needs", ""):
            person.supporter_name, person.supporter_email = (
                "Chris Support",
                "chris.support@example.org",
            )
            person.supporter_gets_copies = True
        people.append(person)
    people[0].user = accounts["trainer@example.org"]
    people[0].email = "trainer@example.org"
    people[6].user = accounts["cotrainer@example.org"]
    people[6].email = "cotrainer@example.org"
    db.session.add_all(people)
    db.session.flush()
    return people


def _day_at(day: date, clock: time) -> datetime:
    return local_to_utc(day, clock)


def _sessions(programmes, venues, people, roles) -> list[TrainingSession]:
    rng = random.Random(2026)
    today = to_local(utc_now()).date()
    by_role = {key: [p for p in people if roles[key] in p.delivery_roles] for key in roles}
    sessions = []
    for offset in [-40, -33, -26, -19, -12, -5] + list(range(1, 57, 2)):
        day = today + timedelta(days=offset)
        if day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())
        tier2 = offset % 3 == 0
        programme = programmes["tier2" if tier2 else "tier1"]
        venue = rng.choice(venues[1:]) if tier2 else venues[0]
        start = _day_at(day, programme.default_start_time)
        session = TrainingSession(
            programme=programme,
            venue=venue,
            starts_at=start,
            capacity=programme.capacity,
            ends_at=start + timedelta(minutes=programme.duration_minutes),
            status=SessionStatus.DELIVERED if offset < 0 else SessionStatus.DRAFT,
        )
        if offset < 0:
            session.learners_count = rng.randint(8, programme.capacity)
        _team(session, by_role, roles, rng, full=offset < 0 or rng.random() < 0.6)
        sessions.append(session)
    db.session.add_all(sessions)
    db.session.flush()
    return sessions


def _team(session, by_role, roles, rng, *, full: bool) -> None:
    past = session.status is SessionStatus.DELIVERED
    for key, candidates in by_role.items():
        if not full and key != "facilitator" and rng.random() < 0.5:
            continue
        eligible = [
            p
            for p in candidates
            if session.venue.is_online or p.access_needs <= session.venue.access_features
        ]
        person = rng.choice(eligible)
        offered = min(
            session.starts_at - timedelta(days=rng.randint(5, 20)),
            utc_now() - timedelta(days=rng.randint(1, 6)),
        )
        status = OfferStatus.ACCEPTED if past or rng.random() < 0.7 else OfferStatus.OFFERED
        session.assignments.append(
            Assignment(
                person=person,
                delivery_role=roles[key],
                offer_status=status,
                offered_at=offered,
                responded_at=offered + timedelta(days=1)
                if status is OfferStatus.ACCEPTED
                else None,
            )
        )
    holding = session.assignments
    if (
        not past
        and len(holding) == 3
        and all(a.offer_status is OfferStatus.ACCEPTED for a in holding)
    ):
        session.status = SessionStatus.SCHEDULED


def _region(roles, programmes, venues) -> str:
    from trainer.demo.region import build_region

    return build_region(roles, programmes, venues)
