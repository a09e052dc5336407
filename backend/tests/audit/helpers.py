"""Reading the audit trail back in tests."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from shiftwise.db import Database
from shiftwise.models import AuditEntry


async def entries(database: Database, record_id: uuid.UUID | None = None) -> list[AuditEntry]:
    """Audit entries, oldest first, optionally only those of one record."""
    async with database.session(write=False) as s:
        stmt = select(AuditEntry).order_by(AuditEntry.created_at, AuditEntry.id)
        if record_id is not None:
            stmt = stmt.where(AuditEntry.record_id == record_id)
        return list((await s.scalars(stmt)).all())


async def actions(database: Database, record_id: uuid.UUID | None = None) -> list[str]:
    return [e.action for e in await entries(database, record_id)]
