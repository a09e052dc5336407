"""A first solution, person by person.

Cover is soft, so the hard rules never tie two people together except through a
demand's capacity: a schedule that keeps every person within their own rules is
feasible. So each person in turn gets the schedule that is best for them given everyone
before them (seats still open earn their unfilled weight, extra people cost the
over-staffing weight, their own preferences count) — a small exact CP-SAT solve on the
same model. The result is a complete, feasible hint of good quality in a fraction of the
time the whole model needs to find its first solution.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import replace

from ortools.sat.python import cp_model

from .model import build
from .problem import Demand, Problem

Pair = tuple[str, str]


def construct(
    problem: Problem,
    budget_s: float,
    groups: list[list[str]],
    cancel: threading.Event | None = None,
) -> tuple[list[Pair], bool]:
    """Assignments built person by person, and whether every person got a schedule."""
    deadline = time.monotonic() + budget_s
    count: Counter[str] = Counter()
    chosen: list[Pair] = []
    weights = replace(problem.weights, unpopular_spread=0)
    people = list(problem.people)
    for i, person in enumerate(people):
        left = deadline - time.monotonic()
        if left <= 0 or (cancel is not None and cancel.is_set()):
            return chosen, False
        demands = []
        for d in problem.demands:
            room = d.need + d.max_extra - count[d.id]
            if room > 0:
                need = max(0, d.need - count[d.id])
                demands.append(replace(d, need=need, max_extra=room - need))
        sub = replace(
            problem,
            demands=tuple(demands),
            people=(person,),
            existing=tuple(e for e in problem.existing if e.person_id == person.id),
            weights=weights,
        )
        built = build(sub)
        if built.infeasible:
            return chosen, False
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.cp_model_presolve = False  # tiny model: presolve costs more than it saves
        solver.parameters.max_time_in_seconds = max(0.2, left / (len(people) - i))
        status = solver.solve(built.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return chosen, False
        for key, var in built.x.items():
            if solver.boolean_value(var):
                chosen.append(key)
                count[key[1]] += 1
    return _order_interchangeable(problem, chosen, groups), True


def _order_interchangeable(
    problem: Problem, chosen: list[Pair], groups: list[list[str]]
) -> list[Pair]:
    """Interchangeable people must work non-increasing minutes (symmetry breaking):
    hand their schedules out in that order."""
    demands: dict[str, Demand] = {d.id: d for d in problem.demands}
    by_person: dict[str, list[str]] = {p.id: [] for p in problem.people}
    for pid, did in chosen:
        by_person[pid].append(did)
    for members in groups:
        schedules = sorted(
            (by_person[m] for m in members),
            key=lambda ids: -sum(demands[i].minutes for i in ids),
        )
        for m, ids in zip(members, schedules, strict=True):
            by_person[m] = ids
    return sorted((pid, did) for pid, ids in by_person.items() for did in ids)
