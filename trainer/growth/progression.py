"""Progression: each person's staged path (trained, shadowed, co-delivered, mentor), with the
day each stage was reached and its evidence. Attending a session as a shadow or in a
lived-experience seat records the next stage by itself."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from trainer import audit, signals
from trainer.clock import local_today
from trainer.domain import DomainError
from trainer.extensions import db
from trainer.models import (
    Assignment,
    Attendance,
    DeliveryRole,
    Person,
    ProgrammeKind,
    ProgressionStage,
    ProgressionStep,
    User,
)
from trainer.timezones import local_zone, to_local

STAGES = list(ProgressionStage)


@dataclass(frozen=True)
class Progress:
    person: Person
    steps: dict[ProgressionStage, ProgressionStep]

    @property
    def stage(self) -> ProgressionStage | None:
        reached = [s for s in STAGES if s in self.steps]
        return reached[-1] if reached else None

    @property
    def next_stage(self) -> ProgressionStage | None:
        stage = self.stage
        if stage is None:
            return STAGES[0]
        return STAGES[stage.rank] if stage.rank < len(STAGES) else None


def progress_of(person: Person) -> Progress:
    query = select(ProgressionStep).where(ProgressionStep.person_id == person.id)
    return Progress(person, {step.stage: step for step in db.session.scalars(query)})


def progress_table(people: list[Person]) -> list[Progress]:
    """Everyone's progress in one query, for the coordinators' at-a-glance page."""
    ids = [p.id for p in people]
    steps: dict[int, dict] = {pid: {} for pid in ids}
    if ids:
        query = select(ProgressionStep).where(ProgressionStep.person_id.in_(ids))
        for step in db.session.scalars(query):
            steps[step.person_id][step.stage] = step
    return [Progress(person, steps[person.id]) for person in people]


def record_step(
    person: Person,
    stage: ProgressionStage,
    reached_on: date,
    evidence: str,
    *,
    actor: User | None,
    session_id: int | None = None,
) -> ProgressionStep:
    """Record that a person reached a stage; a stage is recorded once."""
    evidence = (evidence or "").strip()
    if not evidence:
        raise DomainError("Say what shows this stage was reached.", "evidence")
    if reached_on > local_today(local_zone()):
        raise DomainError("The day a stage was reached cannot be in the future.", "reached_on")
    if progress_of(person).steps.get(stage):
        raise DomainError(
            f"{person.full_name} has reached \u201c{stage.label}\u201d already.", "stage"
        )
    step = ProgressionStep(
        person=person,
        stage=stage,
        reached_on=reached_on,
        evidence=evidence,
        session_id=session_id,
        recorded_by_id=actor.id if actor else None,
    )
    db.session.add(step)
    db.session.flush()
    audit.record(
        "progression.recorded",
        step,
        actor=actor,
        after={"person_id": person.id, "stage": stage.value, "reached_on": reached_on.isoformat()},
    )
    change = f"{person.full_name} reached \u201c{stage.label}\u201d"
    signals.person_changed.send(person, person=person, actor=actor, change=change)
    return step


def stage_from_attendance(assignment: Assignment) -> ProgressionStage | None:
    """The stage a whole session attended shows: shadowed, or co-delivered."""
    if assignment.attendance is not Attendance.ATTENDED:
        return None
    if assignment.session.programme.kind is not ProgrammeKind.TRAINING:
        return None  # a review meeting is paid work, not delivery
    role = assignment.delivery_role
    if role.is_shadow:
        return ProgressionStage.SHADOWED
    if role.is_lived_experience:
        return ProgressionStage.CO_DELIVERED
    return None


def note_attendance(assignment: Assignment, *, actor: User | None) -> ProgressionStep | None:
    """After attendance is recorded: the first session shadowed or co-delivered is evidence."""
    stage = stage_from_attendance(assignment)
    if stage is None or stage in progress_of(assignment.person).steps:
        return None
    session = assignment.session
    day = to_local(session.starts_at).date()
    did = "Shadowed" if stage is ProgressionStage.SHADOWED else "Co-delivered"
    evidence = f"{did} {session.programme.name} on {day.day} {day:%B %Y}"
    return record_step(assignment.person, stage, day, evidence, actor=actor, session_id=session.id)


def set_role_stage(
    role: DeliveryRole, stage: ProgressionStage | None, *, actor: User | None
) -> bool:
    """The stage a person must have reached to be offered the role (None: any). Held seats
    of the role are checked again. Returns whether anything changed."""
    if role.needs_stage is stage:
        return False
    before = {"needs_stage": role.needs_stage.value if role.needs_stage else None}
    role.needs_stage = stage
    db.session.flush()
    audit.record(
        "delivery_role.stage_needed",
        role,
        actor=actor,
        before=before,
        after={"needs_stage": stage.value if stage else None},
    )
    needed = f"\u201c{stage.label}\u201d" if stage else "no stage"
    change = f"The {role.name.lower()} role now needs {needed}"
    signals.role_stage_changed.send(role, role=role, actor=actor, change=change)
    return True
