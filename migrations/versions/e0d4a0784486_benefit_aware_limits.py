"""Benefit-aware limits, as data about each person; payment choices with their date

- `people.benefit_situation`: none, ESA permitted work, Universal Credit (with the day their
  assessment periods start and their own amount to stay within), or a limit of their own
  choosing (the weekly hours and pay and monthly pay limits already kept). People who had
  any of those limits set are moved to "own", so nothing they chose is lost.
- `people.payment_choice_made_on`, `people.payment_choice_informed`: declined and reduced
  pay are recorded as the person's informed choice, with the date it was made.
- `esa_permitted_work_amounts`: the weekly pay and hours of ESA permitted work, per tax
  year, as data (2024/25 and 2025/26 to start with).

Revision ID: e0d4a0784486
Revises: 8b237854b395
Create Date: 2026-12-07 00:38:08.871678

"""

from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e0d4a0784486"
down_revision = "8b237854b395"
branch_labels = None
depends_on = None

SITUATIONS = ("none", "esa", "universal_credit", "own")
SOURCE = "gov.uk, Employment and Support Allowance: permitted work; DWP benefit rates"
AMOUNTS = ((date(2024, 4, 6), 18350), (date(2025, 4, 6), 19550))


def upgrade():
    amounts = op.create_table(
        "esa_permitted_work_amounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tax_year_starts_on", sa.Date(), nullable=False),
        sa.Column("weekly_pence", sa.Integer(), nullable=False),
        sa.Column("hours_under_minutes", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "hours_under_minutes > 0", name=op.f("ck_esa_permitted_work_amounts_hours_positive")
        ),
        sa.CheckConstraint(
            "weekly_pence >= 0",
            name=op.f("ck_esa_permitted_work_amounts_weekly_pence_not_negative"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_esa_permitted_work_amounts")),
        sa.UniqueConstraint(
            "tax_year_starts_on", name=op.f("uq_esa_permitted_work_amounts_tax_year_starts_on")
        ),
    )
    now = datetime(2026, 12, 7, tzinfo=UTC)  # when these figures were recorded
    op.bulk_insert(
        amounts,
        [
            {
                "tax_year_starts_on": starts,
                "weekly_pence": pence,
                "hours_under_minutes": 960,
                "source": SOURCE,
                "created_at": now,
                "updated_at": now,
            }
            for starts, pence in AMOUNTS
        ],
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("payment_choice_made_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "payment_choice_informed",
                sa.Boolean(),
                server_default=sa.false(),
                nullable=False,
            )
        )
        batch_op.add_column(
            sa.Column(
                "benefit_situation",
                sa.Enum(
                    *SITUATIONS,
                    name="benefit_situation",
                    native_enum=False,
                    create_constraint=True,
                    length=24,
                ),
                server_default="none",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("uc_period_start_day", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("uc_monthly_limit_pence", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            batch_op.f("ck_people_uc_start_day_range"), "uc_period_start_day BETWEEN 1 AND 31"
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_people_uc_limit_not_negative"), "uc_monthly_limit_pence >= 0"
        )
    op.execute(
        "UPDATE people SET benefit_situation = 'own' WHERE max_minutes_per_week IS NOT NULL "
        "OR max_pence_per_week IS NOT NULL OR max_pence_per_month IS NOT NULL"
    )


def downgrade():
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_people_uc_limit_not_negative"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_people_uc_start_day_range"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_people_benefit_situation"), type_="check")
        batch_op.drop_column("uc_monthly_limit_pence")
        batch_op.drop_column("uc_period_start_day")
        batch_op.drop_column("benefit_situation")
        batch_op.drop_column("payment_choice_informed")
        batch_op.drop_column("payment_choice_made_on")
    op.drop_table("esa_permitted_work_amounts")
