from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from shiftwise.assignments.schemas import Assignment
from shiftwise.errors import Violation
from shiftwise.kit.schemas import Page, ReadSchema, Schema
from shiftwise.models import AssignmentState, ShiftRequestKind, ShiftRequestState

# A request lives at most this long, and never past the cut-off before either shift.
LIFETIME_HOURS = 72
DEFAULT_CUTOFF_HOURS = 24


class ShiftRequestCreate(Schema):
    kind: ShiftRequestKind = Field(
        description="swap: your shift for a named colleague's; offer: your shift to a named "
        "colleague; drop: your shift to anyone qualified"
    )
    assignment_id: uuid.UUID = Field(description="Your assignment to swap, offer or drop")
    counterpart_person_id: uuid.UUID | None = Field(
        default=None, description="The colleague (swap and offer only)"
    )
    counterpart_assignment_id: uuid.UUID | None = Field(
        default=None, description="Swap only: the colleague's assignment you take in return"
    )
    note: str | None = Field(default=None, max_length=1000)


class DecisionBody(Schema):
    note: str | None = Field(
        default=None,
        max_length=1000,
        description="Shown to the people in the request as decision_note (and audited)",
    )


class RequestShift(ReadSchema):
    """One assignment a request moves: whose it is and where and when its shift is."""

    assignment_id: uuid.UUID
    assignment_state: AssignmentState
    shift_id: uuid.UUID
    location_id: uuid.UUID
    location_name: str
    time_zone: str
    skill_id: uuid.UUID | None
    starts_at: datetime
    ends_at: datetime
    person_id: uuid.UUID
    person_display_name: str


class RequestVerdict(ReadSchema):
    """The rule engine's verdict on everyone who would gain a shift, when last checked."""

    checked_at: datetime
    allowed: bool = Field(description="No hard rule refuses the change")
    violations: list[Violation] = Field(description="Hard violations (records.person_id: whose)")
    warnings: list[Violation] = Field(description="Soft violations")


class ShiftRequest(ReadSchema):
    id: uuid.UUID
    kind: ShiftRequestKind
    state: ShiftRequestState = Field(
        description="pending or accepted requests past expires_at read as expired"
    )
    shift: RequestShift = Field(description="The requester's assignment being given away")
    requester_person_id: uuid.UUID
    requester_display_name: str
    counterpart_person_id: uuid.UUID | None = Field(
        description="The named colleague, or whoever accepted a drop"
    )
    counterpart_display_name: str | None
    counterpart_shift: RequestShift | None = Field(
        description="Swap: the colleague's assignment the requester takes in return"
    )
    expires_at: datetime
    note: str | None
    verdict: RequestVerdict | None
    accepted_at: datetime | None
    decided_by_user_id: uuid.UUID | None = Field(
        description="Who approved or denied it; null when approved automatically"
    )
    decided_at: datetime | None
    decision_note: str | None = Field(description="What the coordinator wrote when deciding")
    created_at: datetime
    updated_at: datetime


ShiftRequestPage = Page[ShiftRequest]


class ShiftRequestOutcome(ReadSchema):
    """Accepting or approving: the request, what approval created, and the warnings.

    With the organisation's auto-approval on (settings.auto_approve_shift_requests),
    accepting also approves when every rule passes: no hard violation and no soft one
    either, for everyone who would gain a shift. A soft violation leaves the request
    accepted, waiting for a coordinator, with the warnings in its verdict.
    """

    request: ShiftRequest
    assignments: list[Assignment] = Field(
        description="The assignments approval created (empty until approved)"
    )
    warnings: list[Violation] = Field(description="Soft violations of the change")
