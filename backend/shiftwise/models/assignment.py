from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from shiftwise.models.base import Base, IdMixin, TimestampMixin


class AssignmentState(enum.StrEnum):
    assigned = "assigned"
    cancelled = "cancelled"


class AssignmentSource(enum.StrEnum):
    manual = "manual"
    auto_schedule = "auto_schedule"
    claim = "claim"
    swap = "swap"
    import_ = "import"


class Assignment(IdMixin, TimestampMixin, Base):
    """A person on a shift. The shift's times are copied here so that the database
    itself can refuse overlapping live assignments of one person (PostgreSQL
    exclusion constraint, created in the migration)."""

    __tablename__ = "assignments"
    __table_args__ = (
        Index(
            "uq_assignments_live_person_shift",
            "shift_id",
            "person_id",
            unique=True,
            postgresql_where=text("state = 'assigned'"),
            sqlite_where=text("state = 'assigned'"),
        ),
        Index("ix_assignments_person_starts", "person_id", "starts_at"),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    shift_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("shifts.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    source: Mapped[AssignmentSource] = mapped_column(
        Enum(
            AssignmentSource,
            native_enum=False,
            length=20,
            name="assignment_source",
            values_callable=lambda e: [m.value for m in e],
        ),
        default=AssignmentSource.manual,
    )
    state: Mapped[AssignmentState] = mapped_column(
        Enum(AssignmentState, native_enum=False, length=20, name="assignment_state"),
        default=AssignmentState.assigned,
    )
    override_reason: Mapped[str | None] = mapped_column(String(1000))
    created_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    cancelled_at: Mapped[datetime | None]
    actual_start_at: Mapped[datetime | None]
    actual_end_at: Mapped[datetime | None]
