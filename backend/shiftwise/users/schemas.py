from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import EmailStr, Field, field_validator

from shiftwise.kit.schemas import ReadSchema, Schema
from shiftwise.models import Role


class UserCreate(Schema):
    email: EmailStr
    role: Role
    password: str | None = Field(
        default=None,
        min_length=1,
        max_length=128,
        description="Omit for accounts that sign in with single sign-on only",
    )
    person_id: uuid.UUID | None = Field(default=None, description="The person to link")
    location_ids: list[uuid.UUID] = Field(
        default_factory=list, description="Locations a coordinator runs"
    )


class UserUpdate(Schema):
    role: Role | None = None
    is_active: bool | None = Field(default=None, description="false also ends every session")
    location_ids: list[uuid.UUID] | None = Field(
        default=None, description="Locations a coordinator runs (replaces the list)"
    )

    @field_validator("role", "is_active", "location_ids")
    @classmethod
    def _not_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("may not be null")
        return value


class User(ReadSchema):
    id: uuid.UUID
    email: str
    role: Role
    is_active: bool
    has_password: bool = Field(description="true for a local account with a password")
    single_sign_on: bool = Field(description="true when linked to an external identity")
    person_id: uuid.UUID | None
    location_ids: list[uuid.UUID]
    last_login_at: datetime | None
    created_at: datetime
    updated_at: datetime
