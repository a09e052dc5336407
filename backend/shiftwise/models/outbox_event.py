from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from shiftwise.kit.time import utcnow
from shiftwise.models.base import Base, IdMixin


class OutboxEvent(IdMixin, Base):
    """An event decided in a request, written in that request's transaction.

    The relay hands undelivered rows to the job broker after commit; `dedupe_key`
    makes recording the same event twice a no-op and gives deliveries an
    idempotency key. A row is also how a job (an actor and its ids) is enqueued:
    see shiftwise/worker/. Its lifecycle: pending → dispatched → processed, or back
    to pending with a later `available_at` after a failure, or dead after the last.
    """

    __tablename__ = "outbox_events"
    __table_args__ = (
        Index("ix_outbox_events_undispatched", "dispatched_at", "available_at"),
        # The relay's working set: rows neither done nor dead, by when they are due.
        Index(
            "ix_outbox_events_pending",
            "available_at",
            postgresql_where=text("processed_at IS NULL AND dead_at IS NULL"),
            sqlite_where=text("processed_at IS NULL AND dead_at IS NULL"),
        ),
        Index("ix_outbox_events_dead", "organisation_id", "dead_at"),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    topic: Mapped[str] = mapped_column(String(100))
    person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    available_at: Mapped[datetime] = mapped_column(default=utcnow)
    dispatched_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(2000))
    # A worker running the row holds it until then; past it the relay hands it on again.
    lease_until: Mapped[datetime | None]
    # Done (the handler returned) or dead (out of attempts, or refused for good).
    processed_at: Mapped[datetime | None]
    dead_at: Mapped[datetime | None]
