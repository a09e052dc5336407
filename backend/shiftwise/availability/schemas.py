from __future__ import annotations

import uuid
from datetime import date, datetime, time

from pydantic import Field

from shiftwise.kit.schemas import ReadSchema, Schema
from shiftwise.models import AvailabilityStatus

_TIMES = (
    "Local wall time at the location of the shift being judged. An end_time at or "
    "before start_time runs into the next day (22:00–06:00); 00:00–00:00 is the whole day."
)


class SlotIn(Schema):
    weekday: int = Field(ge=0, le=6, description="0 = Monday … 6 = Sunday")
    start_time: time = Field(examples=["09:00"], description=_TIMES)
    end_time: time = Field(examples=["17:00"], description=_TIMES)
    status: AvailabilityStatus


class PatternReplace(Schema):
    slots: list[SlotIn] = Field(
        max_length=100,
        description="The whole weekly pattern; slots may not overlap (a night slot counts "
        "into the next day). An empty list clears the pattern.",
    )


class Slot(ReadSchema):
    id: uuid.UUID
    weekday: int
    start_time: time
    end_time: time
    status: AvailabilityStatus


class Pattern(ReadSchema):
    person_id: uuid.UUID
    slots: list[Slot]


class ExceptionCreate(Schema):
    exception_date: date = Field(description="Local date the exception replaces the pattern on")
    start_time: time | None = Field(
        default=None, description="Give both times or neither (the whole day). " + _TIMES
    )
    end_time: time | None = Field(default=None, description="See start_time.")
    status: AvailabilityStatus
    note: str | None = Field(default=None, max_length=500)


class AvailabilityExceptionRead(ReadSchema):
    id: uuid.UUID
    person_id: uuid.UUID
    exception_date: date
    start_time: time | None
    end_time: time | None
    status: AvailabilityStatus
    note: str | None
    created_at: datetime


class Availability(ReadSchema):
    person_id: uuid.UUID
    display_name: str
    start_date: date
    end_date: date = Field(description="Inclusive")
    slots: list[Slot] = Field(description="The weekly pattern, by weekday and start time")
    exceptions: list[AvailabilityExceptionRead] = Field(
        description="Dated exceptions from start_date to end_date; any exception on a date "
        "replaces that date's weekly pattern"
    )
