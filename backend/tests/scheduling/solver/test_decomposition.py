"""The first solution and the sub-problems the neighbourhood search solves."""

from __future__ import annotations

import random
from collections import Counter

from bench.curtois import parse, to_problem
from shiftwise.scheduling.solver import objective_terms, violations
from shiftwise.scheduling.solver.check import Index, group
from shiftwise.scheduling.solver.construct import construct, most_days
from shiftwise.scheduling.solver.window import restrict

from .builders import curtois_instance


def test_construction_is_complete_and_breaks_no_hard_rule() -> None:
    for n in (5, 8, 16):
        problem = to_problem(parse(curtois_instance(n)))
        pairs, complete = construct(problem, 600, [])
        assert complete
        assert violations(problem, pairs) == []


def test_most_days_counts_the_densest_pattern_the_stretch_rules_allow() -> None:
    # At most 2 days on, at least 1 off: on-on-off repeats, 7 days hold 5.
    most = most_days([True] * 7, max_on=2, min_on=1, min_off=1)
    assert most[0][2] == 5  # entering day 0 rested
    # A day that cannot be worked splits the period.
    most = most_days([True, True, False, True, True], max_on=2, min_on=2, min_off=1)
    assert most[0][2] == 4


def test_a_sub_problem_keeps_the_current_schedule_feasible_and_its_cost_exact() -> None:
    problem = to_problem(parse(curtois_instance(16)))  # 8 weeks: windows have context both sides
    pairs, complete = construct(problem, 600, [])
    assert complete
    index = Index.of(problem)
    worked = group(index, pairs)
    counts = Counter(did for _, did in pairs)
    total = sum(objective_terms(problem, pairs).values())
    rng = random.Random(1)
    for _ in range(5):
        members = rng.sample(list(problem.people), 3)
        first = 7 * rng.randrange(6)
        last = first + 13
        part = restrict(index, worked, counts, members, first, last)
        ids = {p.id for p in members}
        sub_ids = {d.id for d in part.problem.demands}
        mine = [(p, d) for p, d in pairs if p in ids and d in sub_ids]
        assert violations(part.problem, mine) == []
        # Moving the group's window work changes the sub-problem's cost and the whole
        # cost by the same amount: drop all of it and compare.
        kept = [(p, d) for p, d in mine if not first <= index.demands[d].day <= last]
        whole_after = [
            (p, d) for p, d in pairs if p not in ids or not first <= index.demands[d].day <= last
        ]
        sub_delta = sum(objective_terms(part.problem, kept).values()) - sum(
            objective_terms(part.problem, mine).values()
        )
        whole_delta = sum(objective_terms(problem, whole_after).values()) - total
        assert sub_delta == whole_delta


def test_a_window_cutting_a_weekend_keeps_the_current_schedule_feasible() -> None:
    # Windows starting or ending mid-weekend: the weekend is counted once, not on both
    # sides of the edge (the cap on weekends would make the current schedule infeasible).
    problem = to_problem(parse(curtois_instance(16)))
    pairs, complete = construct(problem, 600, [])
    assert complete
    index = Index.of(problem)
    worked = group(index, pairs)
    counts = Counter(did for _, did in pairs)
    for first in range(6, 41, 5):
        members = list(problem.people)
        part = restrict(index, worked, counts, members, first, first + 6)
        sub_ids = {d.id for d in part.problem.demands}
        mine = [(p, d) for p, d in pairs if d in sub_ids]
        assert violations(part.problem, mine) == []
