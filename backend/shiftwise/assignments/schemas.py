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
        description=(
            "Written reason to override hard rules (not overlap or an inactive person); "
            "coordinators and admins only"
        ),
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


class AssignmentCheck(Schema):
    shift_id: uuid.UUID
    person_id: uuid.UUID
    override_reason: str | None = Field(
        default=None,
        min_length=1,
        max_length=1000,
        description="Check as if this written override reason were given",
    )


class Refusal(ReadSchema):
    error: str = Field(description="The error code the real call would answer with")
    detail: str


class AssignmentCheckResult(ReadSchema):
    violations: list[Violation] = Field(description="Every violation, hard ones first")
    would_succeed: bool = Field(description="Whether assigning now (as asked) would succeed")
    overridable: bool = Field(
        description="Hard violations exist and you may override all of them with a reason"
    )
    refusal: Refusal | None = Field(
        default=None, description="Why the real call would be refused, if it would"
    )


AssignmentPage = Page[Assignment]
