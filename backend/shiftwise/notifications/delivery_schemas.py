from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from shiftwise.kit.schemas import ReadSchema
from shiftwise.models.notification_delivery import DeliveryState


class NotificationDelivery(ReadSchema):
    """One message to one recipient on one channel, and what became of it (no contact
    details). The recipient is a person, or a login without a person profile."""

    id: uuid.UUID
    person_id: uuid.UUID | None
    user_id: uuid.UUID | None = Field(description="Set when the recipient is a login, not a person")
    event_id: uuid.UUID | None
    channel: str
    kind: str
    state: DeliveryState
    batch_id: uuid.UUID | None
    attempts: int
    last_error: str | None
    provider_message_id: str | None
    provider_status: str | None
    not_before: datetime | None
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
