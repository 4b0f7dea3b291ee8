"""Session version: signing an account out everywhere

Disabling an account or changing its password raises the version, and every browser still
signed in with the old one is signed out on its next request.

Revision ID: 400ae917ea81
Revises: 38f26ef9e496
Create Date: 2026-11-29 11:24:46.632070

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "400ae917ea81"
down_revision = "38f26ef9e496"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("session_version")
