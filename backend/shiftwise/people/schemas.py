from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import EmailStr, Field, field_validator

from shiftwise.kit.schemas import ReadSchema, Schema
from shiftwise.models import EmploymentType

PHONE_PATTERN = r"^\+[1-9]\d{6,14}$"

Phone = Annotated[
    str,
    Field(
        pattern=PHONE_PATTERN,
        max_length=16,
        examples=["+447700900123"],
        description="E.164: + then country code and number, digits only",
    ),
]
Money = Annotated[Decimal, Field(ge=0, max_digits=10, decimal_places=2, examples=["15.50"])]
WeeklyHours = Annotated[Decimal, Field(ge=0, le=168, max_digits=5, decimal_places=2)]
ExternalId = Annotated[str, Field(min_length=1, max_length=100)]
TeamsWebhook = Annotated[
    str,
    Field(
        min_length=1,
        max_length=800,
        examples=["https://example.webhook.office.com/webhookb2/…"],
        description=(
            "A personal Teams (Workflows) webhook URL: https, not a loopback, private or "
            "link-local address. Write-only: it is a secret and never shown again"
        ),
    ),
]


class SkillHolding(Schema):
    skill_id: uuid.UUID
    expires_date: date | None = Field(default=None, description="Last valid local day")


class PersonCreate(Schema):
    display_name: str = Field(min_length=1, max_length=200)
    email: EmailStr | None = None
    phone: Phone | None = None
    teams_webhook_url: TeamsWebhook | None = None
    employment_type: EmploymentType
    hourly_rate: Money | None = None
    contracted_hours_per_week: WeeklyHours | None = None
    max_hours_per_week: WeeklyHours | None = None
    home_location_id: uuid.UUID | None = None
    payroll_id: ExternalId | None = None
    directory_id: ExternalId | None = None
    skills: list[SkillHolding] = Field(default_factory=list)


class PersonUpdate(Schema):
    display_name: str | None = Field(default=None, min_length=1, max_length=200)
    email: EmailStr | None = None
    phone: Phone | None = None
    teams_webhook_url: TeamsWebhook | None = Field(default=None, description="null removes it")
    employment_type: EmploymentType | None = None
    hourly_rate: Money | None = None
    contracted_hours_per_week: WeeklyHours | None = None
    max_hours_per_week: WeeklyHours | None = None
    home_location_id: uuid.UUID | None = None
    payroll_id: ExternalId | None = None
    directory_id: ExternalId | None = None
    is_active: bool | None = Field(
        default=None, description="false deactivates the person and disables their login"
    )

    @field_validator("display_name", "employment_type", "is_active")
    @classmethod
    def _not_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("may not be null")
        return value


class EmailLookup(Schema):
    email: str = Field(min_length=3, max_length=320)


class HeldSkill(ReadSchema):
    skill_id: uuid.UUID
    name: str
    expires_date: date | None


class Person(ReadSchema):
    id: uuid.UUID
    display_name: str
    email: str | None = Field(description="null when absent or not visible to the caller")
    phone: str | None = Field(description="null when absent or not visible to the caller")
    contact_visible: bool = Field(
        description="false: the caller may not see this person's contact details"
    )
    teams_webhook_set: bool | None = Field(
        default=None, description="Whether a Teams webhook is stored; null when not visible"
    )
    employment_type: EmploymentType
    hourly_rate: Decimal | None = Field(description="null when absent or not visible")
    pay_visible: bool = Field(description="false: hourly rate and payroll id are withheld")
    contracted_hours_per_week: Decimal | None
    max_hours_per_week: Decimal | None
    skills: list[HeldSkill]
    home_location_id: uuid.UUID | None
    payroll_id: str | None
    directory_id: str | None
    user_id: uuid.UUID | None
    is_active: bool
    inactive_since_date: date | None
    created_at: datetime
    updated_at: datetime
