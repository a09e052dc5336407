"""Organisation → location → person settings merge into one RuleSet."""

from __future__ import annotations

from typing import Any

import pytest

from shiftwise.scheduling.rules import (
    DEFAULT_RULE_SET,
    DEFAULT_RULES,
    RuleCode,
    RuleConfigError,
    RuleSet,
    Severity,
    parse_overrides,
    resolve_rules,
)


def test_no_overrides_give_the_documented_defaults() -> None:
    rules = resolve_rules()
    assert rules == RuleSet(DEFAULT_RULES, 0)
    expected = {
        RuleCode.min_rest: (True, Severity.hard, {"hours": 11}),
        RuleCode.max_shift_length: (True, Severity.hard, {"hours": 12}),
        RuleCode.max_hours_per_week: (True, Severity.hard, {"hours": 48}),
        RuleCode.overtime: (True, Severity.soft, {"hours_per_week": 40, "multiplier": 1.5}),
        RuleCode.max_consecutive_days: (True, Severity.hard, {"days": 6}),
        RuleCode.unavailable: (True, Severity.hard, {}),
        RuleCode.not_preferred: (True, Severity.soft, {}),
        RuleCode.forbidden_succession: (
            True,
            Severity.hard,
            {"pairs": [["night", "early"]], "within_hours": 24},
        ),
        RuleCode.max_weekends: (
            True,
            Severity.soft,
            {"weekends": 2, "weeks": 4, "weekend_days": [5, 6]},
        ),
    }
    for code, (enabled, severity, params) in expected.items():
        cfg = rules[code]
        assert (cfg.enabled, cfg.severity, dict(cfg.params)) == (enabled, severity, params)
    assert set(rules.rules) == set(RuleCode)


def test_layers_merge_field_by_field_and_parameter_by_parameter() -> None:
    organisation = {
        "min_rest": {"severity": "soft", "params": {"hours": 12}},
        "overtime": {"params": {"multiplier": 2}},
        "max_weekends": {"enabled": False},
    }
    location = {
        "min_rest": {"params": {"hours": 10}},
        "overtime": {"params": {"hours_per_week": 38}},
        "max_weekends": {"enabled": True, "params": {"weekends": 3}},
    }
    person = {"min_rest": {"severity": "hard"}, "max_weekends": {"params": {"weeks": 6}}}
    rules = resolve_rules(organisation, location, person, week_start=6)
    assert rules.week_start == 6
    assert rules[RuleCode.min_rest].severity is Severity.hard  # person wins
    assert rules[RuleCode.min_rest].params["hours"] == 10  # location wins over organisation
    assert dict(rules[RuleCode.overtime].params) == {"hours_per_week": 38, "multiplier": 2}
    weekends = rules[RuleCode.max_weekends]
    assert weekends.enabled
    assert dict(weekends.params) == {"weekends": 3, "weeks": 6, "weekend_days": [5, 6]}
    # Untouched rules keep their defaults; the defaults themselves are unchanged.
    assert rules[RuleCode.overlap] == DEFAULT_RULES[RuleCode.overlap]
    assert DEFAULT_RULES[RuleCode.min_rest].params["hours"] == 11


def test_a_person_can_switch_a_rule_off_that_the_location_turned_on() -> None:
    rules = resolve_rules(
        {"max_hours_per_period": {"enabled": True, "params": {"hours": 160}}},
        None,
        {"max_hours_per_period": {"enabled": False}},
    )
    assert not rules[RuleCode.max_hours_per_period].enabled
    assert rules[RuleCode.max_hours_per_period].params["hours"] == 160


@pytest.mark.parametrize(
    ("raw", "path"),
    [
        ({"no_such_rule": {}}, "no_such_rule"),
        ({"min_rest": 11}, "min_rest"),
        ({"min_rest": {"hours": 11}}, "min_rest.hours"),
        ({"min_rest": {"enabled": "yes"}}, "min_rest.enabled"),
        ({"min_rest": {"severity": "fatal"}}, "min_rest.severity"),
        ({"min_rest": {"params": []}}, "min_rest.params"),
        ({"min_rest": {"params": {"minutes": 5}}}, "min_rest.params.minutes"),
        ({"min_rest": {"params": {"hours": "11"}}}, "min_rest.params.hours"),
        ({"min_rest": {"params": {"hours": True}}}, "min_rest.params.hours"),
        ({"min_rest": {"params": {"hours": -1}}}, "min_rest.params.hours"),
        ({"min_rest": {"params": {"hours": None}}}, "min_rest.params.hours"),
        ({"max_consecutive_days": {"params": {"days": 2.5}}}, "max_consecutive_days.params.days"),
        ({"max_consecutive_days": {"params": {"days": 0}}}, "max_consecutive_days.params.days"),
        (
            {"forbidden_succession": {"params": {"pairs": [["night"]]}}},
            "forbidden_succession.params.pairs",
        ),
        (
            {"forbidden_succession": {"params": {"pairs": "night"}}},
            "forbidden_succession.params.pairs",
        ),
        ({"max_weekends": {"params": {"weekend_days": [7]}}}, "max_weekends.params.weekend_days"),
        ({"max_weekends": {"params": {"weekend_days": []}}}, "max_weekends.params.weekend_days"),
        ({"overtime": {"params": {"multiplier": "x"}}}, "overtime.params.multiplier"),
    ],
)
def test_invalid_settings_name_the_field(raw: dict[str, Any], path: str) -> None:
    with pytest.raises(RuleConfigError) as caught:
        parse_overrides(raw)
    assert caught.value.path == path


def test_errors_say_which_layer() -> None:
    with pytest.raises(RuleConfigError) as caught:
        resolve_rules(None, {"min_rest": {"params": {"hours": -2}}})
    assert caught.value.path == "location.min_rest.params.hours"
    assert "at least 0" in str(caught.value)


def test_nullable_parameters_accept_null() -> None:
    rules = resolve_rules({"min_hours_per_period": {"params": {"hours_per_week": None}}})
    assert rules[RuleCode.min_hours_per_period].params["hours_per_week"] is None


def test_rule_set_validates_week_start_and_fills_missing_rules() -> None:
    with pytest.raises(ValueError, match="week_start"):
        RuleSet(DEFAULT_RULES, 7)
    partial = RuleSet({RuleCode.min_rest: DEFAULT_RULES[RuleCode.min_rest]})
    assert set(partial.rules) == set(RuleCode)


def test_with_rule_and_only_leave_the_original_alone() -> None:
    changed = DEFAULT_RULE_SET.with_rule(RuleCode.min_rest, hours=9, severity=Severity.soft)
    assert changed[RuleCode.min_rest].params["hours"] == 9
    assert DEFAULT_RULE_SET[RuleCode.min_rest].params["hours"] == 11
    only = DEFAULT_RULE_SET.only(RuleCode.overlap)
    assert [c for c, cfg in only.rules.items() if cfg.enabled] == [RuleCode.overlap]
