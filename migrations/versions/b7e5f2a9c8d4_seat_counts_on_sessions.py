"""Seats held and accepted, kept on each session by the database: the dashboard's fortnight

Each session carries how many of its seats are held (offered or accepted) and how many are
accepted. Triggers on `assignments` keep both right for every write, whatever makes it (the
app, a bulk statement, psql): a row added, removed, answered or moved to another session
moves the counts in the same transaction, under the session row's lock. The dashboard sums
them over the next weeks from one index instead of reading three seats per session, and
counts the drafts of the next four weeks from an index of drafts alone.

Revision ID: b7e5f2a9c8d4
Revises: a4c2e9d7b1f3
Create Date: 2026-12-07 03:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b7e5f2a9c8d4"
down_revision = "a4c2e9d7b1f3"
branch_labels = None
depends_on = None

HELD = "IN ('offered', 'accepted')"
ACCEPTED = "= 'accepted'"

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER assignments_seats_added AFTER INSERT ON assignments
BEGIN
  UPDATE training_sessions
  SET seats_held = seats_held + (NEW.offer_status {HELD}),
      seats_accepted = seats_accepted + (NEW.offer_status {ACCEPTED})
  WHERE id = NEW.session_id;
END""",
    f"""CREATE TRIGGER assignments_seats_removed AFTER DELETE ON assignments
BEGIN
  UPDATE training_sessions
  SET seats_held = seats_held - (OLD.offer_status {HELD}),
      seats_accepted = seats_accepted - (OLD.offer_status {ACCEPTED})
  WHERE id = OLD.session_id;
END""",
    f"""CREATE TRIGGER assignments_seats_changed AFTER UPDATE OF offer_status, session_id
ON assignments
WHEN OLD.offer_status IS NOT NEW.offer_status OR OLD.session_id IS NOT NEW.session_id
BEGIN
  UPDATE training_sessions
  SET seats_held = seats_held - (OLD.offer_status {HELD}),
      seats_accepted = seats_accepted - (OLD.offer_status {ACCEPTED})
  WHERE id = OLD.session_id;
  UPDATE training_sessions
  SET seats_held = seats_held + (NEW.offer_status {HELD}),
      seats_accepted = seats_accepted + (NEW.offer_status {ACCEPTED})
  WHERE id = NEW.session_id;
END""",
]

POSTGRESQL_TRIGGERS = [
    f"""CREATE FUNCTION assignments_count_seats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE training_sessions
    SET seats_held = seats_held - (OLD.offer_status::text {HELD})::int,
        seats_accepted = seats_accepted - (OLD.offer_status::text {ACCEPTED})::int
    WHERE id = OLD.session_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    UPDATE training_sessions
    SET seats_held = seats_held + (NEW.offer_status::text {HELD})::int,
        seats_accepted = seats_accepted + (NEW.offer_status::text {ACCEPTED})::int
    WHERE id = NEW.session_id;
  END IF;
  RETURN NULL;
END
$$""",
    """CREATE TRIGGER assignments_seats_added_or_removed AFTER INSERT OR DELETE ON assignments
FOR EACH ROW EXECUTE FUNCTION assignments_count_seats()""",
    """CREATE TRIGGER assignments_seats_changed AFTER UPDATE OF offer_status, session_id
ON assignments FOR EACH ROW
WHEN (OLD.offer_status IS DISTINCT FROM NEW.offer_status
      OR OLD.session_id IS DISTINCT FROM NEW.session_id)
EXECUTE FUNCTION assignments_count_seats()""",
]

DRAFT = "status = 'draft'"
#: in start order, ties by id (a list's order), with what the dashboard sums
WINDOW_COLUMNS = ["starts_at", "id", "status", "programme_id", "seats_held", "seats_accepted"]


def upgrade():
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("seats_held", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("seats_accepted", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.drop_index("ix_training_sessions_starts_at")
        batch_op.create_index("ix_training_sessions_starts_at", WINDOW_COLUMNS, unique=False)
        batch_op.create_index(
            "ix_training_sessions_drafts",
            ["starts_at"],
            unique=False,
            sqlite_where=sa.text(DRAFT),
            postgresql_where=sa.text(DRAFT),
        )
    op.execute(
        f"""UPDATE training_sessions SET
        seats_held = (SELECT count(*) FROM assignments
                      WHERE assignments.session_id = training_sessions.id
                      AND assignments.offer_status {HELD}),
        seats_accepted = (SELECT count(*) FROM assignments
                          WHERE assignments.session_id = training_sessions.id
                          AND assignments.offer_status {ACCEPTED})"""
    )
    dialect = op.get_bind().dialect.name
    for statement in POSTGRESQL_TRIGGERS if dialect == "postgresql" else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER assignments_seats_changed ON assignments")
        op.execute("DROP TRIGGER assignments_seats_added_or_removed ON assignments")
        op.execute("DROP FUNCTION assignments_count_seats()")
    else:
        for name in ("added", "removed", "changed"):
            op.execute(f"DROP TRIGGER assignments_seats_{name}")
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_training_sessions_drafts")
        batch_op.drop_index("ix_training_sessions_starts_at")
        batch_op.create_index("ix_training_sessions_starts_at", ["starts_at"], unique=False)
        batch_op.drop_column("seats_accepted")
        batch_op.drop_column("seats_held")
