from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from shiftwise.kit.time import utcnow
from shiftwise.models.base import Base, IdMixin

# Exactly one recipient: a person profile, or a login without one (a coordinator or
# admin who has no person profile). Shared by the three notification tables.
ONE_RECIPIENT = (
    "(person_id IS NOT NULL AND user_id IS NULL) OR (person_id IS NULL AND user_id IS NOT NULL)"
)


class Notification(IdMixin, Base):
    """A message delivered to an in-app inbox: a person's, or a login's without a person.

    `idempotency_key` is the delivery's deterministic key (event, channel, recipient):
    a redelivered job writes nothing new, so the inbox receives each message once.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_person_created", "person_id", "created_at"),
        Index("ix_notifications_user_created", "user_id", "created_at"),
        CheckConstraint(ONE_RECIPIENT, name="one_recipient"),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The event may be pruned from the outbox later; the message stays.
    event_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("outbox_events.id", ondelete="SET NULL"), index=True
    )
    topic: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    idempotency_key: Mapped[str] = mapped_column(String(250), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
