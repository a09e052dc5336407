"""The rule engine: facts in, violations out. Pure: no ORM, no web framework.

    check_assignment(shift, person, rules, period=None, *, rule_period=None) -> list[Violation]
    check_schedule(people, rules, period=None, *, proposed=(), rule_period=None)
        -> list[Violation]
    resolve_rules(organisation, location, person, *, week_start=0) -> RuleSet

See docs/adr/0002-rule-engine.md for the design and the defaults.
"""

from shiftwise.scheduling.rules.config import (
    DEFAULT_RULE_SET,
    DEFAULT_RULES,
    RuleCode,
    RuleConfig,
    RuleSet,
    Severity,
)
from shiftwise.scheduling.rules.engine import (
    WHOLE_PERIOD_RULES,
    check_assignment,
    check_schedule,
)
from shiftwise.scheduling.rules.facts import (
    KIND_BANDS,
    Availability,
    AvailabilityException,
    AvailabilitySlot,
    Contract,
    Id,
    PersonFacts,
    ShiftFact,
    TimeOff,
    derive_kind,
)
from shiftwise.scheduling.rules.period import (
    CALENDAR_MONTH,
    Period,
    RulePeriod,
    parse_rule_period,
)
from shiftwise.scheduling.rules.resolve import (
    RuleConfigError,
    RuleOverride,
    merge,
    parse_overrides,
    resolve_rules,
)
from shiftwise.scheduling.rules.violations import Record, RecordKind, Violation

__all__ = [
    "CALENDAR_MONTH",
    "DEFAULT_RULES",
    "DEFAULT_RULE_SET",
    "KIND_BANDS",
    "WHOLE_PERIOD_RULES",
    "Availability",
    "AvailabilityException",
    "AvailabilitySlot",
    "Contract",
    "Id",
    "Period",
    "PersonFacts",
    "Record",
    "RecordKind",
    "RuleCode",
    "RuleConfig",
    "RuleConfigError",
    "RuleOverride",
    "RulePeriod",
    "RuleSet",
    "Severity",
    "ShiftFact",
    "TimeOff",
    "Violation",
    "check_assignment",
    "check_schedule",
    "derive_kind",
    "merge",
    "parse_overrides",
    "parse_rule_period",
    "resolve_rules",
]
