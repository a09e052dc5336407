from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from shiftwise.kit.time import utcnow
from shiftwise.models.base import Base, IdMixin
from shiftwise.models.notification import ONE_RECIPIENT


class DeliveryState(enum.StrEnum):
    queued = "queued"  # decided, waiting for its turn (or for quiet hours to end)
    sent = "sent"  # the provider accepted it
    delivered = "delivered"  # the provider reported it delivered (status callback)
    failed = "failed"  # a try failed; it will be retried
    dead = "dead"  # out of tries, or refused for good (bad number, bounced address)
    skipped = "skipped"  # not sent: channel off, contact missing or failing


class NotificationDelivery(IdMixin, Base):
    """One message to one recipient on one channel, and what became of it.

    The recipient is a person, or a login without a person profile (`user_id`).
    `idempotency_key` is deterministic (event, channel, recipient): a job that runs
    twice finds the row and does not send again. Deliveries sent together as one
    grouped message share a `batch_id`.
    """

    __tablename__ = "notification_deliveries"
    __table_args__ = (
        Index("ix_notification_deliveries_org_state", "organisation_id", "state", "created_at"),
        Index("ix_notification_deliveries_person_created", "person_id", "created_at"),
        Index("ix_notification_deliveries_user_created", "user_id", "created_at"),
        Index("ix_notification_deliveries_due", "state", "not_before"),
        CheckConstraint(ONE_RECIPIENT, name="one_recipient"),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    event_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("outbox_events.id", ondelete="SET NULL"), index=True
    )
    channel: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(100))
    idempotency_key: Mapped[str] = mapped_column(String(250), unique=True)
    state: Mapped[DeliveryState] = mapped_column(
        Enum(DeliveryState, native_enum=False, length=20, name="delivery_state"),
        default=DeliveryState.queued,
    )
    batch_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(2000))
    provider_message_id: Mapped[str | None] = mapped_column(String(200), index=True)
    provider_status: Mapped[str | None] = mapped_column(String(50))
    not_before: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    sent_at: Mapped[datetime | None]
