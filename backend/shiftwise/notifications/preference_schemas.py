"""Notification preferences in and out: per kind the channels, a zone, quiet hours, reminders."""

from __future__ import annotations

import uuid
from datetime import time
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from shiftwise.kit.schemas import ReadSchema, Schema
from shiftwise.kit.time import is_valid_zone
from shiftwise.notifications.preferences import Channel, MessageKind

MIN_REMINDER_MINUTES = 5
MAX_REMINDER_MINUTES = 7 * 24 * 60
MAX_REMINDERS = 5

ReminderOffset = Annotated[
    int,
    Field(
        ge=MIN_REMINDER_MINUTES,
        le=MAX_REMINDER_MINUTES,
        description="Minutes before a shift's start (5 minutes to 7 days)",
    ),
]


class NotificationPreferencesUpdate(Schema):
    """The whole choice (PUT): what is left out takes the default."""

    channels: dict[MessageKind, list[Channel]] = Field(
        default_factory=dict,
        description="Per kind, the channels to use ([] = none); kinds left out keep the default",
        examples=[{"reminder": ["in_app"], "published": ["in_app", "email"]}],
    )
    time_zone: str | None = Field(
        default=None,
        max_length=64,
        description="IANA zone quiet hours are read in; null follows the home location's",
        examples=["Europe/London"],
    )
    quiet_hours_start: time | None = Field(
        default=None, description="Local wall time quiet hours begin (HH:MM)", examples=["22:00"]
    )
    quiet_hours_end: time | None = Field(
        default=None,
        description="Local wall time they end; may be earlier than the start (wraps midnight)",
        examples=["07:00"],
    )
    reminder_offsets_minutes: list[ReminderOffset] = Field(
        default_factory=lambda: [1440, 120],
        max_length=MAX_REMINDERS,
        description="When to remind before each shift; [] turns reminders off",
    )

    @field_validator("channels")
    @classmethod
    def _no_repeats(
        cls, value: dict[MessageKind, list[Channel]]
    ) -> dict[MessageKind, list[Channel]]:
        for kind, chosen in value.items():
            if len(set(chosen)) != len(chosen):
                raise ValueError(f"{kind.value}: a channel is listed twice")
        return value

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None and not is_valid_zone(value):
            raise ValueError(f"{value!r} is not an IANA time zone (e.g. Europe/London)")
        return value

    @field_validator("quiet_hours_start", "quiet_hours_end")
    @classmethod
    def _wall_time(cls, value: time | None) -> time | None:
        if value is not None and value.tzinfo is not None:
            raise ValueError("a local wall time, without an offset")
        return value

    @field_validator("reminder_offsets_minutes")
    @classmethod
    def _distinct(cls, value: list[int]) -> list[int]:
        if len(set(value)) != len(value):
            raise ValueError("an offset is listed twice")
        return sorted(value, reverse=True)

    @model_validator(mode="after")
    def _both_or_neither(self) -> NotificationPreferencesUpdate:
        start, end = self.quiet_hours_start, self.quiet_hours_end
        if (start is None) != (end is None):
            raise ValueError("quiet_hours_start and quiet_hours_end are given together or not")
        if start is not None and start == end:
            raise ValueError("quiet hours may not start and end at the same time")
        return self


class NotificationPreferences(ReadSchema):
    """The caller's effective preferences: their choices over the defaults."""

    person_id: uuid.UUID | None = Field(description="The caller's person profile, if any")
    channels: dict[MessageKind, list[Channel]] = Field(description="Every kind, as it applies")
    default_channels: dict[MessageKind, list[Channel]]
    available_channels: list[Channel] = Field(
        description=(
            "The channels the caller can be reached on: a login without a person profile "
            "has in_app and email (its login address) only"
        )
    )
    customised_kinds: list[MessageKind] = Field(description="Kinds the person chose themselves")
    time_zone: str = Field(description="The zone quiet hours are read in")
    time_zone_choice: str | None = Field(description="The person's own choice; null follows")
    quiet_hours_start: time | None
    quiet_hours_end: time | None
    reminder_offsets_minutes: list[int]
