"""shift length limit

On PostgreSQL, a shift (and an assignment, which copies its shift's times) lasts at
most 24 hours, as every path that makes shifts already checks (MAX_SHIFT_LENGTH in
models/shift.py). Reads of what overlaps a window bound `starts_at` below by it
(kit/repository.py `overlapping`), so a longer row written past the service would be
missed by the rules: the database refuses it instead. SQLite would need its tables
rebuilt to gain a CHECK; it keeps the service's checks.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 22:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("shifts", "assignments")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT ck_{table}_at_most_a_day "
            "CHECK (ends_at - starts_at <= interval '24 hours')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT ck_{table}_at_most_a_day")
