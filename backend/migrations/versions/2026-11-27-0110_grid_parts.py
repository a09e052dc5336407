"""grid parts

What a week grid was last built from (each shown person's row and violations), kept in
the database so every API process, and a process just started, rebuilds a grid by
re-judging only the people whose facts changed; the worker keeps the current weeks'
parts judged after a rules change (schedule/stored.py, docs/adr/0011).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 01:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "grid_parts",
        sa.Column("location_id", sa.Uuid(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("facts_epoch", sa.BigInteger(), nullable=False),
        sa.Column("fingerprint", sa.String(length=32), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("parts", sa.LargeBinary(), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["locations.id"],
            name=op.f("fk_grid_parts_location_id_locations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_grid_parts_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("location_id", "start_date", "days", name=op.f("pk_grid_parts")),
    )
    with op.batch_alter_table("grid_parts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_grid_parts_organisation_id"), ["organisation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("grid_parts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_grid_parts_organisation_id"))
    op.drop_table("grid_parts")
