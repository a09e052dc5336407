"""schedule version

A per-organisation counter bumped in the same transaction as every write that can
change a schedule grid; the grid's server-side cache and its ETag are keyed by it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 16:22:42.470762
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("schedule_version", sa.BigInteger(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_column("schedule_version")
