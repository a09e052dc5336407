"""scheduling core

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 08:58:33.428446
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "shift_templates",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("location_id", sa.Uuid(), nullable=False),
        sa.Column("skill_id", sa.Uuid(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("rrule", sa.String(length=1000), nullable=False),
        sa.Column("starts_on_date", sa.Date(), nullable=False),
        sa.Column("until_date", sa.Date(), nullable=True),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("break_minutes", sa.Integer(), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=False),
        sa.Column("notes", sa.String(length=2000), nullable=True),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "break_minutes >= 0", name=op.f("ck_shift_templates_break_non_negative")
        ),
        sa.CheckConstraint("headcount >= 1", name=op.f("ck_shift_templates_headcount_positive")),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["locations.id"],
            name=op.f("fk_shift_templates_location_id_locations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_shift_templates_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skills.id"],
            name=op.f("fk_shift_templates_skill_id_skills"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift_templates")),
    )
    with op.batch_alter_table("shift_templates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_shift_templates_location_id"), ["location_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_shift_templates_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "availability_exceptions",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("exception_date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "available",
                "preferred",
                "unavailable",
                name="availability_status",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_availability_exceptions_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_availability_exceptions_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_availability_exceptions")),
    )
    with op.batch_alter_table("availability_exceptions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_availability_exceptions_person_date", ["person_id", "exception_date"], unique=False
        )

    op.create_table(
        "availability_slots",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "available",
                "preferred",
                "unavailable",
                name="availability_status",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "weekday BETWEEN 0 AND 6", name=op.f("ck_availability_slots_weekday_range")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_availability_slots_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_availability_slots_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_availability_slots")),
    )
    with op.batch_alter_table("availability_slots", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_availability_slots_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "compliance_rule_settings",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("scope_key", sa.String(length=60), nullable=False),
        sa.Column("location_id", sa.Uuid(), nullable=True),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column(
            "rules",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["locations.id"],
            name=op.f("fk_compliance_rule_settings_location_id_locations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_compliance_rule_settings_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_compliance_rule_settings_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_compliance_rule_settings")),
        sa.UniqueConstraint(
            "organisation_id", "scope_key", name=op.f("uq_compliance_rule_settings_organisation_id")
        ),
    )
    with op.batch_alter_table("compliance_rule_settings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_compliance_rule_settings_organisation_id"),
            ["organisation_id"],
            unique=False,
        )

    op.create_table(
        "outbox_events",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("topic", sa.String(length=100), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column(
            "payload",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("dedupe_key", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("available_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("dispatched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=2000), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_outbox_events_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_outbox_events_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_events")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_outbox_events_dedupe_key")),
    )
    with op.batch_alter_table("outbox_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outbox_events_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outbox_events_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            "ix_outbox_events_undispatched", ["dispatched_at", "available_at"], unique=False
        )

    op.create_table(
        "time_off_requests",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "vacation", "sick", "other", name="time_off_kind", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=1000), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "approved",
                "denied",
                "cancelled",
                name="time_off_state",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("decided_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.String(length=1000), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "ends_at > starts_at", name=op.f("ck_time_off_requests_ends_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_user_id"],
            ["users.id"],
            name=op.f("fk_time_off_requests_decided_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_time_off_requests_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_time_off_requests_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_off_requests")),
    )
    with op.batch_alter_table("time_off_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_time_off_requests_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(
            "ix_time_off_requests_person_starts", ["person_id", "starts_at"], unique=False
        )

    op.create_table(
        "shift_requests",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "swap", "offer", "drop", name="shift_request_kind", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "accepted",
                "approved",
                "denied",
                "cancelled",
                "expired",
                name="shift_request_state",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("assignment_id", sa.Uuid(), nullable=False),
        sa.Column("requester_person_id", sa.Uuid(), nullable=False),
        sa.Column("counterpart_person_id", sa.Uuid(), nullable=True),
        sa.Column("counterpart_assignment_id", sa.Uuid(), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column(
            "verdict",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignments.id"],
            name=op.f("fk_shift_requests_assignment_id_assignments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["counterpart_assignment_id"],
            ["assignments.id"],
            name=op.f("fk_shift_requests_counterpart_assignment_id_assignments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["counterpart_person_id"],
            ["people.id"],
            name=op.f("fk_shift_requests_counterpart_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_user_id"],
            ["users.id"],
            name=op.f("fk_shift_requests_decided_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_shift_requests_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requester_person_id"],
            ["people.id"],
            name=op.f("fk_shift_requests_requester_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift_requests")),
    )
    with op.batch_alter_table("shift_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_shift_requests_assignment_id"), ["assignment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_shift_requests_counterpart_person_id"),
            ["counterpart_person_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_shift_requests_org_state", ["organisation_id", "state"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_shift_requests_requester_person_id"),
            ["requester_person_id"],
            unique=False,
        )

    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("occurrence_date", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("detached", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_shifts_template_id_shift_templates"),
            "shift_templates",
            ["template_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:

    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_shifts_template_id_shift_templates"), type_="foreignkey"
        )
        batch_op.drop_column("detached")
        batch_op.drop_column("occurrence_date")

    with op.batch_alter_table("shift_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shift_requests_requester_person_id"))
        batch_op.drop_index("ix_shift_requests_org_state")
        batch_op.drop_index(batch_op.f("ix_shift_requests_counterpart_person_id"))
        batch_op.drop_index(batch_op.f("ix_shift_requests_assignment_id"))

    op.drop_table("shift_requests")
    with op.batch_alter_table("time_off_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_time_off_requests_person_starts")
        batch_op.drop_index(batch_op.f("ix_time_off_requests_organisation_id"))

    op.drop_table("time_off_requests")
    with op.batch_alter_table("outbox_events", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_events_undispatched")
        batch_op.drop_index(batch_op.f("ix_outbox_events_person_id"))
        batch_op.drop_index(batch_op.f("ix_outbox_events_organisation_id"))

    op.drop_table("outbox_events")
    with op.batch_alter_table("compliance_rule_settings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_compliance_rule_settings_organisation_id"))

    op.drop_table("compliance_rule_settings")
    with op.batch_alter_table("availability_slots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_availability_slots_person_id"))

    op.drop_table("availability_slots")
    with op.batch_alter_table("availability_exceptions", schema=None) as batch_op:
        batch_op.drop_index("ix_availability_exceptions_person_date")

    op.drop_table("availability_exceptions")
    with op.batch_alter_table("shift_templates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shift_templates_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_shift_templates_location_id"))

    op.drop_table("shift_templates")
