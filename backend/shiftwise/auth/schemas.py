from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from shiftwise.kit.schemas import ReadSchema, Schema
from shiftwise.models import Role


class LoginRequest(Schema):
    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=128)


class Me(ReadSchema):
    user_id: uuid.UUID
    organisation_id: uuid.UUID
    organisation_name: str
    email: str
    role: Role
    person_id: uuid.UUID | None
    display_name: str | None
    location_ids: list[uuid.UUID]


class LoginResponse(ReadSchema):
    me: Me
    csrf_token: str = Field(description="Send as the X-CSRF-Token header on every change")


class ApiTokenCreate(Schema):
    name: str = Field(min_length=1, max_length=100)
    expires_at: datetime | None = None


class ApiTokenRead(ReadSchema):
    id: uuid.UUID
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class ApiTokenCreated(ApiTokenRead):
    token: str = Field(description="Shown once; store it safely")
