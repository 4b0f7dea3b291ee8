"""Answered offers, indexed by when they were answered: the dashboard's recent answers

Revision ID: a4c2e9d7b1f3
Revises: f3b8d1c6a925
Create Date: 2026-12-07 03:40:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a4c2e9d7b1f3"
down_revision = "f3b8d1c6a925"
branch_labels = None
depends_on = None

ANSWERED = "offer_status IN ('accepted', 'declined')"


def upgrade():
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_assignments_answered",
            ["responded_at", "id"],
            unique=False,
            sqlite_where=sa.text(ANSWERED),
            postgresql_where=sa.text(ANSWERED),
        )


def downgrade():
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_index("ix_assignments_answered")
