from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from shiftwise.kit.schemas import ReadSchema


class DeadLetter(ReadSchema):
    """An outbox row that ran out of attempts (or was refused for good)."""

    id: uuid.UUID
    topic: str
    person_id: uuid.UUID | None
    payload: dict[str, Any]
    attempts: int
    last_error: str | None
    created_at: datetime
    dead_at: datetime | None
    available_at: datetime
