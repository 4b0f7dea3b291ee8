"""Easy Read answers that can be undone, and calls for help

- `assignments.undo_status`: what a person's last "no" replaced (offered or accepted), so
  they can take it back for ten minutes.
- `help_requests`: each press of "I need help", with the page it came from, open until
  someone answers it.

Revision ID: 0fc396fde4dc
Revises: 57ce248e2a47
Create Date: 2026-12-07 00:38:11.835503

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0fc396fde4dc"
down_revision = "57ce248e2a47"
branch_labels = None
depends_on = None

OFFER_STATUSES = ("offered", "accepted", "declined", "withdrawn")


def upgrade():
    op.create_table(
        "help_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("page", sa.String(length=300), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["answered_by_id"],
            ["users.id"],
            name=op.f("fk_help_requests_answered_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_help_requests_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_help_requests")),
    )
    with op.batch_alter_table("help_requests") as batch:
        batch.create_index("ix_help_requests_open", ["answered_at", "asked_at"])
        batch.create_index(batch.f("ix_help_requests_person_id"), ["person_id"])
    with op.batch_alter_table("assignments") as batch:
        batch.add_column(
            sa.Column(
                "undo_status",
                sa.Enum(
                    *OFFER_STATUSES,
                    name="undo_status",
                    native_enum=False,
                    create_constraint=True,
                    length=17,
                ),
                nullable=True,
            )
        )


def downgrade():
    with op.batch_alter_table("assignments") as batch:
        batch.drop_constraint(batch.f("ck_assignments_undo_status"), type_="check")
        batch.drop_column("undo_status")
    with op.batch_alter_table("help_requests") as batch:
        batch.drop_index(batch.f("ix_help_requests_person_id"))
        batch.drop_index("ix_help_requests_open")
    op.drop_table("help_requests")
