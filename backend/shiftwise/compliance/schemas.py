from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field, JsonValue

from shiftwise.kit.schemas import ReadSchema, Schema
from shiftwise.scheduling.rules import RuleCode, Severity

Scope = Literal["organisation", "location", "person"]


class RuleOverride(Schema):
    """One rule's settings in a layer; every field optional (unset = inherited)."""

    enabled: bool | None = None
    severity: Severity | None = None
    params: dict[str, JsonValue] = Field(
        default_factory=dict,
        description="Parameters merged key by key over the layer below, e.g. {'hours': 11}",
    )


class RuleLayerUpdate(Schema):
    rules: dict[RuleCode, RuleOverride] = Field(
        description="The whole layer: rules left out inherit from the layer below"
    )


class RuleOverrideRead(ReadSchema):
    enabled: bool | None = None
    severity: Severity | None = None
    params: dict[str, JsonValue] = Field(default_factory=dict)


class RuleSetting(ReadSchema):
    """One rule's effective settings."""

    enabled: bool
    severity: Severity
    params: dict[str, JsonValue]


class RuleLayer(ReadSchema):
    scope: Scope
    location_id: uuid.UUID | None = Field(
        description="The location; for a person, their home location (if any)"
    )
    person_id: uuid.UUID | None
    rules: dict[RuleCode, RuleOverrideRead] = Field(description="This layer's own settings")
    effective: dict[RuleCode, RuleSetting] = Field(
        description=(
            "Defaults ← organisation ← location ← person for this scope (a person's "
            "through their home location)"
        )
    )
    updated_at: datetime | None = Field(description="None while the layer was never set")


class ComplianceRules(ReadSchema):
    week_start: int = Field(description="The organisation's week start, 0 = Monday")
    location_id: uuid.UUID | None
    person_id: uuid.UUID | None
    defaults: dict[RuleCode, RuleSetting]
    organisation: dict[RuleCode, RuleOverrideRead]
    location: dict[RuleCode, RuleOverrideRead] | None = Field(
        default=None, description="The location's layer, when location_id is given"
    )
    person: dict[RuleCode, RuleOverrideRead] | None = Field(
        default=None, description="The person's layer, when person_id is given"
    )
    effective: dict[RuleCode, RuleSetting] = Field(
        description="The rules that apply to this location and person"
    )
