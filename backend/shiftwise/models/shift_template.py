from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from shiftwise.models.base import Base, IdMixin, TimestampMixin


class ShiftTemplate(IdMixin, TimestampMixin, Base):
    """A recurring pattern ("every weekday 07:00–15:00, 3 × Nurse") in local time.

    `rrule` is an RFC 5545 RRULE expanded from `starts_on_date` in the location's time
    zone; an `end_time` not after `start_time` ends on the next local day, so a
    22:00–06:00 night lasts 7 or 9 real hours on the nights the clocks change.
    """

    __tablename__ = "shift_templates"
    __table_args__ = (
        CheckConstraint("headcount >= 1", name="headcount_positive"),
        CheckConstraint("break_minutes >= 0", name="break_non_negative"),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    location_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )
    skill_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("skills.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(200))
    rrule: Mapped[str] = mapped_column(String(1000))
    starts_on_date: Mapped[date]
    until_date: Mapped[date | None]
    start_time: Mapped[time]
    end_time: Mapped[time]
    break_minutes: Mapped[int] = mapped_column(default=0)
    headcount: Mapped[int] = mapped_column(default=1)
    notes: Mapped[str | None] = mapped_column(String(2000))
    archived_at: Mapped[datetime | None]
