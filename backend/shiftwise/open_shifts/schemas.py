from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from shiftwise.errors import Violation
from shiftwise.kit.schemas import Page, ReadSchema

# The longest period one list may span: the rule facts are loaded for all of it at once.
MAX_DAYS = 92
DEFAULT_DAYS = 28


class ClaimVerdict(ReadSchema):
    """What the rule engine says about the caller claiming this shift now."""

    allowed: bool = Field(description="No hard rule would refuse the claim")
    violations: list[Violation] = Field(description="Hard violations: why a claim is refused")
    warnings: list[Violation] = Field(description="Soft violations a claim would come with")


class OpenShift(ReadSchema):
    id: uuid.UUID
    location_id: uuid.UUID
    location_name: str
    time_zone: str
    skill_id: uuid.UUID | None
    skill_name: str | None
    starts_at: datetime
    ends_at: datetime
    break_minutes: int
    headcount: int
    assigned_count: int
    open_seats: int
    notes: str | None
    verdict: ClaimVerdict | None = Field(
        description="For staff: whether the rules would let them claim it, and why not. "
        "Null for coordinators and admins, who see every open seat of their locations."
    )


OpenShiftPage = Page[OpenShift]
