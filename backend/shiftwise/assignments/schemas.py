from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from shiftwise.errors import Violation
from shiftwise.kit.schemas import Page, ReadSchema, Schema
from shiftwise.models import AssignmentSource, AssignmentState


class AssignmentCreate(Schema):
    person_id: uuid.UUID
    override_reason: str | None = Field(
        default=None,
        min_length=1,
        max_length=1000,
        description="Written reason to override an overridable hard rule (e.g. an expired skill)",
    )


class Assignment(ReadSchema):
    id: uuid.UUID
    shift_id: uuid.UUID
    location_id: uuid.UUID
    person_id: uuid.UUID
    person_display_name: str
    starts_at: datetime
    ends_at: datetime
    source: AssignmentSource
    state: AssignmentState
    override_reason: str | None
    created_by_user_id: uuid.UUID | None
    cancelled_at: datetime | None
    created_at: datetime
    updated_at: datetime


class AssignmentCreated(ReadSchema):
    assignment: Assignment
    warnings: list[Violation] = Field(
        description="Soft violations, and hard ones overridden with a written reason"
    )


AssignmentPage = Page[Assignment]
