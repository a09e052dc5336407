"""The in-app inbox as the API shows it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import Field

from shiftwise.kit.schemas import ReadSchema


class InboxNotification(ReadSchema):
    id: uuid.UUID
    topic: str = Field(description="What happened, e.g. assignment.created or shift.reminder")
    payload: dict[str, Any] = Field(description="The ids and times the message is about")
    created_at: datetime
    read_at: datetime | None


class UnreadCount(ReadSchema):
    unread: int


class MarkedRead(ReadSchema):
    marked: int = Field(description="How many notifications this call marked read")
    unread: int
