"""Learners: places, waiting lists, registers, certificates and evaluation

Learners and the employers they work for (with booking contacts, a new role), each
programme's booking settings, bookings with their status, public booking requests waiting
for an email to be confirmed, learners' emails, certificates, and evaluation questions and
answers. The evaluation starts with the default questions.

Revision ID: 6668ef66afc0
Revises: c4f1a8e2d7b6
Create Date: 2026-12-06 22:46:37.283299

"""

import sqlalchemy as sa
from alembic import op

from trainer.clock import utc_now

# revision identifiers, used by Alembic.
revision = "6668ef66afc0"
down_revision = "c4f1a8e2d7b6"
branch_labels = None
depends_on = None


#: account roles before and after: employers' booking contacts are new
ROLES_BEFORE = ("admin", "coordinator", "finance", "trainer")
ROLES_AFTER = (*ROLES_BEFORE, "employer")
#: the evaluation's default questions: (kind, wording, counts as recommending)
DEFAULT_QUESTIONS = (
    (
        "confidence",
        "How confident do you feel about understanding the needs of autistic people and "
        "people with a learning disability?",
        False,
    ),
    (
        "confidence",
        "How confident do you feel about making reasonable adjustments for autistic people "
        "and people with a learning disability?",
        False,
    ),
    ("yes_no", "Would you recommend this training to a colleague?", True),
    ("text", "What was most useful?", False),
    ("text", "Is there anything we should change?", False),
)


def allow_roles(roles: tuple[str, ...]) -> None:
    with op.batch_alter_table("user_roles") as batch:
        batch.drop_constraint(batch.f("ck_user_roles_role"), type_="check")
        batch.create_check_constraint(
            batch.f("ck_user_roles_role"), "role IN (" + ", ".join(f"'{r}'" for r in roles) + ")"
        )


def add_default_questions() -> None:
    questions = sa.table(
        "evaluation_questions",
        sa.column("position", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("wording", sa.String),
        sa.column("is_recommend", sa.Boolean),
        sa.column("is_active", sa.Boolean),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    created = utc_now()
    op.bulk_insert(
        questions,
        [
            {
                "position": position,
                "kind": kind,
                "wording": wording,
                "is_recommend": recommend,
                "is_active": True,
                "created_at": created,
            }
            for position, (kind, wording, recommend) in enumerate(DEFAULT_QUESTIONS, start=1)
        ],
    )


def upgrade():
    allow_roles(ROLES_AFTER)
    op.create_table(
        "employers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column(
            "sector",
            sa.Enum(
                "health",
                "social_care",
                "other",
                name="sector",
                native_enum=False,
                create_constraint=True,
                length=19,
            ),
            nullable=False,
        ),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employers")),
        sa.UniqueConstraint("name", name=op.f("uq_employers_name")),
    )
    op.create_table(
        "evaluation_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "confidence",
                "yes_no",
                "scale",
                "text",
                name="question_kind",
                native_enum=False,
                create_constraint=True,
                length=18,
            ),
            nullable=False,
        ),
        sa.Column("wording", sa.String(length=300), nullable=False),
        sa.Column("is_recommend", sa.Boolean(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_questions")),
    )
    op.create_table(
        "booking_settings",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("tier", sa.String(length=40), nullable=False),
        sa.Column("is_public", sa.Boolean(), nullable=False),
        sa.Column("cutoff_days", sa.Integer(), nullable=False),
        sa.Column("offer_hours", sa.Integer(), nullable=False),
        sa.Column("is_accredited", sa.Boolean(), nullable=False),
        sa.Column("training_category", sa.String(length=120), nullable=False),
        sa.Column("valid_months", sa.Integer(), nullable=True),
        sa.Column("before_you_come", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "cutoff_days BETWEEN 0 AND 90", name=op.f("ck_booking_settings_cutoff_days_range")
        ),
        sa.CheckConstraint(
            "offer_hours BETWEEN 1 AND 336", name=op.f("ck_booking_settings_offer_hours_range")
        ),
        sa.CheckConstraint(
            "valid_months >= 1", name=op.f("ck_booking_settings_valid_months_positive")
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_booking_settings_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("programme_id", name=op.f("pk_booking_settings")),
    )
    op.create_table(
        "employer_contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employers.id"],
            name=op.f("fk_employer_contacts_employer_id_employers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_employer_contacts_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employer_contacts")),
        sa.UniqueConstraint("user_id", name=op.f("uq_employer_contacts_user_id")),
    )
    with op.batch_alter_table("employer_contacts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_employer_contacts_employer_id"), ["employer_id"], unique=False
        )

    op.create_table(
        "learners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=True),
        sa.Column("organisation", sa.String(length=160), nullable=False),
        sa.Column("job_role", sa.String(length=120), nullable=False),
        sa.Column(
            "sector",
            sa.Enum(
                "health",
                "social_care",
                "other",
                name="sector",
                native_enum=False,
                create_constraint=True,
                length=19,
            ),
            nullable=False,
        ),
        sa.Column(
            "part_one",
            sa.Enum(
                "not_yet",
                "completed_on",
                "certificate",
                "declared",
                name="part_one",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("part_one_on", sa.Date(), nullable=True),
        sa.Column("adjustments", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employers.id"],
            name=op.f("fk_learners_employer_id_employers"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learners")),
        sa.UniqueConstraint("email", name=op.f("uq_learners_email")),
    )
    with op.batch_alter_table("learners", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_learners_employer_id"), ["employer_id"], unique=False)

    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "booked",
                "waiting",
                "offered",
                "cancelled",
                "attended",
                "partial",
                "absent",
                name="booking_status",
                native_enum=False,
                create_constraint=True,
                length=17,
            ),
            nullable=False,
        ),
        sa.Column(
            "source",
            sa.Enum(
                "coordinator",
                "employer",
                "public",
                name="booking_source",
                native_enum=False,
                create_constraint=True,
                length=19,
            ),
            nullable=False,
        ),
        sa.Column("booked_by_id", sa.Integer(), nullable=True),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("offer_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancel_reason", sa.String(length=40), nullable=False),
        sa.Column("is_late_cancellation", sa.Boolean(), nullable=False),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("told_sequence", sa.Integer(), nullable=False),
        sa.Column("has_evaluated", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["booked_by_id"],
            ["users.id"],
            name=op.f("fk_bookings_booked_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employers.id"],
            name=op.f("fk_bookings_employer_id_employers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["learners.id"], name=op.f("fk_bookings_learner_id_learners")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_sessions.id"],
            name=op.f("fk_bookings_session_id_training_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings")),
        sa.UniqueConstraint("session_id", "learner_id", name=op.f("uq_bookings_session_id")),
    )
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.create_index("ix_bookings_employer_id", ["employer_id"], unique=False)
        batch_op.create_index("ix_bookings_learner_id", ["learner_id"], unique=False)
        batch_op.create_index("ix_bookings_session_status", ["session_id", "status"], unique=False)

    op.create_table(
        "part_one_uploads",
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name=op.f("fk_part_one_uploads_learner_id_learners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("learner_id", name=op.f("pk_part_one_uploads")),
    )
    op.create_table(
        "booking_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_booking_requests_booking_id_bookings"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_sessions.id"],
            name=op.f("fk_booking_requests_session_id_training_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_requests")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_booking_requests_token_hash")),
    )
    with op.batch_alter_table("booking_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_booking_requests_address_at", ["address", "requested_at"], unique=False
        )
        batch_op.create_index(
            "ix_booking_requests_email_at", ["email", "requested_at"], unique=False
        )

    op.create_table(
        "certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.Column("learner_name", sa.String(length=120), nullable=False),
        sa.Column("programme", sa.String(length=120), nullable=False),
        sa.Column("tier", sa.String(length=40), nullable=False),
        sa.Column("session_on", sa.Date(), nullable=False),
        sa.Column("delivery_mode", sa.String(length=20), nullable=False),
        sa.Column("provider", sa.String(length=160), nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_certificates_booking_id_bookings")
        ),
        sa.ForeignKeyConstraint(
            ["replaces_id"],
            ["certificates.id"],
            name=op.f("fk_certificates_replaces_id_certificates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificates")),
        sa.UniqueConstraint("code", name=op.f("uq_certificates_code")),
    )
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_certificates_booking_id"), ["booking_id"], unique=False
        )

    op.create_table(
        "evaluation_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("learner_name", sa.String(length=120), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("address_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_evaluation_responses_booking_id_bookings"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_sessions.id"],
            name=op.f("fk_evaluation_responses_session_id_training_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_responses")),
    )
    with op.batch_alter_table("evaluation_responses", schema=None) as batch_op:
        batch_op.create_index("ix_evaluation_responses_session_id", ["session_id"], unique=False)

    op.create_table(
        "learner_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("to_addr", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("message", sa.LargeBinary(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_learner_messages_booking_id_bookings"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learner_messages")),
        sa.UniqueConstraint("key", name=op.f("uq_learner_messages_key")),
    )
    with op.batch_alter_table("learner_messages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_learner_messages_booking_id"), ["booking_id"], unique=False
        )
        batch_op.create_index("ix_learner_messages_unsent", ["sent_at", "id"], unique=False)

    op.create_table(
        "evaluation_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("before", sa.Integer(), nullable=True),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "before BETWEEN 1 AND 5", name=op.f("ck_evaluation_answers_before_range")
        ),
        sa.CheckConstraint("value BETWEEN 0 AND 5", name=op.f("ck_evaluation_answers_value_range")),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["evaluation_questions.id"],
            name=op.f("fk_evaluation_answers_question_id_evaluation_questions"),
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["evaluation_responses.id"],
            name=op.f("fk_evaluation_answers_response_id_evaluation_responses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_answers")),
    )
    with op.batch_alter_table("evaluation_answers", schema=None) as batch_op:
        batch_op.create_index("ix_evaluation_answers_question_id", ["question_id"], unique=False)
        batch_op.create_index("ix_evaluation_answers_response_id", ["response_id"], unique=False)

    add_default_questions()


def downgrade():
    op.execute("DELETE FROM user_roles WHERE role = 'employer'")
    with op.batch_alter_table("evaluation_answers", schema=None) as batch_op:
        batch_op.drop_index("ix_evaluation_answers_response_id")
        batch_op.drop_index("ix_evaluation_answers_question_id")

    op.drop_table("evaluation_answers")
    with op.batch_alter_table("learner_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_learner_messages_unsent")
        batch_op.drop_index(batch_op.f("ix_learner_messages_booking_id"))

    op.drop_table("learner_messages")
    with op.batch_alter_table("evaluation_responses", schema=None) as batch_op:
        batch_op.drop_index("ix_evaluation_responses_session_id")

    op.drop_table("evaluation_responses")
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificates_booking_id"))

    op.drop_table("certificates")
    with op.batch_alter_table("booking_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_booking_requests_email_at")
        batch_op.drop_index("ix_booking_requests_address_at")

    op.drop_table("booking_requests")
    op.drop_table("part_one_uploads")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_index("ix_bookings_session_status")
        batch_op.drop_index("ix_bookings_learner_id")
        batch_op.drop_index("ix_bookings_employer_id")

    op.drop_table("bookings")
    with op.batch_alter_table("learners", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_learners_employer_id"))

    op.drop_table("learners")
    with op.batch_alter_table("employer_contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employer_contacts_employer_id"))

    op.drop_table("employer_contacts")
    op.drop_table("booking_settings")
    op.drop_table("evaluation_questions")
    op.drop_table("employers")
    allow_roles(ROLES_BEFORE)
