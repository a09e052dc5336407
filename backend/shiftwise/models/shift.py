from __future__ import annotations

import enum
import uuid
from datetime import date, datetime, timedelta

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Index, String, false
from sqlalchemy.orm import Mapped, mapped_column

from shiftwise.models.base import Base, IdMixin, TimestampMixin

# The longest a shift may last. Every path that makes or moves shifts refuses longer
# ones (shifts/service.py `_check_times`, which templates and copies share), and the
# reads of what overlaps a window rely on it (kit/repository.py `overlapping`).
MAX_SHIFT_LENGTH = timedelta(hours=24)


class ShiftState(enum.StrEnum):
    draft = "draft"
    published = "published"
    cancelled = "cancelled"


class Shift(IdMixin, TimestampMixin, Base):
    __tablename__ = "shifts"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("headcount >= 1", name="headcount_positive"),
        CheckConstraint("break_minutes >= 0", name="break_non_negative"),
        Index("ix_shifts_location_starts", "location_id", "starts_at"),
        Index("ix_shifts_org_starts", "organisation_id", "starts_at"),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    location_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locations.id", ondelete="CASCADE"))
    skill_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("skills.id", ondelete="RESTRICT"), index=True
    )
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    break_minutes: Mapped[int] = mapped_column(default=0)
    headcount: Mapped[int] = mapped_column(default=1)
    notes: Mapped[str | None] = mapped_column(String(2000))
    state: Mapped[ShiftState] = mapped_column(
        Enum(ShiftState, native_enum=False, length=20, name="shift_state"),
        default=ShiftState.draft,
    )
    template_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("shift_templates.id", ondelete="SET NULL"), index=True
    )
    # The template occurrence (local date) this shift was generated for; an edited
    # occurrence is detached so "all future" edits of its template leave it alone.
    occurrence_date: Mapped[date | None]
    detached: Mapped[bool] = mapped_column(default=False, server_default=false())
    published_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
