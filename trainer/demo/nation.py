"""A nation-sized data set for benchmarks: 40 regions, about 12,000 people, 200,000 sessions,
600,000 seats and 2.4 million learners' places.

The first region is the region data set itself, its teams built seat by seat under the
booking rules (`build_region`). The 39 others are copies of it, each with people, venues,
sessions and learners of its own: each copy's people work only in their region's sessions, as
the first region's do, so every rule that holds in the first region holds in each copy. The
copies are written by the database itself (INSERT ... SELECT, ids shifted by a whole region's
span), which is what makes the set build in minutes rather than hours; certificates get
fresh verification codes, written in bulk.
"""

import random

from sqlalchemy import case, func, insert, literal, select, text

from trainer.certificates.codes import ALPHABET, RANDOM_SYMBOLS, check_symbol, grouped
from trainer.demo.region import build_region
from trainer.extensions import db
from trainer.models import (
    Assignment,
    Booking,
    Certificate,
    EvaluationAnswer,
    EvaluationResponse,
    Learner,
    Person,
    TrainingSession,
    Venue,
)
from trainer.models.people import person_delivery_roles, person_qualifications

REGIONS = 40
#: the tables a region copy holds rows of, parents first
COPIED = (
    Person,
    Venue,
    TrainingSession,
    Assignment,
    Learner,
    Booking,
    Certificate,
    EvaluationResponse,
    EvaluationAnswer,
)
BATCH = 10_000


def build_nation(roles, programmes, venues, *, contact=None, regions: int = REGIONS, echo=None):
    """The region data set, then `regions - 1` copies of it; returns what was loaded."""
    build_region(roles, programmes, venues, contact=contact)
    db.session.flush()
    spans = {model: _span(model) for model in COPIED}
    online = {venue.id for venue in venues if venue.is_online}
    for region in range(2, regions + 1):
        _copy_region(region, spans, online)
        if echo:
            echo(f"Region {region} of {regions} copied.")
    _move_sequences_on()
    counts = {m: db.session.scalar(select(func.count()).select_from(m)) for m in COPIED}
    return (
        f"Nation data loaded: {regions} regions, {counts[Person]:,} people, "
        f"{counts[TrainingSession]:,} sessions, {counts[Assignment]:,} seats filled, "
        f"{counts[Learner]:,} learners with {counts[Booking]:,} places. Demo sign-ins as for "
        "seed-demo."
    )


def _span(model) -> tuple[int, int, int]:
    """The first region's ids (lowest, highest) and the shift between copies."""
    low, high = db.session.execute(select(func.min(model.id), func.max(model.id))).one()
    return low or 0, high or 0, high or 0


def _shifted(column, span, region: int):
    return column + span[2] * (region - 1)


def _tag(region: int) -> str:
    return f" (region {region})"


def _copy_region(region: int, spans, online: set[int]) -> None:
    tag, domain = _tag(region), f"@region{region:02d}."

    def shift(model, column):
        return _shifted(column, spans[model], region)

    _copy(
        Person,
        spans,
        region,
        full_name=Person.full_name + tag,
        email=func.replace(Person.email, "@region.", domain),
    )
    for link in (person_delivery_roles, person_qualifications):
        people = spans[Person]
        rows = select(*[shift(Person, c) if c.name == "person_id" else c for c in link.c]).where(
            link.c.person_id.between(people[0], people[1])
        )
        db.session.execute(insert(link).from_select([c.name for c in link.c], rows))
    _copy(Venue, spans, region, name=Venue.name + tag, where=Venue.is_online.is_(False))
    venue = TrainingSession.venue_id
    _copy(
        TrainingSession,
        spans,
        region,
        venue_id=case((venue.in_(sorted(online)), venue), else_=shift(Venue, venue)),
        calendar_uid=literal(f"r{region:02d}-") + TrainingSession.calendar_uid,
        # the seats copied next count themselves in (the database's triggers)
        seats_held=literal(0),
        seats_accepted=literal(0),
    )
    _copy(
        Assignment,
        spans,
        region,
        session_id=shift(TrainingSession, Assignment.session_id),
        person_id=shift(Person, Assignment.person_id),
    )
    _copy(
        Learner,
        spans,
        region,
        full_name=Learner.full_name + tag,
        email=func.replace(Learner.email, "@region.", domain),
    )
    _copy(
        Booking,
        spans,
        region,
        session_id=shift(TrainingSession, Booking.session_id),
        learner_id=shift(Learner, Booking.learner_id),
    )
    _copy_certificates(region, spans)
    _copy(
        EvaluationResponse,
        spans,
        region,
        session_id=shift(TrainingSession, EvaluationResponse.session_id),
    )
    _copy(
        EvaluationAnswer,
        spans,
        region,
        response_id=shift(EvaluationResponse, EvaluationAnswer.response_id),
    )


def _copy(model, spans, region: int, *, where=None, **changes) -> None:
    """The first region's rows of `model`, ids shifted, with `changes` to some columns."""
    table, span = model.__table__, spans[model]
    columns = [
        changes[c.name] if c.name in changes else _shifted(c, span, region) if c.name == "id" else c
        for c in table.c
    ]
    rows = select(*columns).where(table.c.id.between(span[0], span[1]))
    if where is not None:
        rows = rows.where(where)
    db.session.execute(insert(table).from_select([c.name for c in table.c], rows))


def _copy_certificates(region: int, spans) -> None:
    """Certificates as the first region's, each with a fresh code of its own."""
    rng, span = random.Random(region), spans[Certificate]
    table = Certificate.__table__
    source = db.session.execute(select(table).where(table.c.id.between(span[0], span[1])))
    rows = []
    for row in source.mappings():
        body = "".join(rng.choices(ALPHABET, k=RANDOM_SYMBOLS))
        rows.append(
            dict(row)
            | {
                "id": _shifted(row["id"], span, region),
                "booking_id": _shifted(row["booking_id"], spans[Booking], region),
                "code": grouped(body + check_symbol(body)),
                "learner_name": row["learner_name"] + _tag(region),
            }
        )
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(table), rows[start : start + BATCH])


def _move_sequences_on() -> None:
    """PostgreSQL: the id sequences past the copies' explicit ids."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for model in COPIED:
        name = model.__tablename__
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"(SELECT max(id) FROM {name}))"
            )
        )
