"""The demo's room to grow: an observers' (shadow) role with its rate, everyone's progression,
a new co-trainer still learning, named leads, check-ins, and review meetings with
"You said, we did" outcomes."""

from datetime import time, timedelta

from sqlalchemy import select

from trainer.clock import local_today, utc_now
from trainer.extensions import db
from trainer.models import (
    Assignment,
    CheckIn,
    DeliveryMode,
    DeliveryRole,
    Feeling,
    InformationFormat,
    OfferStatus,
    Person,
    Programme,
    ProgrammeKind,
    ProgressionStage,
    ProgressionStep,
    ReviewOutcome,
    SessionStatus,
    TeamSeat,
    TrainingSession,
    User,
)
from trainer.offers import service as offers
from trainer.timezones import local_to_utc, local_zone

#: the demo's co-trainer still learning: trained, ready to shadow a session
LEARNER_EMAIL = "newcotrainer@example.org"
REVIEW = "Co-production review meeting"
OUTCOMES = [
    # you said, we did, owner, due (days from today), done (days from today or None)
    (
        "Send the slides a week before each session.",
        "Slides now go out seven days before, with an Easy Read cover page.",
        "Priya Shah",
        -10,
        -14,
    ),
    (
        "Give us a quiet room at every Tier 2 venue.",
        "",
        "The coordinator",
        21,
        None,
    ),
    (
        "Pay us on the same day each month.",
        "",
        "Finance",
        30,
        None,
    ),
]


def shadow_role() -> DeliveryRole:
    """The observers' role the migration made (made here when the schema came from models)."""
    role = db.session.scalar(select(DeliveryRole).where(DeliveryRole.is_shadow.is_(True)))
    if role is None:
        role = DeliveryRole(
            name="Shadow",
            description="Watches the session to learn, before co-delivering. Not part of the team.",
            sort_order=90,
            is_shadow=True,
            needs_stage=ProgressionStage.TRAINED,
        )
        db.session.add(role)
        db.session.flush()
    return role


def review_programme(roles) -> Programme:
    """Review meetings: the experts by experience review the training together, paid."""
    lived = [role for role in roles.values() if role.is_lived_experience]
    programme = Programme(
        name=REVIEW,
        description="Experts by experience review the training with the coordinators.",
        delivery_mode=DeliveryMode.ONLINE,
        duration_minutes=90,
        capacity=1,
        default_start_time=time(14, 0),
        kind=ProgrammeKind.REVIEW,
        shadow_seats=0,
        seats=[TeamSeat(delivery_role=role, count=2) for role in lived],
    )
    db.session.add(programme)
    db.session.flush()
    return programme


def learner(roles, programmes, user: User) -> Person:
    """Riley: trained as an autistic co-trainer, ready to shadow before co-delivering."""
    person = Person(
        full_name="Riley Ahmed",
        known_as="Riley",
        email=LEARNER_EMAIL,
        preferred_format=InformationFormat.EASY_READ,
        delivery_roles=[roles["autistic"]],
        qualifications=list(programmes.values()),
        user=user,
    )
    db.session.add(person)
    db.session.flush()
    return person


def seed_growth(people: list[Person], riley: Person, roles) -> None:
    """Progression for everyone who delivers, named leads, and a check-in; then the review
    meetings (one held, with outcomes, and one to come)."""
    today = local_today(local_zone())
    lead = db.session.scalar(select(User).where(User.email == "coordinator@example.org"))
    for index, person in enumerate(people):
        if not person.is_co_trainer:
            continue
        stages = list(ProgressionStage)[: 4 if index % 4 == 0 else 3]
        for step, stage in enumerate(stages):
            back = 70 * (len(stages) - step) + 3 * index
            _step(person, stage, today - timedelta(days=back), _evidence(stage))
        person.lead = lead
    _step(riley, ProgressionStage.TRAINED, today - timedelta(days=12), _evidence(None))
    riley.lead = lead
    db.session.flush()


def _step(person, stage, day, evidence) -> None:
    db.session.add(ProgressionStep(person=person, stage=stage, reached_on=day, evidence=evidence))


def _evidence(stage) -> str:
    return {
        None: "Finished the co-trainer course (autistic co-trainers' cohort).",
        ProgressionStage.TRAINED: "Finished the co-trainer course.",
        ProgressionStage.SHADOWED: "Shadowed a Tier 1 session online.",
        ProgressionStage.CO_DELIVERED: "Co-delivered a Tier 1 session.",
        ProgressionStage.MENTOR: "Mentors two new co-trainers.",
    }[stage]


def seed_check_ins(people) -> None:
    """Jamie's check-in after their first delivered session."""
    jamie = next((p for p in people if p.email == "cotrainer@example.org"), None)
    if jamie is None:
        return
    seat = db.session.scalar(
        select(Assignment)
        .join(TrainingSession, TrainingSession.id == Assignment.session_id)
        .where(
            Assignment.person_id == jamie.id,
            Assignment.offer_status == OfferStatus.ACCEPTED,
            TrainingSession.status == SessionStatus.DELIVERED,
        )
        .order_by(TrainingSession.starts_at)
        .limit(1)
    )
    if seat is not None:
        db.session.add(
            CheckIn(
                assignment=seat,
                person=jamie,
                lead_id=jamie.lead_id,
                feeling=Feeling.HAPPY,
                went_well="People listened to my story.",
                was_hard="Some questions were about my family.",
                would_help="Agree which questions I answer before the session.",
            )
        )


def seed_reviews(programme: Programme, people: list[Person]) -> None:
    """A review meeting held three weeks ago (paid with the other delivered sessions, with
    outcomes) and one to come; each seat to an expert no booking rule blocks."""
    today = local_today(local_zone())
    experts = [p for p in people if p.is_co_trainer]
    for person in experts:
        person.qualifications.append(programme)  # every expert may take part in reviews
    for day in (today - timedelta(days=21), today + timedelta(days=35)):
        meeting = _meeting(programme, day)
        db.session.flush()
        for seat in programme.seats:
            free = [
                p
                for p in experts
                if seat.delivery_role in p.delivery_roles
                and not offers.evaluate(meeting, seat.delivery_role, p).hard
            ]
            for person in free[: seat.count]:
                _seat(meeting, person, seat.delivery_role)
                db.session.flush()
        if day < today:
            meeting.status = SessionStatus.DELIVERED
            _outcomes(meeting, today)
    db.session.flush()


def _seat(meeting, person, role) -> None:
    db.session.add(
        Assignment(
            session=meeting,
            person=person,
            delivery_role=role,
            offer_status=OfferStatus.ACCEPTED,
            # asked and answered before today, however far off the meeting is
            offered_at=min(meeting.starts_at - timedelta(days=20), utc_now() - timedelta(days=3)),
            responded_at=min(meeting.starts_at - timedelta(days=19), utc_now() - timedelta(days=2)),
        )
    )


def _outcomes(meeting, today) -> None:
    for you_said, we_did, owner, due, done in OUTCOMES:
        db.session.add(
            ReviewOutcome(
                session=meeting,
                you_said=you_said,
                we_did=we_did,
                owner=owner,
                due_on=today + timedelta(days=due),
                done_on=today + timedelta(days=done) if done is not None else None,
            )
        )


def _meeting(programme, day) -> TrainingSession:
    starts_at = local_to_utc(day, programme.default_start_time)
    meeting = TrainingSession(
        programme=programme,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=programme.duration_minutes),
        capacity=programme.capacity,
        status=SessionStatus.SCHEDULED,
        meeting_url="https://meet.example.org/review",
        notes="Agenda: what went well, what to change, and last time's actions.",
    )
    db.session.add(meeting)
    return meeting
