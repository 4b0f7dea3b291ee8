"""Money and bookings stay true: problems, frozen letters, reopened runs, travel time kept

- `problems`: a hard rule broken by a held seat after booking, open until resolved.
- `assignments.travel_minutes`: the paid travel time recorded with attendance, so the
  attendance page shows it again (filled in from the travel-time pay lines already made).
- `letter_records`: what each letter says, frozen when it is issued; the letter a correction
  replaces, and the day it was replaced.
- `pay_runs`: runs finance reopens on purpose (with the reason), and runs withdrawn when
  nothing was left in them to pay.

Revision ID: c4f1a8e2d7b6
Revises: 229ed8647a69
Create Date: 2026-12-06 23:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4f1a8e2d7b6"
down_revision = "229ed8647a69"
branch_labels = None
depends_on = None

RUN_STATUSES = ("open", "reopened", "paid", "withdrawn")
RESOLUTIONS = ("kept", "taken_off", "cleared", "seat_given_up", "session_closed")
OPEN = sa.text("resolved_at IS NULL")


def upgrade():
    create_problems()
    with op.batch_alter_table("assignments") as batch:
        batch.add_column(
            sa.Column("travel_minutes", sa.Integer(), server_default="0", nullable=False)
        )
        batch.create_check_constraint(
            batch.f("ck_assignments_travel_minutes_not_negative"), "travel_minutes >= 0"
        )
    op.execute(
        "UPDATE assignments SET travel_minutes = COALESCE(("
        " SELECT SUM(minutes) FROM payment_lines"
        " WHERE payment_lines.assignment_id = assignments.id"
        " AND payment_lines.kind = 'travel_time' AND payment_lines.status <> 'rejected'"
        "), 0)"
    )
    with op.batch_alter_table("letter_records") as batch:
        batch.add_column(sa.Column("contents", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("replaces_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("replaced_on", sa.Date(), nullable=True))
        batch.create_index(batch.f("ix_letter_records_replaces_id"), ["replaces_id"])
        batch.create_foreign_key(
            batch.f("fk_letter_records_replaces_id_letter_records"),
            "letter_records",
            ["replaces_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("pay_runs") as batch:
        batch.add_column(sa.Column("reopened_reason", sa.Text(), server_default="", nullable=False))
        batch.drop_constraint(batch.f("ck_pay_runs_pay_run_status"), type_="check")
        batch.alter_column(
            "status", existing_type=sa.String(12), type_=sa.String(17), existing_nullable=False
        )
        batch.create_check_constraint(
            batch.f("ck_pay_runs_pay_run_status"), status_check(RUN_STATUSES)
        )


def create_problems():
    op.create_table(
        "problems",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("cause", sa.Text(), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("found_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "resolution",
            sa.Enum(
                *RESOLUTIONS,
                name="problem_resolution",
                native_enum=False,
                create_constraint=True,
                length=22,
            ),
            nullable=True,
        ),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.Column("resolution_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignments.id"],
            name=op.f("fk_problems_assignment_id_assignments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["found_by_id"],
            ["users.id"],
            name=op.f("fk_problems_found_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_problems_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["users.id"],
            name=op.f("fk_problems_resolved_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_sessions.id"],
            name=op.f("fk_problems_session_id_training_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_problems")),
    )
    with op.batch_alter_table("problems") as batch:
        batch.create_index(batch.f("ix_problems_assignment_id"), ["assignment_id"])
        batch.create_index("ix_problems_open", ["resolved_at", "session_id"])
        batch.create_index(batch.f("ix_problems_person_id"), ["person_id"])
        batch.create_index(batch.f("ix_problems_session_id"), ["session_id"])
        batch.create_index(
            "uq_problems_open_break",
            ["assignment_id", "rule", "message"],
            unique=True,
            sqlite_where=OPEN,
            postgresql_where=OPEN,
        )


def status_check(values) -> str:
    return "status IN (" + ", ".join(f"'{value}'" for value in values) + ")"


def downgrade():
    op.execute("UPDATE pay_runs SET status = 'open' WHERE status IN ('reopened', 'withdrawn')")
    with op.batch_alter_table("pay_runs") as batch:
        batch.drop_constraint(batch.f("ck_pay_runs_pay_run_status"), type_="check")
        batch.alter_column(
            "status", existing_type=sa.String(17), type_=sa.String(12), existing_nullable=False
        )
        batch.create_check_constraint(
            batch.f("ck_pay_runs_pay_run_status"), status_check(("open", "paid"))
        )
        batch.drop_column("reopened_reason")
    with op.batch_alter_table("letter_records") as batch:
        batch.drop_constraint(
            batch.f("fk_letter_records_replaces_id_letter_records"), type_="foreignkey"
        )
        batch.drop_index(batch.f("ix_letter_records_replaces_id"))
        batch.drop_column("replaced_on")
        batch.drop_column("replaces_id")
        batch.drop_column("contents")
    with op.batch_alter_table("assignments") as batch:
        batch.drop_constraint(batch.f("ck_assignments_travel_minutes_not_negative"), type_="check")
        batch.drop_column("travel_minutes")
    op.drop_table("problems")
