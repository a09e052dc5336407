"""Property tests: the per-change check and the whole-schedule check are one engine.

A schedule built only by accepting changes that `check_assignment` finds free
of hard violations never has a hard violation under `check_schedule`, and for
every proposed change the two report exactly the same violations about it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shiftwise.scheduling.rules import (
    CALENDAR_MONTH,
    DEFAULT_RULE_SET,
    WHOLE_PERIOD_RULES,
    Availability,
    AvailabilityException,
    AvailabilitySlot,
    Contract,
    PersonFacts,
    RuleCode,
    RulePeriod,
    RuleSet,
    Severity,
    ShiftFact,
    TimeOff,
    Violation,
    check_assignment,
    check_schedule,
)
from tests.scheduling.rules.builders import LONDON, NEW_YORK

# Starting Mondays that put both DST changes of both zones inside the horizon.
BASES = [date(2024, 3, 4), date(2024, 3, 25), date(2024, 10, 21), date(2024, 10, 28)]
HORIZON_DAYS = 24
SKILLS = ["rn", "hca", "bar"]
KINDS = [None, None, None, "early", "late", "night", "sleep-in"]


@dataclass(frozen=True)
class World:
    base: date
    zones: list[str]
    people: list[PersonFacts]
    proposals: list[tuple[int, ShiftFact]]
    rules: RuleSet
    period: tuple[date, date] | None


def _shift(draw: st.DrawFn, n: int, base: date, zone: str) -> ShiftFact:
    day = base + timedelta(days=draw(st.integers(0, HORIZON_DAYS - 1)))
    start = time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 30])))
    minutes = draw(st.sampled_from([2, 4, 6, 8, 8, 8, 10, 12, 13])) * 60 + draw(
        st.sampled_from([0, 15, 30])
    )
    starts_at = datetime.combine(day, start, tzinfo=ZoneInfo(zone))
    return ShiftFact(
        f"s{n}",
        "loc",
        starts_at,
        starts_at + timedelta(minutes=minutes),
        zone,
        skill_id=draw(st.sampled_from([None, None, None, *SKILLS])),
        break_minutes=draw(st.sampled_from([0, 0, 30, 60])),
        kind=draw(st.sampled_from(KINDS)),
    )


def _person(draw: st.DrawFn, n: int, base: date) -> PersonFacts:
    skills = {
        s: draw(
            st.one_of(
                st.none(), st.integers(0, HORIZON_DAYS).map(lambda d: base + timedelta(days=d))
            )
        )
        for s in draw(st.lists(st.sampled_from(SKILLS), unique=True))
    }
    slots = tuple(
        AvailabilitySlot(
            draw(st.integers(0, 6)),
            time(draw(st.integers(0, 23))),
            time(draw(st.integers(0, 23))),
            draw(st.sampled_from(list(Availability))),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    exceptions = tuple(
        AvailabilityException(
            base + timedelta(days=draw(st.integers(0, HORIZON_DAYS))),
            draw(st.sampled_from(list(Availability))),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    offs = []
    for k in range(draw(st.integers(0, 2))):
        start = datetime.combine(
            base + timedelta(days=draw(st.integers(0, HORIZON_DAYS))),
            time(0),
            tzinfo=ZoneInfo(LONDON),
        )
        offs.append(
            TimeOff(f"off{n}-{k}", start, start + timedelta(hours=draw(st.integers(1, 72))))
        )
    contract = Contract(
        contracted_hours_per_week=draw(st.sampled_from([None, Decimal(20), Decimal("37.5")])),
        max_hours_per_week=draw(st.sampled_from([None, Decimal(30), Decimal(60)])),
        hourly_rate=draw(st.sampled_from([None, Decimal("12.50")])),
    )
    return PersonFacts(
        f"p{n}",
        active=draw(st.booleans()) or draw(st.booleans()),
        skills=skills,
        contract=contract,
        availability=slots,
        availability_exceptions=exceptions,
        time_off=tuple(offs),
    )


def _rules(draw: st.DrawFn) -> RuleSet:
    rules = RuleSet(DEFAULT_RULE_SET.rules, draw(st.integers(0, 6)))
    rules = rules.with_rule(
        RuleCode.max_hours_per_period, enabled=True, hours=draw(st.sampled_from([20, 40, 80]))
    )
    rules = rules.with_rule(RuleCode.min_consecutive_days_off, enabled=True)
    rules = rules.with_rule(
        RuleCode.forbidden_succession,
        pairs=[["night", "early"], ["late", "early"], ["sleep-in", "day"]],
    )
    for code in RuleCode:
        rules = rules.with_rule(
            code,
            enabled=draw(st.sampled_from([True, True, True, False])),
            severity=draw(st.sampled_from([Severity.hard, Severity.hard, Severity.soft])),
        )
    tunables: list[tuple[RuleCode, str, list[float]]] = [
        (RuleCode.min_rest, "hours", [8, 11, 12.5]),
        (RuleCode.max_hours_per_day, "hours", [10, 12, 16]),
        (RuleCode.max_hours_per_week, "hours", [16, 24, 48]),
        (RuleCode.max_consecutive_days, "days", [2, 3, 6]),
        (RuleCode.overtime, "hours_per_week", [8, 20, 40]),
        (RuleCode.max_weekends, "weekends", [0, 1, 2]),
    ]
    for code, param, values in tunables:
        params: dict[str, Any] = {param: draw(st.sampled_from(values))}
        rules = rules.with_rule(code, **params)
    return rules


@st.composite
def worlds(draw: st.DrawFn) -> World:
    base = draw(st.sampled_from(BASES))
    zones = draw(st.lists(st.sampled_from([LONDON, NEW_YORK]), min_size=1, max_size=2, unique=True))
    people = [_person(draw, n, base) for n in range(draw(st.integers(1, 3)))]
    proposals = [
        (draw(st.integers(0, len(people) - 1)), _shift(draw, n, base, draw(st.sampled_from(zones))))
        for n in range(draw(st.integers(1, 40)))
    ]
    period = draw(
        st.one_of(
            st.none(),
            st.tuples(st.integers(0, 10), st.integers(6, 20)).map(
                lambda t: (base + timedelta(days=t[0]), base + timedelta(days=t[0] + t[1]))
            ),
        )
    )
    return World(base, zones, people, proposals, _rules(draw), period)


def _key(v: Violation) -> tuple[Any, ...]:
    return (
        v.code,
        v.severity,
        v.message,
        v.person_id,
        frozenset(v.records),
        v.local_date,
        v.amount,
        v.limit,
        v.cost,
    )


def _about(violations: list[Violation], shift: ShiftFact) -> Counter[tuple[Any, ...]]:
    return Counter(
        _key(v) for v in violations if shift.id in v.shift_ids and v.code not in WHOLE_PERIOD_RULES
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds())
def test_accepted_changes_never_build_a_hard_violation_and_both_checks_agree(world: World) -> None:
    people = list(world.people)
    for index, shift in world.proposals:
        person = people[index]
        found = check_assignment(shift, person, world.rules, world.period)
        assert all(shift.id in v.shift_ids for v in found)
        # Hard ones first.
        assert [v.is_hard for v in found] == sorted((v.is_hard for v in found), reverse=True)
        # Agreement: what the schedule-wide check says about this shift once assigned.
        in_period = world.period is None or world.period[0] <= shift.local_date <= world.period[1]
        if in_period:
            after = check_schedule(
                [person.with_assignments([*person.assignments, shift])], world.rules, world.period
            )
            assert _about(after, shift) == Counter(_key(v) for v in found)
        if not any(v.is_hard for v in found):
            people[index] = person.with_assignments([*person.assignments, shift])
    final = check_schedule(people, world.rules, world.period)
    hard = [v for v in final if v.is_hard and v.code not in WHOLE_PERIOD_RULES]
    assert hard == []
    # The same schedule as proposals on top of empty people reads the same.
    empty = [p.with_assignments([]) for p in people]
    proposed = [(p.person_id, s) for p in people for s in p.assignments]
    again = check_schedule(empty, world.rules, world.period, proposed=proposed)
    assert Counter(map(_key, again)) == Counter(map(_key, final))


@settings(max_examples=100, deadline=None)
@given(worlds())
def test_check_schedule_equals_the_union_of_per_shift_checks(world: World) -> None:
    """Without a period, every violation check_schedule reports (except whole-period
    ones) is reported by check_assignment for each shift it involves."""
    for n, person in enumerate(world.people):
        shifts = [s for i, s in world.proposals if i == n]
        full = person.with_assignments(shifts)
        schedule = check_schedule([full], world.rules)
        for shift in shifts:
            others = full.with_assignments([s for s in shifts if s is not shift])
            found = check_assignment(shift, others, world.rules)
            assert Counter(map(_key, found)) == _about(schedule, shift)


rule_periods = st.one_of(
    st.just(CALENDAR_MONTH),
    st.tuples(st.integers(1, 3), st.sampled_from(BASES), st.integers(-6, 6)).map(
        lambda t: RulePeriod(t[0], t[1] + timedelta(days=t[2]))
    ),
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds(), rule_periods)
def test_with_a_rule_period_both_checks_agree(world: World, rule_period: RulePeriod) -> None:
    """The single check judges the rule period holding the shift; the schedule-wide
    check (whole, or over a viewed period holding the shift) reports the same about it."""
    people = list(world.people)
    for index, shift in world.proposals:
        person = people[index]
        found = check_assignment(shift, person, world.rules, rule_period=rule_period)
        expected = Counter(_key(v) for v in found)
        assigned = [person.with_assignments([*person.assignments, shift])]
        whole = check_schedule(assigned, world.rules, rule_period=rule_period)
        assert _about(whole, shift) == expected
        if world.period is not None and world.period[0] <= shift.local_date <= world.period[1]:
            viewed = check_schedule(assigned, world.rules, world.period, rule_period=rule_period)
            assert _about(viewed, shift) == expected
        if not any(v.is_hard for v in found):
            people[index] = assigned[0]
    final = check_schedule(people, world.rules, rule_period=rule_period)
    assert [v for v in final if v.is_hard and v.code not in WHOLE_PERIOD_RULES] == []
