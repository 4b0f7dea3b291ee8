"""The nightly check finds breaks that came from changes made outside the app, resolves what
no longer applies, and does no harm when it runs again."""

from datetime import timedelta

from sqlalchemy import delete, insert, update

from tests.problems.factories import all_problems, booked, open_problems
from tests.team_factories import at
from trainer.models import Resolution, TrainingSession, UnavailablePeriod
from trainer.problems.sweep import check_every_held_seat
from trainer.timezones import to_local


def leave_outside_the_app(db, setup, label: str) -> None:
    """Time off written straight into the database (an import, a fix by hand): no signal."""
    day = to_local(setup.session.starts_at).date()
    db.session.execute(
        insert(UnavailablePeriod).values(
            person_id=setup.people[label][0].id, starts_at=at(day, 0), ends_at=at(day, 23)
        )
    )


def test_the_nightly_check_finds_what_changed_outside_the_app_and_can_run_again(db):
    setup = booked()
    leave_outside_the_app(db, setup, "Learning")
    assert open_problems() == []
    first = check_every_held_seat()
    assert (first.seats, first.found, first.resolved) == (3, 1, 0)
    [problem] = open_problems()
    assert problem.cause == "Found by the nightly check of every booking"
    again = check_every_held_seat()
    assert (again.found, again.resolved) == (0, 0) and open_problems() == [problem]
    db.session.execute(delete(UnavailablePeriod))
    mended = check_every_held_seat()
    assert mended.resolved == 1 and problem.resolution is Resolution.CLEARED


def test_the_nightly_check_closes_problems_of_sessions_now_over(db):
    setup = booked()
    leave_outside_the_app(db, setup, "Autistic")
    check_every_held_seat()
    db.session.execute(
        update(TrainingSession)
        .where(TrainingSession.id == setup.session.id)
        .values(
            starts_at=setup.session.starts_at - timedelta(days=60),
            ends_at=setup.session.ends_at - timedelta(days=60),
        )
    )
    db.session.expire_all()
    result = check_every_held_seat()
    assert result.resolved == 1 and result.seats == 0
    [problem] = all_problems()
    assert problem.resolution is Resolution.SESSION_CLOSED


def test_flask_check_bookings_runs_the_nightly_check(app, db):
    setup = booked()
    leave_outside_the_app(db, setup, "Facilitator")
    result = app.test_cli_runner().invoke(args=["check-bookings"])
    assert result.exit_code == 0
    assert result.output.strip() == "Checked 3 held seats: 1 new problem, 0 resolved."
    assert len(open_problems()) == 1
