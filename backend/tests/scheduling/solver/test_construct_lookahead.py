"""The construction's exact look-ahead on the minimum hours (construct.Reach)."""

from __future__ import annotations

import itertools
from collections import defaultdict

from shiftwise.scheduling.solver import Limits, Person, Problem, violations
from shiftwise.scheduling.solver.check import Index
from shiftwise.scheduling.solver.construct import Reach, construct
from shiftwise.scheduling.solver.problem import Demand

from .builders import demand

LIMITS = Limits(
    max_consecutive_days=5,
    min_consecutive_days=2,
    min_consecutive_days_off=2,
    max_weekends=1,
)


def _problem(days: int, limits: Limits, off: frozenset[int] = frozenset()) -> Problem:
    return Problem(
        days=days,
        demands=tuple(demand(d) for d in range(days)),
        people=(Person("p", time_off_days=off, limits=limits),),
        weekends=tuple((7 * k + 5, 7 * k + 6) for k in range(days // 7)),
    )


def _reach(problem: Problem) -> Reach:
    index = Index.of(problem)
    [person] = problem.people
    elig: dict[int, list[Demand]] = defaultdict(list)
    for d in problem.demands:
        if d.day not in person.time_off_days:
            elig[d.day].append(d)
    return Reach(index, person, {day: elig[day] for day in range(problem.days)}, {})


def test_reach_is_the_most_a_person_can_work_under_stretches_weekends_and_leave() -> None:
    problem = _problem(14, LIMITS, off=frozenset({9}))
    # The checker is the oracle: the most minutes of any pattern it accepts.
    best = 0
    for pattern in itertools.product((False, True), repeat=problem.days):
        pairs = [("p", d.id) for d in problem.demands if pattern[d.day]]
        if sum(pattern) * 480 > best and not violations(problem, pairs):
            best = sum(pattern) * 480
    assert _reach(problem).most(0, (0, 0)) == best


def test_a_person_at_the_densest_pattern_the_rules_allow_gets_a_valid_schedule() -> None:
    # Sixteen weeks, half the weekends, some leave: the minimum is the most the rules
    # allow, so a single rest day in the wrong place makes it unreachable.
    limits = Limits(
        max_consecutive_days=5,
        min_consecutive_days=2,
        min_consecutive_days_off=2,
        max_weekends=8,
    )
    off = frozenset({3, 17, 40, 41, 66, 90})
    most = _reach(_problem(112, limits, off)).most(0, (0, 0))
    tight = Limits(
        max_consecutive_days=5,
        min_consecutive_days=2,
        min_consecutive_days_off=2,
        max_weekends=8,
        min_minutes=most,
        max_minutes=most,
    )
    problem = _problem(112, tight, off)
    pairs, complete = construct(problem, 600, [])
    assert complete
    assert violations(problem, pairs) == []
    assert len(pairs) * 480 == most
