from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import AwareDatetime, Field

from shiftwise.errors import Violation
from shiftwise.kit.schemas import Page, ReadSchema, Schema
from shiftwise.models import ShiftState

MAX_HEADCOUNT = 100


class ShiftCreate(Schema):
    location_id: uuid.UUID
    skill_id: uuid.UUID | None = None
    starts_at: AwareDatetime = Field(examples=["2026-03-02T07:00:00+00:00"])
    ends_at: AwareDatetime = Field(examples=["2026-03-02T15:00:00+00:00"])
    break_minutes: int = Field(default=0, ge=0, le=1440)
    headcount: int = Field(default=1, ge=1, le=MAX_HEADCOUNT)
    notes: str | None = Field(default=None, max_length=2000)


class ShiftUpdate(Schema):
    """Only the fields sent are changed; `skill_id` and `notes` may be set to null.

    Changing the times, the break or the skill of a staffed shift re-checks every
    person on it against the rules, as if placing them again.
    """

    skill_id: uuid.UUID | None = None
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    break_minutes: int | None = Field(default=None, ge=0, le=1440)
    headcount: int | None = Field(default=None, ge=1, le=MAX_HEADCOUNT)
    notes: str | None = Field(default=None, max_length=2000)
    override_reason: str | None = Field(
        default=None,
        max_length=1000,
        description="Coordinators: why the people on the shift may break hard rules after "
        "the change (audited; never covers a double booking)",
    )


class ShiftAssignee(ReadSchema):
    """A live assignment as shown on its shift."""

    id: uuid.UUID
    person_id: uuid.UUID
    display_name: str


class Shift(ReadSchema):
    id: uuid.UUID
    location_id: uuid.UUID
    skill_id: uuid.UUID | None
    starts_at: datetime
    ends_at: datetime
    break_minutes: int
    headcount: int
    notes: str | None
    state: ShiftState
    template_id: uuid.UUID | None
    published_at: datetime | None
    cancelled_at: datetime | None
    created_at: datetime
    updated_at: datetime
    assigned_count: int
    open_seats: int
    assignments: list[ShiftAssignee]


class ShiftUpdated(Shift):
    """The changed shift, and what the rules said about the people on it."""

    warnings: list[Violation] = Field(
        description="Soft violations of the people on the shift, then hard ones overridden "
        "with the reason (records.person_id: whose)"
    )


ShiftPage = Page[Shift]
