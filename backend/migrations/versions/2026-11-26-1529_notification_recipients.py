"""notification recipients without a person profile

A notification, a delivery and a preference row belong to exactly one recipient: a
person, or a login (user) that has no person profile (a coordinator or an admin).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 15:29:26.592265
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ONE_RECIPIENT = (
    "(person_id IS NOT NULL AND user_id IS NULL) OR (person_id IS NULL AND user_id IS NOT NULL)"
)


def upgrade() -> None:
    for table in ("notification_deliveries", "notifications"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("user_id", sa.Uuid(), nullable=True))
            batch_op.alter_column("person_id", existing_type=sa.Uuid(), nullable=True)
            batch_op.create_index(f"ix_{table}_user_created", ["user_id", "created_at"])
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{table}_user_id_users"),
                "users",
                ["user_id"],
                ["id"],
                ondelete="CASCADE",
            )
            batch_op.create_check_constraint("one_recipient", ONE_RECIPIENT)

    # Preferences were keyed by person; they get their own id (a person's existing row
    # keeps the person's id, which is unique) so a row can belong to a login instead.
    with op.batch_alter_table("notification_preferences", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("id", sa.Uuid(), nullable=True))
    op.execute("UPDATE notification_preferences SET id = person_id")
    with op.batch_alter_table("notification_preferences", schema=None) as batch_op:
        batch_op.drop_constraint("pk_notification_preferences", type_="primary")
        batch_op.alter_column("id", existing_type=sa.Uuid(), nullable=False)
        batch_op.alter_column("person_id", existing_type=sa.Uuid(), nullable=True)
        batch_op.create_primary_key("pk_notification_preferences", ["id"])
        batch_op.create_unique_constraint(
            batch_op.f("uq_notification_preferences_person_id"), ["person_id"]
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_notification_preferences_user_id"), ["user_id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_notification_preferences_user_id_users"),
            "users",
            ["user_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_check_constraint("one_recipient", ONE_RECIPIENT)


def downgrade() -> None:
    # Rows addressed to a login cannot be kept in the person-only schema.
    for table in ("notification_preferences", "notifications", "notification_deliveries"):
        op.execute(f"DELETE FROM {table} WHERE person_id IS NULL")

    with op.batch_alter_table("notification_preferences", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("ck_notification_preferences_one_recipient"), type_="check"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_notification_preferences_user_id_users"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("uq_notification_preferences_user_id"), type_="unique")
        batch_op.drop_constraint(
            batch_op.f("uq_notification_preferences_person_id"), type_="unique"
        )
        batch_op.drop_constraint("pk_notification_preferences", type_="primary")
        batch_op.alter_column("person_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.create_primary_key("pk_notification_preferences", ["person_id"])
        batch_op.drop_column("id")
        batch_op.drop_column("user_id")

    for table in ("notifications", "notification_deliveries"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f"ck_{table}_one_recipient"), type_="check")
            batch_op.drop_constraint(batch_op.f(f"fk_{table}_user_id_users"), type_="foreignkey")
            batch_op.drop_index(f"ix_{table}_user_created")
            batch_op.alter_column("person_id", existing_type=sa.Uuid(), nullable=False)
            batch_op.drop_column("user_id")
