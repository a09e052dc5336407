from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import AwareDatetime, Field

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
    """Only the fields sent are changed; `skill_id` and `notes` may be set to null."""

    skill_id: uuid.UUID | None = None
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    break_minutes: int | None = Field(default=None, ge=0, le=1440)
    headcount: int | None = Field(default=None, ge=1, le=MAX_HEADCOUNT)
    notes: str | None = Field(default=None, max_length=2000)


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


ShiftPage = Page[Shift]
