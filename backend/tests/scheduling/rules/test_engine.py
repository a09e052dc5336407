"""check_assignment and check_schedule as entry points."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shiftwise.scheduling.rules import (
    DEFAULT_RULE_SET,
    PersonFacts,
    RuleCode,
    Severity,
    check_assignment,
    check_schedule,
)
from tests.scheduling.rules.builders import check, codes, only, person, shift

MON = date(2024, 3, 4)
WEEK = (MON, MON + timedelta(days=6))


def test_a_clean_assignment_has_no_violations() -> None:
    assert check(shift("a", MON, "09:00", "17:00"), skills={}) == []


def test_hard_violations_come_before_soft_ones() -> None:
    rules = DEFAULT_RULE_SET.with_rule(RuleCode.overlap, severity=Severity.soft)
    found = check(
        shift("b", MON, "12:00", "20:00", skill="rn"),
        shift("a", MON, "09:00", "17:00"),
        rules=rules,
    )
    assert [(v.code, v.is_hard) for v in found] == [
        (RuleCode.skill_required, True),
        (RuleCode.max_hours_per_day, True),
        (RuleCode.overlap, False),
    ]


def test_disabled_rules_never_report() -> None:
    rules = DEFAULT_RULE_SET.with_rule(RuleCode.overlap, enabled=False)
    assert RuleCode.overlap not in codes(
        check(shift("b", MON, "12:00", "20:00"), shift("a", MON, "09:00", "17:00"), rules=rules)
    )


def test_violations_between_existing_shifts_are_not_blamed_on_the_new_one() -> None:
    a, b = shift("a", MON, "09:00", "17:00"), shift("b", MON, "12:00", "20:00")
    assert (
        check(
            shift("c", MON + timedelta(days=3), "09:00", "17:00"),
            a,
            b,
            rules=only(RuleCode.overlap),
        )
        == []
    )
    assert codes(check_schedule([person(a, b)], only(RuleCode.overlap))) == [RuleCode.overlap]


def test_schedule_covers_many_people_with_their_own_rules() -> None:
    a, b = shift("a", MON, "09:00", "17:00"), shift("b", MON, "12:00", "20:00")
    strict = PersonFacts("strict", assignments=(a, b))
    lenient = PersonFacts("lenient", assignments=(a, b))
    rules = {"strict": only(RuleCode.overlap), "lenient": only()}
    found = check_schedule([strict, lenient], lambda p: rules[str(p.person_id)])
    assert [(v.person_id, v.code) for v in found] == [("strict", RuleCode.overlap)]


def test_period_keeps_violations_touching_it_and_uses_context_outside() -> None:
    rules = only(RuleCode.min_rest, RuleCode.overlap)
    sunday_before = shift("ctx", MON - timedelta(days=1), "14:00", "22:00")
    monday = shift("mon", MON, "06:00", "14:00")  # 8 h rest after the context shift
    old_a, old_b = (
        shift("x", MON - timedelta(days=5), "09:00", "17:00"),
        shift("y", MON - timedelta(days=5), "10:00", "11:00"),
    )
    found = check_schedule([person(sunday_before, monday, old_a, old_b)], rules, WEEK)
    assert [(v.code, v.shift_ids) for v in found] == [(RuleCode.min_rest, ("ctx", "mon"))]
    everything = check_schedule([person(sunday_before, monday, old_a, old_b)], rules)
    assert sorted(codes(everything)) == [RuleCode.min_rest, RuleCode.overlap]


def test_proposed_assignments_are_checked_with_the_live_ones() -> None:
    live = person(shift("a", MON, "09:00", "17:00"))
    proposal = shift("b", MON, "16:00", "20:00")
    found = check_schedule([live], only(RuleCode.overlap), proposed=[("person-1", proposal)])
    assert [v.shift_ids for v in found] == [("a", "b")]


def test_proposals_for_unknown_people_are_an_error() -> None:
    with pytest.raises(KeyError, match="ghost"):
        check_schedule(
            [person()], DEFAULT_RULE_SET, proposed=[("ghost", shift("a", MON, "09:00", "17:00"))]
        )


def test_check_assignment_leaves_the_facts_unchanged() -> None:
    p = person(shift("a", MON, "09:00", "17:00"))
    check_assignment(shift("b", MON, "10:00", "12:00"), p, DEFAULT_RULE_SET)
    assert [s.id for s in p.assignments] == ["a"]
    assert [s.id for s in p.sorted_assignments] == ["a"]


def test_violation_records_and_messages_are_data() -> None:
    [v] = check(
        shift("b", MON, "12:00", "20:00"),
        shift("a", MON, "09:00", "17:00"),
        rules=only(RuleCode.overlap),
    )
    assert v.person_id == "person-1"
    assert [(r.kind.value, r.id) for r in v.records] == [("shift", "a"), ("shift", "b")]
    assert (
        v.message == "The shift Mon 4 Mar 2024 09:00–17:00 GMT overlaps "
        "the shift Mon 4 Mar 2024 12:00–20:00 GMT."
    )
