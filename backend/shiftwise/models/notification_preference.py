from __future__ import annotations

import uuid
from datetime import datetime, time
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from shiftwise.kit.time import utcnow
from shiftwise.models.base import Base, IdMixin, JSONType
from shiftwise.models.notification import ONE_RECIPIENT


class NotificationPreference(IdMixin, Base):
    """How one recipient wants to be told: one row per person (or per login without a
    person profile), absent = the defaults.

    `channels` maps an event kind to the channels it goes to (a kind left out
    takes the product's default); quiet hours are local times in `time_zone`
    (null: the person's home location's zone, else the organisation's); a quiet
    window may wrap midnight (22:00–07:00). Messages due inside it wait for its end.
    """

    __tablename__ = "notification_preferences"
    __table_args__ = (CheckConstraint(ONE_RECIPIENT, name="one_recipient"),)

    person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), unique=True
    )
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True
    )
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    channels: Mapped[dict[str, Any]] = mapped_column(default=dict)
    time_zone: Mapped[str | None] = mapped_column(String(64))
    quiet_hours_start: Mapped[time | None]
    quiet_hours_end: Mapped[time | None]
    # Minutes before a shift's start at which to remind; [] turns reminders off.
    reminder_offsets_minutes: Mapped[list[int]] = mapped_column(
        JSONType, default=lambda: [1440, 120]
    )
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
