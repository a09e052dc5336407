from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from shiftwise.errors import Violation
from shiftwise.kit.schemas import Schema
from shiftwise.models import EmploymentType, ShiftState

MAX_DAYS = 31


class GridLocation(BaseModel):
    id: uuid.UUID
    name: str
    time_zone: str


class GridAssignee(BaseModel):
    """A live assignment as shown on the grid."""

    id: uuid.UUID
    person_id: uuid.UUID
    display_name: str


class GridShift(BaseModel):
    id: uuid.UUID
    skill_id: uuid.UUID | None
    starts_at: datetime
    ends_at: datetime
    local_date: date = Field(description="Local date of the start, in the location's zone")
    break_minutes: int
    paid_minutes: int = Field(description="Real elapsed minutes (DST-true) minus the break")
    headcount: int
    state: ShiftState
    published_at: datetime | None
    notes: str | None
    template_id: uuid.UUID | None
    open_seats: int
    assignments: list[GridAssignee]


class PersonSkillRead(BaseModel):
    skill_id: uuid.UUID
    expires_date: date | None = Field(description="Last valid local date; null = never")


class GridPerson(BaseModel):
    id: uuid.UUID
    display_name: str
    home_location_id: uuid.UUID | None
    employment_type: EmploymentType
    is_active: bool
    skills: list[PersonSkillRead]
    paid_minutes: int = Field(
        description="Paid minutes of all their live assignments (any location) whose "
        "local date is in the period"
    )
    paid_hours: Decimal
    contracted_hours_per_week: Decimal | None
    contracted_hours: Decimal | None = Field(
        description="Contracted hours pro rata for the period (weekly × days / 7)"
    )
    max_hours_per_week: Decimal | None


class ScheduleGrid(BaseModel):
    """A location's period in one answer: shifts, seats, people, hours and violations."""

    location: GridLocation
    start_date: date
    end_date: date = Field(description="Last local date of the period (inclusive)")
    days: int
    starts_at: datetime = Field(description="Local midnight of start_date, as an instant")
    ends_at: datetime = Field(description="Local midnight after end_date, as an instant")
    shifts: list[GridShift]
    people: list[GridPerson]
    violations: list[Violation] = Field(
        description="Every current violation of the people shown involving the period "
        "(records.person_id names the person, records.shift_ids the shifts)"
    )
    open_seats: int


Preference = Literal["preferred", "neutral", "not_preferred"]


class CandidateReasons(BaseModel):
    summary: str = Field(description="The ranking factors in one short sentence")
    violations: list[Violation] = Field(description="What assigning them would break")


class Candidate(BaseModel):
    rank: int = Field(description="1 = best")
    person_id: uuid.UUID
    display_name: str
    home_location_id: uuid.UUID | None
    rule_clean: bool = Field(description="No hard violation")
    overridable: bool = Field(
        description="Every hard violation may be set aside with a written reason"
    )
    hard_violations: int
    soft_violations: int
    preference: Preference
    week_paid_hours: Decimal = Field(
        description="Paid hours already in the shift's week (organisation week start)"
    )
    contracted_hours_per_week: Decimal | None
    hours_below_contract: Decimal | None = Field(
        description="Contracted weekly hours minus week_paid_hours (negative when above)"
    )
    cost: Decimal | None = Field(
        description="Hourly rate × the shift's paid hours, overtime hours at the multiplier"
    )
    overtime_hours: Decimal
    reasons: CandidateReasons


class CandidateList(BaseModel):
    shift_id: uuid.UUID
    week_start_date: date
    total: int = Field(description="Qualified people ranked, before the limit")
    items: list[Candidate]


class PublishRequest(Schema):
    location_id: uuid.UUID
    start_date: date = Field(description="First local date of the period")
    days: int = Field(default=7, ge=1, le=MAX_DAYS)


class PersonNotified(BaseModel):
    person_id: uuid.UUID
    display_name: str
    shift_count: int = Field(description="Their newly published shifts in the period")


class PublishSummary(BaseModel):
    dry_run: bool
    location_id: uuid.UUID
    start_date: date
    end_date: date
    published_shift_count: int
    published_shift_ids: list[uuid.UUID]
    people_notified: list[PersonNotified]
