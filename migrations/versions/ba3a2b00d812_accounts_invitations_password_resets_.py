"""Accounts: invitations, password resets and two-step verification

One-time links also set passwords now (a new account's invitation, a reset), so each says
what it is for; admin and finance accounts may turn on time-based codes, with single-use
recovery codes kept as hashes.

Revision ID: ba3a2b00d812
Revises: 5b7e0c1d2a93
Create Date: 2026-12-06 22:47:02.273954

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "ba3a2b00d812"
down_revision = "5b7e0c1d2a93"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "recovery_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_recovery_codes_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_recovery_codes_code_hash")),
    )
    with op.batch_alter_table("recovery_codes", schema=None) as batch_op:
        batch_op.create_index("ix_recovery_codes_user_id", ["user_id"], unique=False)

    with op.batch_alter_table("sign_in_links", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "purpose",
                sa.Enum(
                    "sign_in",
                    "invitation",
                    "password_reset",
                    name="link_purpose",
                    native_enum=False,
                    create_constraint=True,
                    length=22,
                ),
                server_default="sign_in",
                nullable=False,
            )
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_secret", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("totp_last_step")
        batch_op.drop_column("totp_secret")

    with op.batch_alter_table("sign_in_links", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_sign_in_links_link_purpose"), type_="check")
        batch_op.drop_column("purpose")

    with op.batch_alter_table("recovery_codes", schema=None) as batch_op:
        batch_op.drop_index("ix_recovery_codes_user_id")

    op.drop_table("recovery_codes")
