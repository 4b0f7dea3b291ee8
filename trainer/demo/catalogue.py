"""The demo's catalogue: the trio's delivery roles, the two Oliver McGowan programmes, venues."""

from datetime import time

from trainer.extensions import db
from trainer.models import (
    DeliveryMode,
    DeliveryRole,
    Programme,
    TeamSeat,
    Venue,
)


def roles() -> dict[str, DeliveryRole]:
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


def programmes(roles) -> dict[str, Programme]:
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


def venues() -> list[Venue]:
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
