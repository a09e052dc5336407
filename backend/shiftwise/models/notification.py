from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from shiftwise.kit.time import utcnow
from shiftwise.models.base import Base, IdMixin


class Notification(IdMixin, Base):
    """A message delivered to a person's in-app inbox.

    `idempotency_key` is the delivery's deterministic key (event, channel, person):
    a redelivered job writes nothing new, so the inbox receives each message once.
    """

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_person_created", "person_id", "created_at"),)

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    # The event may be pruned from the outbox later; the message stays.
    event_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("outbox_events.id", ondelete="SET NULL"), index=True
    )
    topic: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    idempotency_key: Mapped[str] = mapped_column(String(250), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
