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


class OrganisationUpdate(Schema):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    default_time_zone: str | None = Field(default=None, examples=["Europe/London"])
    week_start: int | None = Field(default=None, ge=0, le=6, description="0 = Monday … 6 = Sunday")
    settings: dict[str, Any] | None = Field(
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
