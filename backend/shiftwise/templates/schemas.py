from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Literal

from pydantic import Field, field_validator

from shiftwise.kit.schemas import Page, ReadSchema, Schema
from shiftwise.shifts.schemas import MAX_HEADCOUNT, Shift
from shiftwise.templates.recurrence import RecurrenceError, normalise_rule

# Local dates a template may use; the recurrence library stops at year 9999 anyway.
EARLIEST = date(2000, 1, 1)
LATEST = date(2199, 12, 31)
MAX_GENERATE_DAYS = 366


def _rule(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return normalise_rule(value)
    except RecurrenceError as exc:
        raise ValueError(exc.message) from exc


def _whole_minutes(value: time | None) -> time | None:
    if value is not None and (value.second or value.microsecond or value.tzinfo):
        raise ValueError("Give a local time in whole minutes, e.g. 07:00, without an offset")
    return value


class TemplateCreate(Schema):
    location_id: uuid.UUID
    skill_id: uuid.UUID | None = None
    name: str = Field(min_length=1, max_length=200)
    rrule: str = Field(
        max_length=1000,
        examples=["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"],
        description="RFC 5545 RRULE, expanded in the location's time zone",
    )
    starts_on_date: date = Field(ge=EARLIEST, le=LATEST)
    until_date: date | None = Field(default=None, ge=EARLIEST, le=LATEST)
    start_time: time = Field(examples=["22:00"], description="Local wall time")
    end_time: time = Field(
        examples=["06:00"], description="Local wall time; at or before start_time = next day"
    )
    break_minutes: int = Field(default=0, ge=0, le=1440)
    headcount: int = Field(default=1, ge=1, le=MAX_HEADCOUNT)
    notes: str | None = Field(default=None, max_length=2000)

    _check_rule = field_validator("rrule")(_rule)
    _check_times = field_validator("start_time", "end_time")(_whole_minutes)


class TemplateUpdate(Schema):
    """Only the fields sent change; with `apply_from_date`, so do its generated shifts.

    `apply_from_date` is the "all future" scope: the template's non-detached draft
    shifts without assignments from that local date on are brought in line (moved,
    created or removed); published or staffed ones are left as they are and reported.
    Without it only the template changes (shifts generated later follow it). To change
    just one shift ("this shift"), PATCH /shifts/{id}: it becomes detached.
    """

    skill_id: uuid.UUID | None = None
    name: str | None = Field(default=None, min_length=1, max_length=200)
    rrule: str | None = Field(default=None, max_length=1000)
    starts_on_date: date | None = Field(default=None, ge=EARLIEST, le=LATEST)
    until_date: date | None = Field(default=None, ge=EARLIEST, le=LATEST)
    start_time: time | None = None
    end_time: time | None = None
    break_minutes: int | None = Field(default=None, ge=0, le=1440)
    headcount: int | None = Field(default=None, ge=1, le=MAX_HEADCOUNT)
    notes: str | None = Field(default=None, max_length=2000)
    apply_from_date: date | None = Field(default=None, ge=EARLIEST, le=LATEST)

    _check_rule = field_validator("rrule")(_rule)
    _check_times = field_validator("start_time", "end_time")(_whole_minutes)


class Template(ReadSchema):
    id: uuid.UUID
    location_id: uuid.UUID
    skill_id: uuid.UUID | None
    name: str
    rrule: str
    starts_on_date: date
    until_date: date | None
    start_time: time
    end_time: time
    break_minutes: int
    headcount: int
    notes: str | None
    archived_at: datetime | None
    created_at: datetime
    updated_at: datetime


TemplatePage = Page[Template]


class GenerateRequest(Schema):
    start_date: date = Field(ge=EARLIEST, le=LATEST, description="First local date, inclusive")
    end_date: date = Field(ge=EARLIEST, le=LATEST, description="Last local date, inclusive")


SkipReason = Literal[
    "already_generated",
    "no_real_length",
    "too_long",
    "break_too_long",
    "published",
    "assigned",
]


class SkippedOccurrence(Schema):
    occurrence_date: date
    reason: SkipReason
    shift_id: uuid.UUID | None = None


class GenerateResult(Schema):
    created: list[Shift]
    skipped: list[SkippedOccurrence] = Field(
        description="Occurrences not created: already generated, or not a valid shift"
    )


class TemplateUpdated(Schema):
    template: Template
    updated: list[Shift] = Field(description="Draft shifts moved in line with the template")
    created: list[Shift] = Field(description="Shifts for dates the new pattern adds")
    removed_shift_ids: list[uuid.UUID] = Field(
        description="Draft shifts on dates the new pattern no longer has (deleted)"
    )
    left: list[SkippedOccurrence] = Field(
        description="Published or staffed shifts left unchanged; change them one by one"
    )
