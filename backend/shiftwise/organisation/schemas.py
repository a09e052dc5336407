from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import Field, field_validator

from shiftwise.kit.schemas import ReadSchema, Schema
from shiftwise.kit.time import is_valid_zone


class Organisation(ReadSchema):
    id: uuid.UUID
    name: str
    default_time_zone: str
    week_start: int = Field(description="0 = Monday … 6 = Sunday")
    settings: dict[str, Any]
    created_at: datetime
    updated_at: datetime


# Lead times for reminders and nudges stay within four weeks.
MAX_LEAD_HOURS = 24 * 28


class OrganisationSettingsUpdate(Schema):
    """The organisation's settings a change may set. Keys given replace those keys; a
    key set to null is removed (its default applies again). Unknown keys are refused,
    so a misspelt setting is an error rather than silently ignored."""

    # Any JSON: the rule engine's own parser judges it, naming the field it refuses.
    rule_period: Any = Field(
        default=None,
        json_schema_extra={"type": "object"},
        description=(
            'The period per-period rules judge: {"months": 1} (the calendar month, the '
            'default) or {"weeks": n, "anchor_date": "YYYY-MM-DD"} (docs/adr/0005)'
        ),
    )
    auto_approve_shift_requests: bool | None = Field(
        default=None,
        strict=True,
        description="Approve an accepted swap, offer or drop when no rule at all is broken",
    )
    shift_request_cutoff_hours: float | None = Field(
        default=None,
        ge=0,
        le=MAX_LEAD_HOURS,
        description="No request is filed or stays open closer than this to the shift (24)",
    )
    unfilled_shift_warning_hours: list[int] | None = Field(
        default=None,
        min_length=1,
        max_length=5,
        description="Warn coordinators this many hours before a shift with open seats (72, 24)",
    )
    request_waiting_hours: int | None = Field(
        default=None,
        ge=1,
        le=MAX_LEAD_HOURS,
        description="Nudge coordinators about a request accepted this long ago (24)",
    )

    retention_months: int | None = Field(
        default=None,
        ge=1,
        le=120,
        description="Months after which inactive people's records are purged (12)",
    )

    @field_validator("unfilled_shift_warning_hours")
    @classmethod
    def _leads(cls, value: list[int] | None) -> list[int] | None:
        if value is not None and not all(0 < h <= MAX_LEAD_HOURS for h in value):
            raise ValueError(f"each lead time must be between 1 and {MAX_LEAD_HOURS} hours")
        return value


class OrganisationUpdate(Schema):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    default_time_zone: str | None = Field(default=None, examples=["Europe/London"])
    week_start: int | None = Field(default=None, ge=0, le=6, description="0 = Monday … 6 = Sunday")
    settings: OrganisationSettingsUpdate | None = Field(
        default=None,
        description="Keys given replace those keys; a key set to null is removed",
    )

    @field_validator("default_time_zone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is not None and not is_valid_zone(value):
            raise ValueError(f"'{value}' is not an IANA time zone such as Europe/London")
        return value

    @field_validator("name", "week_start")
    @classmethod
    def _not_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("may not be null")
        return value
