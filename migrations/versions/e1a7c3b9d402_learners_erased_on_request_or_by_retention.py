"""Learners erased on request or by the retention rule: when their details were erased

Revision ID: e1a7c3b9d402
Revises: e0d4a0784486
Create Date: 2026-12-07 01:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e1a7c3b9d402"
down_revision = "e0d4a0784486"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("learners", schema=None) as batch_op:
        batch_op.add_column(sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("learners", schema=None) as batch_op:
        batch_op.drop_column("erased_at")
