"""facts versions

Per-person counters (`people.facts_version`) and a per-organisation epoch
(`organisations.facts_epoch`) bumped with the schedule version: a week grid rebuilt after
a write re-judges only the people whose facts the write changed (docs/adr/0009).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 18:44:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("facts_epoch", sa.BigInteger(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("facts_version", sa.BigInteger(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("facts_version")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_column("facts_epoch")
