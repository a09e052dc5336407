"""The whole model's stretch encodings accept exactly the schedules the checker accepts.

Every work pattern of one person over a short period (with time off on some days) is
fixed in the model; CP-SAT must find it feasible if and only if `check.violations`
finds no broken rule. Run for each encoding the solver may pick ("clauses", the default
beyond small models, "automaton" and "both").
"""

from __future__ import annotations

import itertools

import pytest
from ortools.sat.python import cp_model

from shiftwise.scheduling.solver import Limits, Person, Problem, violations
from shiftwise.scheduling.solver.model import build

from .builders import demand

DAYS = 7
LIMITS = [
    Limits(min_consecutive_days=2, min_consecutive_days_off=2),
    Limits(min_consecutive_days=3, max_consecutive_days=4),
    Limits(min_consecutive_days_off=3, max_consecutive_days=2),
    Limits(min_consecutive_days=2, min_consecutive_days_off=3, max_consecutive_days=3),
]


def feasible(problem: Problem, stretches: str, worked: set[int]) -> bool:
    built = build(problem, stretches)
    for (_, did), var in built.x.items():
        built.model.add(var == int(int(did.rstrip("E")) in worked))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    return solver.solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


@pytest.mark.parametrize("stretches", ["clauses", "automaton", "both"])
@pytest.mark.parametrize("limits", LIMITS)
@pytest.mark.parametrize("time_off", [frozenset(), frozenset({3})])
def test_encodings_accept_what_the_checker_accepts(
    stretches: str, limits: Limits, time_off: frozenset[int]
) -> None:
    person = Person("p", limits=limits, time_off_days=time_off)
    problem = Problem(days=DAYS, demands=tuple(demand(d) for d in range(DAYS)), people=(person,))
    for pattern in itertools.product((False, True), repeat=DAYS):
        worked = {d for d, on in enumerate(pattern) if on}
        if worked & time_off:
            continue
        pairs = [("p", f"{d}E") for d in sorted(worked)]
        expected = not violations(problem, pairs)
        assert feasible(problem, stretches, worked) == expected, (stretches, limits, pattern)
