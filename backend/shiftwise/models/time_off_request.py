from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from shiftwise.models.base import Base, IdMixin, TimestampMixin


class TimeOffKind(enum.StrEnum):
    vacation = "vacation"
    sick = "sick"
    other = "other"


class TimeOffState(enum.StrEnum):
    pending = "pending"
    approved = "approved"
    denied = "denied"
    cancelled = "cancelled"


class TimeOffRequest(IdMixin, TimestampMixin, Base):
    __tablename__ = "time_off_requests"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        Index("ix_time_off_requests_person_starts", "person_id", "starts_at"),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    kind: Mapped[TimeOffKind] = mapped_column(
        Enum(TimeOffKind, native_enum=False, length=20, name="time_off_kind")
    )
    reason: Mapped[str | None] = mapped_column(String(1000))
    state: Mapped[TimeOffState] = mapped_column(
        Enum(TimeOffState, native_enum=False, length=20, name="time_off_state"),
        default=TimeOffState.pending,
    )
    decided_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(String(1000))
