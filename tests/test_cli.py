"""flask commands, run with app.test_cli_runner() inside the test's rolled-back transaction.

The commands are plain click commands registered on app.cli; the `db` fixture has pushed the
app context, so the runner reuses it (Flask only pushes a context when none is active) and the
commands' `db.session.commit()` releases the fixture's savepoint instead of committing.
test_cli_commits_stay_inside_the_test_transaction checks that.
"""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text
from werkzeug.security import generate_password_hash

from tests import factories
from trainer.clock import utc_now
from trainer.models import (
    Person,
    Programme,
    ProgrammeKind,
    Role,
    TrainingSession,
    User,
    Venue,
    accounts,
)

DEMO_EMAILS = [
    "admin@example.org",
    "coordinator@example.org",
    "finance@example.org",
    "trainer@example.org",
    "cotrainer@example.org",
    "newcotrainer@example.org",
]


@pytest.fixture
def cli(app, db):
    runner = app.test_cli_runner()

    def run(*args, input=None):
        return runner.invoke(args=list(args), input=input)

    return run


@pytest.fixture
def quick_hashes(monkeypatch):
    """Seeding hashes five demo passwords: a cheap hash keeps these tests fast."""

    def quick(password, method=None):
        return generate_password_hash(password, method="pbkdf2:sha256:1000")

    monkeypatch.setattr(accounts, "generate_password_hash", quick)


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def signs_in(app, email: str, password: str) -> bool:
    response = app.test_client().post("/sign-in", data={"email": email, "password": password})
    return response.status_code == 302


def test_create_user_reads_the_password_from_standard_input(cli, app, db):
    result = cli(
        "create-user",
        "Sam.Lee@Example.org",
        "--role",
        "coordinator",
        "--role",
        "finance",
        input="a long secret phrase\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created sam.lee@example.org with roles: coordinator, finance." in result.output
    assert "a long secret phrase" not in result.output
    user = db.session.scalar(select(User))
    assert (user.email, user.roles) == ("sam.lee@example.org", {Role.COORDINATOR, Role.FINANCE})
    assert user.password_hash.startswith("scrypt:")
    assert signs_in(app, "sam.lee@example.org", "a long secret phrase")


def test_create_user_refuses_a_duplicate_email(cli, db):
    factories.make_user(email="taken@example.org")
    db.session.commit()  # saved earlier: the command's rollback must not undo it
    result = cli("create-user", "TAKEN@example.org", "--role", "admin", input="another password\n")
    assert result.exit_code == 1
    assert "Error: An account with this email address already exists." in result.output
    assert count(db, User) == 1


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (
            ["new@example.org", "--role", "admin"],
            "short\n",
            "The password must be at least 8 characters.",
        ),
        (
            ["new@example.org", "--role", "admin"],
            "\n",
            "The password must be at least 8 characters.",
        ),
        (["new@example.org"], "a long secret phrase\n", "Missing option '--role'"),
        (
            ["new@example.org", "--role", "superuser"],
            "a long secret phrase\n",
            "'superuser' is not one of",
        ),
    ],
)
def test_create_user_refuses_bad_input(cli, db, args, password, message):
    result = cli("create-user", *args, input=password)
    assert result.exit_code != 0
    assert message in result.output
    assert count(db, User) == 0


def test_cli_commits_stay_inside_the_test_transaction(cli, db):
    connection = db.session.get_bind()  # the fixture's connection, in its outer transaction
    result = cli("create-user", "kept@example.org", "--role", "admin", input="a long password\n")
    assert result.exit_code == 0
    assert connection.in_transaction() and connection.get_transaction().is_active
    assert db.session.scalar(select(User.email)) == "kept@example.org"
    if connection.dialect.name == "postgresql":  # another connection cannot see it
        with connection.engine.connect() as other:
            assert other.execute(text("SELECT count(*) FROM users")).scalar() == 0


def test_seed_demo_loads_a_working_service(cli, app, db, quick_hashes):
    result = cli("seed-demo")
    assert result.exit_code == 0, result.output
    assert "Demo data loaded" in result.output
    for email in DEMO_EMAILS:
        assert email in result.output
        assert signs_in(app, email, "demo-password"), email
    programmes = db.session.scalars(
        select(Programme).where(Programme.kind == ProgrammeKind.TRAINING).order_by(Programme.name)
    ).all()
    assert [p.name for p in programmes] == ["Oliver McGowan Tier 1", "Oliver McGowan Tier 2"]
    reviews = db.session.scalars(select(Programme).where(Programme.kind == ProgrammeKind.REVIEW))
    assert [p.name for p in reviews] == ["Co-production review meeting"]
    for programme in programmes:
        seats = sorted((s.delivery_role.name, s.count) for s in programme.seats)
        assert seats == [
            ("Autistic co-trainer", 1),
            ("Co-trainer with a learning disability", 1),
            ("Facilitating trainer", 1),
        ]
    venues = db.session.scalars(select(Venue)).all()
    assert len(venues) >= 3 and any(v.is_online for v in venues)
    assert count(db, Person) >= 15
    starts = db.session.scalars(select(TrainingSession.starts_at)).all()
    assert len(starts) >= 25
    assert any(s < utc_now() for s in starts) and any(s > utc_now() for s in starts)
    past = db.session.scalars(
        select(TrainingSession).where(TrainingSession.starts_at < utc_now() - timedelta(days=1))
    )
    statuses = [s.status.value for s in past]  # delivered, but one waiting for attendance
    assert set(statuses) == {"delivered", "scheduled"} and statuses.count("scheduled") == 1
    cotrainer = db.session.scalar(select(User).where(User.email == "cotrainer@example.org"))
    assert cotrainer.person is not None and cotrainer.person.is_co_trainer


def test_seed_demo_password_option(cli, app, db, quick_hashes):
    assert cli("seed-demo", "--password", "another-password").exit_code == 0
    assert signs_in(app, "coordinator@example.org", "another-password")
    assert not signs_in(app, "admin@example.org", "demo-password")


def test_seed_demo_loads_once_and_then_refuses(cli, db, quick_hashes):
    first = cli("seed-demo", "--if-empty")  # an empty database: loads
    assert first.exit_code == 0 and "Demo data loaded" in first.output
    before = count(db, TrainingSession), count(db, User)
    again = cli("seed-demo")
    assert again.exit_code == 1
    assert "The database already has data. Use a fresh database." in again.output
    quietly = cli("seed-demo", "--if-empty")
    assert quietly.exit_code == 0
    assert "already has data: demo data not loaded" in quietly.output
    assert (count(db, TrainingSession), count(db, User)) == before == (before[0], 7)


def test_seed_demo_refuses_a_database_with_only_an_account(cli, db):
    factories.make_user()
    db.session.commit()
    result = cli("seed-demo")
    assert result.exit_code == 1
    assert count(db, TrainingSession) == 0
