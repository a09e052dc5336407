from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from pydantic import Field

from shiftwise.errors import Violation
from shiftwise.kit.schemas import Schema
from shiftwise.shifts.schemas import Shift, ShiftCreate

MAX_BULK = 500
MAX_PERIOD_DAYS = 62


class BulkCreate(Schema):
    shifts: list[ShiftCreate] = Field(min_length=1, max_length=MAX_BULK)


class BulkCreated(Schema):
    items: list[Shift]


class CopyRequest(Schema):
    location_id: uuid.UUID
    from_start_date: date = Field(description="First local date of the period copied")
    to_start_date: date = Field(description="First local date of the period copied into")
    days: int = Field(default=7, ge=1, le=MAX_PERIOD_DAYS)
    include_assignments: bool = Field(
        default=False, description="Also copy assignments that pass every rule (not yet)"
    )


CopySkipReason = Literal["too_long", "no_real_length", "break_too_long"]


class CopySkipped(Schema):
    source_shift_id: uuid.UUID
    reason: CopySkipReason


class AssignmentNotCopied(Schema):
    """An assignment of the copied period the rules (or a full seat) kept from the copy."""

    source_shift_id: uuid.UUID
    person_id: uuid.UUID
    error: str = Field(description="The refusal's error code, e.g. rule_violation")
    detail: str
    violations: list[Violation] = Field(default_factory=list)


class CopyResult(Schema):
    created: list[Shift]
    skipped: list[CopySkipped]
    copied_assignment_ids: list[uuid.UUID] = Field(default_factory=list)
    assignments_not_copied: list[AssignmentNotCopied] = Field(default_factory=list)


class CancelPeriod(Schema):
    location_id: uuid.UUID
    start_date: date = Field(description="First local date; shifts starting in the period")
    days: int = Field(default=1, ge=1, le=MAX_PERIOD_DAYS)
    reason: str | None = Field(default=None, max_length=1000)


class CancelResult(Schema):
    cancelled_shift_ids: list[uuid.UUID]
    cancelled_assignment_ids: list[uuid.UUID]
    notified_person_ids: list[uuid.UUID] = Field(
        description="People told of the cancellation (those on published shifts)"
    )
