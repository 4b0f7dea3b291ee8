"""The demo's people: sign-in accounts and the trainers and co-trainers, with their needs,
payment choices and earnings caps."""

from datetime import date

from trainer.auth.service import create_user
from trainer.extensions import db
from trainer.models import (
    BenefitSituation,
    ContactMethod,
    InformationFormat,
    PaymentChoice,
    Person,
    Role,
    User,
)

DEMO_ACCOUNTS = [
    ("admin@example.org", "admin"),
    ("coordinator@example.org", "course coordinator"),
    ("finance@example.org", "finance"),
    ("trainer@example.org", "facilitating trainer"),
    ("cotrainer@example.org", "co-trainer"),
    ("newcotrainer@example.org", "co-trainer still learning: ready to shadow a session"),
    ("employer@example.org", "employer's booking contact (Riverside Care Homes)"),
]
ACCOUNT_ROLES = {
    "admin@example.org": {Role.ADMIN},
    "coordinator@example.org": {Role.COORDINATOR},
    "finance@example.org": {Role.FINANCE},
    "trainer@example.org": {Role.TRAINER},
    "cotrainer@example.org": {Role.TRAINER},
    "newcotrainer@example.org": {Role.TRAINER},
    "employer@example.org": {Role.EMPLOYER},
}


def accounts(password: str) -> dict[str, User]:
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


#: benefit situations (the others keep their own limits, if any)
ON_ESA = {"Sami Khan"}
#: name -> (the day their Universal Credit periods start, the most pay in one)
ON_UNIVERSAL_CREDIT = {"Dev Patel": (14, 68400)}
CHOSEN_ON = date(2026, 1, 12)


def benefits(person: Person, name: str, payment: str) -> None:
    """Demo people's benefit situations, and the day declined or reduced pay was chosen."""
    own = (person.max_minutes_per_week, person.max_pence_per_week, person.max_pence_per_month)
    if name in ON_ESA:
        person.benefit_situation = BenefitSituation.ESA
    elif name in ON_UNIVERSAL_CREDIT:
        person.benefit_situation = BenefitSituation.UNIVERSAL_CREDIT
        person.uc_period_start_day, person.uc_monthly_limit_pence = ON_UNIVERSAL_CREDIT[name]
    elif own != (None, None, None):
        person.benefit_situation = BenefitSituation.OWN
    if person.benefit_situation is not BenefitSituation.OWN:
        person.max_minutes_per_week = person.max_pence_per_week = None
        person.max_pence_per_month = None
    if payment in ("declined", "reduced"):
        person.payment_choice_made_on, person.payment_choice_informed = CHOSEN_ON, True


def people(roles, programmes, accounts) -> list[Person]:
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
        benefits(person, name, payment)
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
