from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select

from shiftwise.kit.repository import Repository
from shiftwise.models import AuditEntry


class AuditRepository(Repository[AuditEntry]):
    model = AuditEntry
    noun = "audit_entry"

    def search(
        self,
        *,
        record_type: str | None = None,
        record_id: uuid.UUID | None = None,
        actor_user_id: uuid.UUID | None = None,
        action: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> Select[Any]:
        """Newest first; `since` inclusive, `until` exclusive."""
        stmt = self.scoped()
        if record_type is not None:
            stmt = stmt.where(AuditEntry.record_type == record_type)
        if record_id is not None:
            stmt = stmt.where(AuditEntry.record_id == record_id)
        if actor_user_id is not None:
            stmt = stmt.where(AuditEntry.actor_user_id == actor_user_id)
        if action is not None:
            stmt = stmt.where(AuditEntry.action == action)
        if since is not None:
            stmt = stmt.where(AuditEntry.created_at >= since)
        if until is not None:
            stmt = stmt.where(AuditEntry.created_at < until)
        return stmt.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
