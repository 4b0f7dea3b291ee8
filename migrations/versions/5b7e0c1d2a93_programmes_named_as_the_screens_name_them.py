"""Programmes: the tables and columns named as the screens name them

What coordinators see as a programme was stored as a "course type". The table becomes
`programmes` and every `course_type_id` column `programme_id`, with their constraints and
indexes renamed to match; no data changes.

Revision ID: 5b7e0c1d2a93
Revises: 400ae917ea81
Create Date: 2026-12-06 22:00:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "5b7e0c1d2a93"
down_revision = "400ae917ea81"
branch_labels = None
depends_on = None

#: tables that point at a programme: (ON DELETE, unique constraint's columns, indexed?)
CHILDREN = {
    "training_sessions": (None, None, True),
    "team_seats": ("CASCADE", ["delivery_role_id"], False),
    "pay_rates": (None, ["delivery_role_id", "effective_from"], True),
    "payment_lines": (None, None, False),
    "person_qualifications": ("CASCADE", None, False),
}
CHECKS = {
    "capacity_positive": "capacity >= 1",
    "duration_positive": "duration_minutes >= 1",
    "delivery_mode": "delivery_mode IN ('online', 'in_person')",
}


def upgrade():
    rename("course_type", "programme")


def downgrade():
    rename("programme", "course_type")


def rename(old: str, new: str) -> None:
    olds, news = f"{old}s", f"{new}s"
    op.rename_table(olds, news)
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute(f"ALTER TABLE {news} RENAME CONSTRAINT pk_{olds} TO pk_{news}")
    with op.batch_alter_table(news) as batch:
        if not postgresql:  # SQLite keeps the name in the table's definition: write it anew
            batch.drop_constraint(batch.f(f"pk_{olds}"), type_="primary")
            batch.create_primary_key(batch.f(f"pk_{news}"), ["id"])
        for name, condition in CHECKS.items():
            batch.drop_constraint(batch.f(f"ck_{olds}_{name}"), type_="check")
            batch.create_check_constraint(batch.f(f"ck_{news}_{name}"), condition)
        batch.drop_constraint(batch.f(f"uq_{olds}_name"), type_="unique")
        batch.create_unique_constraint(batch.f(f"uq_{news}_name"), ["name"])
    for table, (on_delete, unique, indexed) in CHILDREN.items():
        with op.batch_alter_table(table) as batch:
            if indexed:
                batch.drop_index(batch.f(f"ix_{table}_{old}_id"))
            if unique:
                batch.drop_constraint(batch.f(f"uq_{table}_{old}_id"), type_="unique")
            batch.drop_constraint(batch.f(f"fk_{table}_{old}_id_{olds}"), type_="foreignkey")
            batch.alter_column(f"{old}_id", new_column_name=f"{new}_id")
        # a second pass: SQLite's copy of the table knows the column by its new name only now
        with op.batch_alter_table(table) as batch:
            batch.create_foreign_key(
                batch.f(f"fk_{table}_{new}_id_{news}"),
                news,
                [f"{new}_id"],
                ["id"],
                ondelete=on_delete,
            )
            if unique:
                batch.create_unique_constraint(
                    batch.f(f"uq_{table}_{new}_id"), [f"{new}_id", *unique]
                )
            if indexed:
                batch.create_index(batch.f(f"ix_{table}_{new}_id"), [f"{new}_id"])
