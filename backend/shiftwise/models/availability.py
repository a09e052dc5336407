from __future__ import annotations

import enum
import uuid
from datetime import date, time

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from shiftwise.models.base import Base, IdMixin, TimestampMixin


class AvailabilityStatus(enum.StrEnum):
    available = "available"
    preferred = "preferred"
    unavailable = "unavailable"


_STATUS = Enum(AvailabilityStatus, native_enum=False, length=20, name="availability_status")


class AvailabilitySlot(IdMixin, TimestampMixin, Base):
    """One slot of a person's weekly pattern, in wall time at the shift's location."""

    __tablename__ = "availability_slots"
    __table_args__ = (CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),)

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    weekday: Mapped[int]
    start_time: Mapped[time]
    end_time: Mapped[time]
    status: Mapped[AvailabilityStatus] = mapped_column(_STATUS)


class AvailabilityException(IdMixin, TimestampMixin, Base):
    """A dated exception to the weekly pattern (whole day when no times are given)."""

    __tablename__ = "availability_exceptions"
    __table_args__ = (
        Index("ix_availability_exceptions_person_date", "person_id", "exception_date"),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    exception_date: Mapped[date]
    start_time: Mapped[time | None]
    end_time: Mapped[time | None]
    status: Mapped[AvailabilityStatus] = mapped_column(_STATUS)
    note: Mapped[str | None] = mapped_column(String(500))
