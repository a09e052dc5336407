"""Merge organisation → location → person rule settings into one RuleSet.

Each layer is the JSON-shaped mapping stored with that record:

    {"min_rest": {"enabled": true, "severity": "hard", "params": {"hours": 10}}}

Every key is optional at every layer; a later layer wins field by field, and
parameters merge key by key, so a person override of `{"params": {"hours": 9}}`
keeps the location's severity. Invalid settings raise `RuleConfigError` naming
the offending path, so an endpoint can answer with a 4xx naming the field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from shiftwise.scheduling.rules.config import (
    DEFAULT_RULES,
    ParamValue,
    RuleCode,
    RuleConfig,
    RuleSet,
    Severity,
)


class RuleConfigError(ValueError):
    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True)
class RuleOverride:
    """One layer's partial settings of one rule."""

    enabled: bool | None = None
    severity: Severity | None = None
    params: Mapping[str, ParamValue] = field(default_factory=dict)


Overrides = Mapping[RuleCode, RuleOverride]


def _number(path: str, value: object, *, minimum: float, nullable: bool) -> None:
    if value is None and nullable:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RuleConfigError(path, "must be a number" + (" or null" if nullable else ""))
    if value < minimum:
        raise RuleConfigError(path, f"must be at least {minimum:g}")


def _integer(path: str, value: object, *, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleConfigError(path, "must be a whole number")
    if value < minimum:
        raise RuleConfigError(path, f"must be at least {minimum}")


def _pairs(path: str, value: object) -> None:
    if not isinstance(value, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(k, str) and k for k in p)
        for p in value
    ):
        raise RuleConfigError(
            path, 'must be a list of [kind, kind] pairs, e.g. [["night", "early"]]'
        )


def _weekdays(path: str, value: object) -> None:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6 for d in value)
    ):
        raise RuleConfigError(path, "must be a non-empty list of weekdays 0..6 (0 = Monday)")


_Check = Callable[[str, object], None]


def _hours(nullable: bool = False) -> _Check:
    return lambda path, v: _number(path, v, minimum=0, nullable=nullable)


def _count(minimum: int = 1) -> _Check:
    return lambda path, v: _integer(path, v, minimum=minimum)


PARAM_CHECKS: Mapping[RuleCode, Mapping[str, _Check]] = {
    RuleCode.min_rest: {"hours": _hours()},
    RuleCode.max_shift_length: {"hours": _hours()},
    RuleCode.max_hours_per_day: {"hours": _hours()},
    RuleCode.max_hours_per_week: {"hours": _hours()},
    RuleCode.max_hours_per_period: {"hours": _hours(nullable=True)},
    RuleCode.min_hours_per_period: {"hours_per_week": _hours(nullable=True)},
    RuleCode.max_consecutive_days: {"days": _count()},
    RuleCode.min_consecutive_days_off: {"days": _count()},
    RuleCode.max_weekends: {"weekends": _count(0), "weeks": _count(), "weekend_days": _weekdays},
    RuleCode.forbidden_succession: {"pairs": _pairs, "within_hours": _hours()},
    RuleCode.overtime: {
        "hours_per_week": _hours(),
        "multiplier": lambda path, v: _number(path, v, minimum=0, nullable=False),
    },
}


def parse_overrides(
    raw: Mapping[str, Any] | None, *, prefix: str = ""
) -> dict[RuleCode, RuleOverride]:
    """Validate one layer's stored settings; errors name e.g. `min_rest.params.hours`."""
    parsed: dict[RuleCode, RuleOverride] = {}
    for key, body in (raw or {}).items():
        path = f"{prefix}{key}"
        try:
            code = RuleCode(key)
        except ValueError:
            raise RuleConfigError(path, "unknown rule") from None
        if not isinstance(body, Mapping):
            raise RuleConfigError(path, "must be an object")
        unknown = set(body) - {"enabled", "severity", "params"}
        if unknown:
            raise RuleConfigError(f"{path}.{sorted(unknown)[0]}", "unknown field")
        enabled = body.get("enabled")
        if enabled is not None and not isinstance(enabled, bool):
            raise RuleConfigError(f"{path}.enabled", "must be true or false")
        severity_raw = body.get("severity")
        try:
            severity = None if severity_raw is None else Severity(severity_raw)
        except ValueError:
            raise RuleConfigError(f"{path}.severity", "must be 'hard' or 'soft'") from None
        params = body.get("params")
        if params is None:
            params = {}
        if not isinstance(params, Mapping):
            raise RuleConfigError(f"{path}.params", "must be an object")
        checks = PARAM_CHECKS.get(code, {})
        for name, value in params.items():
            if name not in checks:
                raise RuleConfigError(f"{path}.params.{name}", "unknown parameter")
            checks[name](f"{path}.params.{name}", value)
        parsed[code] = RuleOverride(enabled, severity, MappingProxyType(dict(params)))
    return parsed


def merge(base: RuleSet, *layers: Overrides) -> RuleSet:
    """Apply layers in order (organisation, location, person) over `base`."""
    rules = dict(base.rules)
    for layer in layers:
        for code, override in layer.items():
            current = rules[code]
            params = dict(current.params)
            params.update(override.params)
            rules[code] = RuleConfig(
                current.enabled if override.enabled is None else override.enabled,
                current.severity if override.severity is None else override.severity,
                MappingProxyType(params),
            )
    return RuleSet(MappingProxyType(rules), base.week_start)


def resolve_rules(
    organisation: Mapping[str, Any] | None = None,
    location: Mapping[str, Any] | None = None,
    person: Mapping[str, Any] | None = None,
    *,
    week_start: int = 0,
) -> RuleSet:
    """The effective RuleSet: defaults ← organisation ← location ← person."""
    layers = [
        parse_overrides(organisation, prefix="organisation."),
        parse_overrides(location, prefix="location."),
        parse_overrides(person, prefix="person."),
    ]
    return merge(RuleSet(DEFAULT_RULES, week_start), *layers)
