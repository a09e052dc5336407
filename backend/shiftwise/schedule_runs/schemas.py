"""What the schedule-run endpoints take and answer; the proposal is stored in this shape."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field

from shiftwise.errors import Violation
from shiftwise.kit.schemas import Page, Schema
from shiftwise.models import ScheduleRunMode, ScheduleRunState


class ScheduleRunCreate(Schema):
    location_ids: list[uuid.UUID] = Field(min_length=1, max_length=50)
    start_date: date = Field(description="First local date of the period")
    days: int = Field(ge=1, le=62, description="Length of the period in days")
    time_limit_s: int = Field(default=30, ge=1, le=600, description="Solver time limit")
    mode: ScheduleRunMode = Field(
        default=ScheduleRunMode.fill,
        description=(
            "fill: existing assignments stay, open seats are filled; replan: existing "
            "assignments may change, each change at a cost (minimal change)"
        ),
    )


class RunProgress(BaseModel):
    objective: int | None = None
    bound: int | None = None
    gap: float | None = Field(default=None, description="(objective - bound) / objective")
    elapsed_s: float | None = None


class OpenReason(enum.StrEnum):
    no_one_qualified = "no_one_qualified"  # nobody holds the (unexpired) skill
    all_blocked = "all_blocked"  # everyone qualified is blocked by a named rule
    too_costly = "too_costly"  # someone could take it, but other terms cost more
    not_proven = "not_proven"  # someone could take it cheaply: the search ran out of time
    refused = "refused"  # the solver filled it, the rule engine refused (see dropped)


class ProposedAssignment(BaseModel):
    shift_id: uuid.UUID
    location_id: uuid.UUID
    location_name: str
    person_id: uuid.UUID
    person_display_name: str
    starts_at: datetime
    ends_at: datetime
    local_date: date


class ProposedRemoval(ProposedAssignment):
    assignment_id: uuid.UUID


class Blocker(BaseModel):
    person_id: uuid.UUID
    person_display_name: str
    rules: list[str] = Field(description="Rule codes that stop this person taking the seat")


class OpenSeat(BaseModel):
    shift_id: uuid.UUID
    location_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    local_date: date
    count: int
    reason: OpenReason
    blocked: list[Blocker] = Field(default_factory=list)


class DroppedAssignment(BaseModel):
    """A pair the solver proposed that the rule engine refused: left out, not shown."""

    assignment: ProposedAssignment
    violations: list[Violation]


class Proposal(BaseModel):
    solver_status: str
    objective: int | None
    bound: int | None
    terms: dict[str, int] = Field(description="The objective, term by term")
    add: list[ProposedAssignment]
    remove: list[ProposedRemoval]
    open_seats: list[OpenSeat]
    dropped: list[DroppedAssignment] = Field(
        description="Proposed by the solver, refused by the rule engine (hard violations)"
    )
    warnings: list[Violation] = Field(
        description="The rule engine's verdict on the schedule with the proposal: soft only"
    )


class ScheduleRun(BaseModel):
    id: uuid.UUID
    location_ids: list[uuid.UUID]
    start_date: date
    days: int
    time_limit_s: int
    mode: ScheduleRunMode
    state: ScheduleRunState
    cancel_requested: bool
    progress: RunProgress
    message: str | None
    created_by_user_id: uuid.UUID | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    decided_at: datetime | None
    decided_by_user_id: uuid.UUID | None
    proposal: Proposal | None


class ScheduleRunSummary(BaseModel):
    """A run in a list: everything but the proposal."""

    id: uuid.UUID
    location_ids: list[uuid.UUID]
    start_date: date
    days: int
    mode: ScheduleRunMode
    state: ScheduleRunState
    progress: RunProgress
    created_at: datetime
    finished_at: datetime | None


ScheduleRunPage = Page[ScheduleRunSummary]


class AcceptResult(BaseModel):
    run: ScheduleRun
    created_assignment_ids: list[uuid.UUID]
    cancelled_assignment_ids: list[uuid.UUID]
    warnings: list[Violation]
