from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field, field_validator

from shiftwise.kit.schemas import ReadSchema, Schema
from shiftwise.kit.time import is_valid_zone


def _zone(value: str | None) -> str | None:
    if value is not None and not is_valid_zone(value):
        raise ValueError(f"'{value}' is not an IANA time zone such as Europe/London")
    return value


class LocationCreate(Schema):
    name: str = Field(min_length=1, max_length=200)
    address: str | None = Field(default=None, max_length=500)
    time_zone: str = Field(examples=["Europe/London"])
    coordinator_user_ids: list[uuid.UUID] = Field(default_factory=list)

    _check_zone = field_validator("time_zone")(_zone)


class LocationUpdate(Schema):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    address: str | None = Field(default=None, max_length=500)
    time_zone: str | None = None
    coordinator_user_ids: list[uuid.UUID] | None = None
    archived: bool | None = None

    _check_zone = field_validator("time_zone")(_zone)


class Location(ReadSchema):
    id: uuid.UUID
    name: str
    address: str | None
    time_zone: str
    archived_at: datetime | None
    coordinator_user_ids: list[uuid.UUID]
    created_at: datetime
    updated_at: datetime
