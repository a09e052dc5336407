from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Enum, ForeignKey, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from shiftwise.models.base import Base, IdMixin, TimestampMixin


class ScheduleRunState(enum.StrEnum):
    queued = "queued"
    running = "running"
    succeeded = "succeeded"
    failed = "failed"
    cancelled = "cancelled"
    accepted = "accepted"
    discarded = "discarded"


class ScheduleRunMode(enum.StrEnum):
    fill = "fill"  # existing assignments stay; open seats are filled
    replan = "replan"  # existing assignments may move, each change at a cost


class ScheduleRun(IdMixin, TimestampMixin, Base):
    """One auto-scheduler run: what was asked, its progress, and the proposal it made.

    The job (shiftwise.schedule_runs.tasks) writes progress and the proposal here in its
    own short transactions; `cancel_requested` is how a request stops a running search.
    """

    __tablename__ = "schedule_runs"
    __table_args__ = (Index("ix_schedule_runs_org_created", "organisation_id", "created_at"),)

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    created_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    start_date: Mapped[date]
    days: Mapped[int]
    time_limit_s: Mapped[int]
    mode: Mapped[ScheduleRunMode] = mapped_column(
        Enum(ScheduleRunMode, native_enum=False, length=20, name="schedule_run_mode")
    )
    state: Mapped[ScheduleRunState] = mapped_column(
        Enum(ScheduleRunState, native_enum=False, length=20, name="schedule_run_state"),
        default=ScheduleRunState.queued,
    )
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    objective: Mapped[int | None]
    bound: Mapped[int | None]
    gap: Mapped[float | None]
    elapsed_s: Mapped[float | None]
    message: Mapped[str | None] = mapped_column(String(2000))
    proposal: Mapped[dict[str, Any] | None]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decided_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )


# The locations a run plans (a run may span several); listing by location reads this.
schedule_run_locations = Table(
    "schedule_run_locations",
    Base.metadata,
    Column("run_id", ForeignKey("schedule_runs.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "location_id",
        ForeignKey("locations.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)
