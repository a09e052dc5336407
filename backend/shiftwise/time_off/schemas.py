from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import AwareDatetime, Field

from shiftwise.kit.schemas import Page, ReadSchema, Schema
from shiftwise.models import ShiftState, TimeOffKind, TimeOffState

MAX_DAYS = 366


class TimeOffCreate(Schema):
    person_id: uuid.UUID | None = Field(
        default=None,
        description="Whose time off; default yourself. Coordinators and admins may file "
        "for people they manage.",
    )
    starts_at: AwareDatetime = Field(
        description="First instant off, ISO 8601 with offset (a whole day: local midnight)",
        examples=["2030-07-01T00:00:00+01:00"],
    )
    ends_at: AwareDatetime = Field(
        description=f"Back at work from this instant (exclusive); at most {MAX_DAYS} days "
        "after starts_at",
        examples=["2030-07-15T00:00:00+01:00"],
    )
    kind: TimeOffKind
    reason: str | None = Field(default=None, max_length=1000)


class ApproveBody(Schema):
    release_assignments: bool = Field(
        default=False,
        description="Cancel the person's overlapping assignments (their seats open again). "
        "Without it, approval with overlapping assignments is refused (409 "
        "time_off_conflicts) listing them.",
    )
    note: str | None = Field(default=None, max_length=1000)


class DenyBody(Schema):
    note: str | None = Field(default=None, max_length=1000)


class TimeOffRequest(ReadSchema):
    id: uuid.UUID
    person_id: uuid.UUID
    person_display_name: str
    starts_at: datetime
    ends_at: datetime
    kind: TimeOffKind
    reason: str | None
    state: TimeOffState
    decided_by_user_id: uuid.UUID | None
    decided_at: datetime | None
    decision_note: str | None
    created_at: datetime
    updated_at: datetime


TimeOffRequestPage = Page[TimeOffRequest]


class AffectedAssignment(ReadSchema):
    assignment_id: uuid.UUID
    shift_id: uuid.UUID
    location_id: uuid.UUID
    location_name: str
    time_zone: str
    starts_at: datetime
    ends_at: datetime
    shift_state: ShiftState


class Impact(ReadSchema):
    request_id: uuid.UUID
    person_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    assignments: list[AffectedAssignment] = Field(
        description="The person's live assignments overlapping the period: what approval "
        "with release_assignments would cancel"
    )


class Approved(ReadSchema):
    request: TimeOffRequest
    released_assignments: list[AffectedAssignment]
