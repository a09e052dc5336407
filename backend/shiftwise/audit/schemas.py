from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from shiftwise.kit.schemas import ReadSchema


class AuditEntry(ReadSchema):
    id: uuid.UUID
    actor_user_id: uuid.UUID | None
    action: str
    record_type: str
    record_id: uuid.UUID | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None
    request_id: str | None
    created_at: datetime
