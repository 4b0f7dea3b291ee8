"""Finance as organisations run it: who approves, equal pay, honoraria, linked rejections

- `organisation_settings`: who approves pay (finance, or coordinators) and whether the one who
  confirmed the work may also approve its pay.
- `assignments.attendance_confirmed_by_id`: who confirmed the attendance (separation of duties).
- `pay_rates.equal_pay_reason`: why an expert by experience is paid below a facilitator.
- `payment_lines.related_line_id`: the other line a rejection refers to.
- `people.payment_choice`: a new choice, an honorarium.

Revision ID: 8b237854b395
Revises: 7637b8b30320
Create Date: 2026-12-07 00:37:10.765683

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "8b237854b395"
down_revision = "7637b8b30320"
branch_labels = None
depends_on = None

CHOICES = (
    "paid_payroll",
    "paid_invoice",
    "voucher",
    "reduced",
    "declined",
    "charity",
    "expenses_only",
)


def choice_check(choices) -> str:
    return "payment_choice IN (" + ", ".join(f"'{c}'" for c in choices) + ")"


def upgrade():
    op.create_table(
        "organisation_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "approval_route",
            sa.Enum(
                "finance",
                "coordinators",
                name="approval_route",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("needs_two_people", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_settings")),
    )
    with op.batch_alter_table("assignments") as batch:
        batch.add_column(sa.Column("attendance_confirmed_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_assignments_attendance_confirmed_by_id_users"),
            "users",
            ["attendance_confirmed_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("pay_rates") as batch:
        batch.add_column(
            sa.Column("equal_pay_reason", sa.Text(), server_default="", nullable=False)
        )
    with op.batch_alter_table("payment_lines") as batch:
        batch.add_column(sa.Column("related_line_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_payment_lines_related_line_id_payment_lines"),
            "payment_lines",
            ["related_line_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("people") as batch:
        batch.drop_constraint(batch.f("ck_people_payment_choice"), type_="check")
        batch.create_check_constraint(
            batch.f("ck_people_payment_choice"), choice_check(CHOICES + ("honorarium",))
        )


def downgrade():
    op.execute(
        "UPDATE people SET payment_choice = 'paid_payroll' WHERE payment_choice = 'honorarium'"
    )
    with op.batch_alter_table("people") as batch:
        batch.drop_constraint(batch.f("ck_people_payment_choice"), type_="check")
        batch.create_check_constraint(batch.f("ck_people_payment_choice"), choice_check(CHOICES))
    with op.batch_alter_table("payment_lines") as batch:
        batch.drop_constraint(
            batch.f("fk_payment_lines_related_line_id_payment_lines"), type_="foreignkey"
        )
        batch.drop_column("related_line_id")
    with op.batch_alter_table("pay_rates") as batch:
        batch.drop_column("equal_pay_reason")
    with op.batch_alter_table("assignments") as batch:
        batch.drop_constraint(
            batch.f("fk_assignments_attendance_confirmed_by_id_users"), type_="foreignkey"
        )
        batch.drop_column("attendance_confirmed_by_id")
    op.drop_table("organisation_settings")
