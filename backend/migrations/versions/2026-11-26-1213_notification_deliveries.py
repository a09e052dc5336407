"""notification deliveries and preferences, request decision notes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 12:13:14.778628
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notification_preferences",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column(
            "channels",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("time_zone", sa.String(length=64), nullable=True),
        sa.Column("quiet_hours_start", sa.Time(), nullable=True),
        sa.Column("quiet_hours_end", sa.Time(), nullable=True),
        sa.Column(
            "reminder_offsets_minutes",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_notification_preferences_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_notification_preferences_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_notification_preferences")),
    )
    with op.batch_alter_table("notification_preferences", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notification_preferences_organisation_id"),
            ["organisation_id"],
            unique=False,
        )

    op.create_table(
        "notification_deliveries",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=100), nullable=False),
        sa.Column("idempotency_key", sa.String(length=250), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "queued",
                "sent",
                "delivered",
                "failed",
                "dead",
                "skipped",
                name="delivery_state",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("batch_id", sa.Uuid(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=2000), nullable=True),
        sa.Column("provider_message_id", sa.String(length=200), nullable=True),
        sa.Column("provider_status", sa.String(length=50), nullable=True),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["outbox_events.id"],
            name=op.f("fk_notification_deliveries_event_id_outbox_events"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_notification_deliveries_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_notification_deliveries_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_deliveries")),
        sa.UniqueConstraint(
            "idempotency_key", name=op.f("uq_notification_deliveries_idempotency_key")
        ),
    )
    with op.batch_alter_table("notification_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notification_deliveries_batch_id"), ["batch_id"], unique=False
        )
        batch_op.create_index(
            "ix_notification_deliveries_due", ["state", "not_before"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_notification_deliveries_event_id"), ["event_id"], unique=False
        )
        batch_op.create_index(
            "ix_notification_deliveries_org_state",
            ["organisation_id", "state", "created_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_notification_deliveries_person_created", ["person_id", "created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_notification_deliveries_provider_message_id"),
            ["provider_message_id"],
            unique=False,
        )

    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("teams_webhook_ciphertext", sa.String(length=1200), nullable=True)
        )
        batch_op.add_column(
            sa.Column("email_failing_since", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("email_failure", sa.String(length=300), nullable=True))
        batch_op.add_column(
            sa.Column("phone_failing_since", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("phone_failure", sa.String(length=300), nullable=True))
        batch_op.add_column(
            sa.Column("teams_failing_since", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("teams_failure", sa.String(length=300), nullable=True))

    with op.batch_alter_table("shift_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decision_note", sa.String(length=1000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("shift_requests", schema=None) as batch_op:
        batch_op.drop_column("decision_note")

    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("teams_failure")
        batch_op.drop_column("teams_failing_since")
        batch_op.drop_column("phone_failure")
        batch_op.drop_column("phone_failing_since")
        batch_op.drop_column("email_failure")
        batch_op.drop_column("email_failing_since")
        batch_op.drop_column("teams_webhook_ciphertext")

    with op.batch_alter_table("notification_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_deliveries_provider_message_id"))
        batch_op.drop_index("ix_notification_deliveries_person_created")
        batch_op.drop_index("ix_notification_deliveries_org_state")
        batch_op.drop_index(batch_op.f("ix_notification_deliveries_event_id"))
        batch_op.drop_index("ix_notification_deliveries_due")
        batch_op.drop_index(batch_op.f("ix_notification_deliveries_batch_id"))

    op.drop_table("notification_deliveries")
    with op.batch_alter_table("notification_preferences", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_preferences_organisation_id"))

    op.drop_table("notification_preferences")
