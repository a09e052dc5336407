from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field, field_validator

from shiftwise.kit.schemas import ReadSchema, Schema


class SkillCreate(Schema):
    name: str = Field(min_length=1, max_length=200, examples=["Registered nurse"])
    description: str | None = Field(default=None, max_length=1000)


class SkillUpdate(Schema):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=1000)

    @field_validator("name")
    @classmethod
    def _not_null(cls, value: str | None) -> str:
        if value is None:
            raise ValueError("may not be null")
        return value


class Skill(ReadSchema):
    id: uuid.UUID
    name: str
    description: str | None
    created_at: datetime
    updated_at: datetime
