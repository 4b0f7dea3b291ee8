"""Progression: stages with dates and evidence, offers for a role not reached yet need a
written reason, and attending a session records the next stage by itself."""

from datetime import timedelta

import pytest

from tests import factories
from tests.growth.factories import add_rate, past_seat, reach, shadow_role
from tests.team_factories import team_setup
from trainer.clock import local_today
from trainer.domain import DomainError
from trainer.growth import progression
from trainer.models import Attendance, AuditEvent, PaymentLine, Problem, ProgressionStage
from trainer.offers import service as offers
from trainer.payments import service as payments
from trainer.timezones import local_zone


def test_a_role_not_reached_yet_needs_an_override_with_a_reason(db):
    setup = team_setup()
    setup.autistic.needs_stage = ProgressionStage.SHADOWED
    person = factories.make_person(roles=[setup.autistic], qualified=[setup.programme])
    reach(person, ProgressionStage.TRAINED)
    with pytest.raises(DomainError) as error:
        offers.offer_seat(setup.session, setup.autistic, person, actor=None)
    assert error.value.field == "reason"
    assert 'Has not reached "shadowed" yet' in error.value.message
    assert "(reached: trained)" in error.value.message
    seat = offers.offer_seat(
        setup.session, setup.autistic, person, actor=None, override_reason="Shadowed elsewhere"
    )
    assert seat.override_reason == "Shadowed elsewhere"
    overridden = db.session.query(AuditEvent).filter_by(action="assignment.overridden").one()
    assert overridden.after["rules"] == ["progression"]


def test_someone_who_reached_the_stage_is_offered_without_a_reason(db):
    setup = team_setup()
    setup.autistic.needs_stage = ProgressionStage.SHADOWED
    person = factories.make_person(roles=[setup.autistic], qualified=[setup.programme])
    reach(person, ProgressionStage.TRAINED, ProgressionStage.SHADOWED)
    seat = offers.offer_seat(setup.session, setup.autistic, person, actor=None)
    assert seat.override_reason == ""


def test_auto_fill_never_proposes_a_role_not_reached(db):
    from trainer.autofill import service as autofill
    from trainer.clock import utc_now

    setup = team_setup()
    setup.autistic.needs_stage = ProgressionStage.CO_DELIVERED
    day = setup.session.starts_at.date()
    preview = autofill.propose(day, day, now=utc_now(), time_limit_s=1)
    assert not [p for p in preview.plan.placements if p.role_id == setup.autistic.id]
    [empty] = [s for s in preview.plan.empty_seats if s.role_id == setup.autistic.id]
    assert "reached" in empty.explanation or empty.explanation


def test_recording_a_stage_keeps_its_day_and_evidence_once(db):
    coordinator = factories.make_user()
    person = factories.make_person(name="Sam Shah")
    day = local_today(local_zone()) - timedelta(days=3)
    step = progression.record_step(
        person, ProgressionStage.TRAINED, day, "Co-trainer course, March cohort", actor=coordinator
    )
    progress = progression.progress_of(person)
    assert (
        progress.stage is ProgressionStage.TRAINED
        and progress.next_stage is ProgressionStage.SHADOWED
    )
    assert step.reached_on == day and step.recorded_by_id == coordinator.id
    with pytest.raises(DomainError, match="already"):
        progression.record_step(person, ProgressionStage.TRAINED, day, "Again", actor=None)
    with pytest.raises(DomainError) as error:
        progression.record_step(
            person, ProgressionStage.SHADOWED, day + timedelta(days=9), "x", actor=None
        )
    assert error.value.field == "reached_on"
    with pytest.raises(DomainError) as error:
        progression.record_step(person, ProgressionStage.SHADOWED, day, "  ", actor=None)
    assert error.value.field == "evidence"


def test_a_new_stage_clears_the_booking_problem_it_caused(db):
    setup = team_setup()
    person = factories.make_person(roles=[setup.autistic], qualified=[setup.programme])
    offers.offer_seat(setup.session, setup.autistic, person, actor=None)
    setup.autistic.needs_stage = ProgressionStage.SHADOWED
    from trainer.problems.sweep import check_every_held_seat

    check_every_held_seat()
    problem = db.session.query(Problem).filter_by(person_id=person.id).one()
    assert problem.rule == "progression" and problem.resolved_at is None
    reach(person, ProgressionStage.TRAINED)
    progression.record_step(
        person, ProgressionStage.SHADOWED, local_today(local_zone()), "Shadowed Tier 1", actor=None
    )
    db.session.refresh(problem)
    assert problem.resolved_at is not None


def test_attending_as_a_shadow_then_a_co_trainer_records_each_stage(db):
    roles = factories.make_trio()
    programme = factories.make_programme(roles=roles)
    person = factories.make_person(roles=[roles[2]], qualified=[programme])
    reach(person, ProgressionStage.TRAINED)
    add_rate(programme, shadow_role(), 4000)
    add_rate(programme, roles[2], 9000)
    watched = past_seat(person, shadow_role(), programme, days=-9)
    payments.mark_delivered(
        watched.session, [payments.AttendanceEntry(watched, Attendance.ATTENDED)], 12, actor=None
    )
    [shadow_pay] = db.session.query(PaymentLine).filter_by(assignment_id=watched.id).all()
    assert shadow_pay.amount_pence == 4000  # the shadow rate on the rate card
    progress = progression.progress_of(person)
    assert progress.stage is ProgressionStage.SHADOWED
    assert progress.steps[ProgressionStage.SHADOWED].session_id == watched.session_id
    assert "Shadowed" in progress.steps[ProgressionStage.SHADOWED].evidence

    delivered = past_seat(person, roles[2], programme, days=-2)
    payments.mark_delivered(
        delivered.session,
        [payments.AttendanceEntry(delivered, Attendance.PARTIAL, 30)],
        12,
        actor=None,
    )
    assert progression.progress_of(person).stage is ProgressionStage.SHADOWED  # part only
    payments.record_attendance(payments.AttendanceEntry(delivered, Attendance.ATTENDED), actor=None)
    assert progression.progress_of(person).stage is ProgressionStage.CO_DELIVERED


def test_a_coordinator_sets_the_stage_a_role_needs_and_held_seats_are_checked(client, login, db):
    setup = team_setup()
    person = factories.make_person(roles=[setup.autistic], qualified=[setup.programme])
    offers.offer_seat(setup.session, setup.autistic, person, actor=None)
    db.session.commit()
    login("coordinator")
    page = client.get("/progression").get_data(as_text=True)
    assert f'name="stage_{setup.autistic.id}"' in page
    data = {f"stage_{setup.autistic.id}": "shadowed"}
    tampered = client.post("/progression/roles", data={f"stage_{setup.autistic.id}": "boss"})
    assert tampered.status_code == 200 and setup.autistic.needs_stage is None
    response = client.post("/progression/roles", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    assert setup.autistic.needs_stage is ProgressionStage.SHADOWED
    problem = db.session.query(Problem).filter_by(person_id=person.id).one()
    assert problem.rule == "progression" and "shadowed" in problem.message
