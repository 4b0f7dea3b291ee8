"""Sessions not yet closed, indexed by start: the dashboard's list of sessions to close

Revision ID: f3b8d1c6a925
Revises: e1a7c3b9d402
Create Date: 2026-12-07 01:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "f3b8d1c6a925"
down_revision = "e1a7c3b9d402"
branch_labels = None
depends_on = None

LIVE = "status IN ('draft', 'scheduled')"


def upgrade():
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_training_sessions_live_starts_at",
            ["starts_at"],
            unique=False,
            sqlite_where=sa.text(LIVE),
            postgresql_where=sa.text(LIVE),
        )


def downgrade():
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_training_sessions_live_starts_at")
