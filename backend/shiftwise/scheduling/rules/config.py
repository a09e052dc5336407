"""Rule codes, their settings and the documented defaults.

A rule's settings are `enabled`, `severity` and a flat mapping of parameters.
Parameters are plain JSON values (numbers, lists) so the same shape is stored
in organisation / location / person settings and merged by `resolve.py`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

ParamValue = int | float | str | bool | list["ParamValue"] | None


class Severity(enum.StrEnum):
    hard = "hard"
    soft = "soft"


class RuleCode(enum.StrEnum):
    inactive_person = "inactive_person"
    overlap = "overlap"
    unavailable = "unavailable"
    not_preferred = "not_preferred"
    time_off = "time_off"
    skill_required = "skill_required"
    skill_expired = "skill_expired"
    min_rest = "min_rest"
    max_shift_length = "max_shift_length"
    max_hours_per_day = "max_hours_per_day"
    max_hours_per_week = "max_hours_per_week"
    max_hours_per_period = "max_hours_per_period"
    min_hours_per_period = "min_hours_per_period"
    max_consecutive_days = "max_consecutive_days"
    min_consecutive_days_off = "min_consecutive_days_off"
    max_weekends = "max_weekends"
    forbidden_succession = "forbidden_succession"
    overtime = "overtime"


_CODES = frozenset(RuleCode)


@dataclass(frozen=True)
class RuleConfig:
    enabled: bool
    severity: Severity
    params: Mapping[str, ParamValue] = field(default_factory=dict)

    def number(self, name: str) -> float | None:
        value = self.params.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"parameter {name} is not a number")
        return float(value)

    def minutes(self, name: str) -> int | None:
        """An hours parameter as whole minutes, so limits compare exactly."""
        hours = self.number(name)
        return None if hours is None else round(hours * 60)


def _rule(enabled: bool, severity: Severity, **params: ParamValue) -> RuleConfig:
    return RuleConfig(enabled, severity, MappingProxyType(dict(params)))


_H, _S = Severity.hard, Severity.soft

# The documented defaults (docs/adr/0002-rule-engine.md). Hours are real
# elapsed hours minus unpaid breaks; days are local dates of shift starts.
DEFAULT_RULES: Mapping[RuleCode, RuleConfig] = MappingProxyType(
    {
        RuleCode.inactive_person: _rule(True, _H),
        RuleCode.overlap: _rule(True, _H),
        RuleCode.unavailable: _rule(True, _H),
        RuleCode.not_preferred: _rule(True, _S),
        RuleCode.time_off: _rule(True, _H),
        RuleCode.skill_required: _rule(True, _H),
        RuleCode.skill_expired: _rule(True, _H),
        RuleCode.min_rest: _rule(True, _H, hours=11),
        RuleCode.max_shift_length: _rule(True, _H, hours=12),
        RuleCode.max_hours_per_day: _rule(True, _H, hours=12),
        RuleCode.max_hours_per_week: _rule(True, _H, hours=48),
        RuleCode.max_hours_per_period: _rule(False, _H, hours=None),
        # hours_per_week None = the person's contracted hours per week.
        RuleCode.min_hours_per_period: _rule(True, _S, hours_per_week=None),
        RuleCode.max_consecutive_days: _rule(True, _H, days=6),
        RuleCode.min_consecutive_days_off: _rule(False, _S, days=2),
        RuleCode.max_weekends: _rule(True, _S, weekends=2, weeks=4, weekend_days=[5, 6]),
        RuleCode.forbidden_succession: _rule(True, _H, pairs=[["night", "early"]], within_hours=24),
        RuleCode.overtime: _rule(True, _S, hours_per_week=40, multiplier=1.5),
    }
)


@dataclass(frozen=True)
class RuleSet:
    """The effective settings of every rule, plus the organisation's week start."""

    rules: Mapping[RuleCode, RuleConfig] = field(default_factory=lambda: DEFAULT_RULES)
    week_start: int = 0  # 0 = Monday … 6 = Sunday, as date.weekday()

    def __post_init__(self) -> None:
        if not 0 <= self.week_start <= 6:
            raise ValueError("week_start must be 0..6")
        if len(self.rules) != len(_CODES) or not _CODES.issubset(self.rules):
            merged = dict(DEFAULT_RULES)
            merged.update(self.rules)
            object.__setattr__(self, "rules", MappingProxyType(merged))

    def __getitem__(self, code: RuleCode) -> RuleConfig:
        return self.rules[code]

    def with_rule(
        self,
        code: RuleCode,
        *,
        enabled: bool | None = None,
        severity: Severity | None = None,
        **params: ParamValue,
    ) -> RuleSet:
        """A copy with one rule changed (handy in code and tests)."""
        current = self.rules[code]
        merged = dict(current.params)
        merged.update(params)
        changed = replace(
            current,
            enabled=current.enabled if enabled is None else enabled,
            severity=current.severity if severity is None else severity,
            params=MappingProxyType(merged),
        )
        rules = dict(self.rules)
        rules[code] = changed
        return RuleSet(MappingProxyType(rules), self.week_start)

    def only(self, *codes: RuleCode) -> RuleSet:
        """A copy with every rule but `codes` switched off."""
        rules = {c: replace(cfg, enabled=c in codes) for c, cfg in self.rules.items()}
        return RuleSet(MappingProxyType(rules), self.week_start)


DEFAULT_RULE_SET = RuleSet()
