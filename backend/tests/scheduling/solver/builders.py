"""Small problem builders: one demand per (day, kind) unless told otherwise."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from ortools.sat.python import cp_model

from bench.curtois import DATA_DIR
from shiftwise.scheduling.solver import (
    MINUTES_PER_DAY,
    Assignment,
    Demand,
    Limits,
    Person,
    Preference,
    Problem,
    SkillGrant,
)
from shiftwise.scheduling.solver.columns import Pricer

STARTS = {"E": 6 * 60, "L": 14 * 60, "N": 22 * 60}


def curtois_instance(n: int) -> Path:
    """The benchmark's instance file (../shared/benchmarks/curtois): skipped where the
    data is not beside the checkout, a failure under CI, which always has it."""
    path = DATA_DIR / f"Instance{n}.txt"
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"benchmark data not found at {path}")
        pytest.skip(f"benchmark data not found at {path}")
    return path


def demand(
    day: int,
    kind: str = "E",
    *,
    need: int = 1,
    skill: str | None = None,
    minutes: int = 480,
    **kw: Any,
) -> Demand:
    start = day * MINUTES_PER_DAY + STARTS.get(kind, 8 * 60)
    return Demand(
        id=f"{day}{kind}{'-' + skill if skill else ''}",
        shift_id=f"{day}{kind}",
        day=day,
        kind=kind,
        start=start,
        end=start + minutes,
        need=need,
        skill=skill,
        **kw,
    )


def person(pid: str, *skills: str, limits: Limits | None = None, **kw: Any) -> Person:
    return Person(
        id=pid,
        skills=tuple(SkillGrant(s) for s in skills),
        limits=limits or Limits(),
        **kw,
    )


def week_problem(days: int, demands: list[Demand], people: list[Person], **kw: Any) -> Problem:
    return Problem(
        days=days,
        demands=tuple(demands),
        people=tuple(people),
        weekends=tuple((7 * k + 5, 7 * k + 6) for k in range((days + 1) // 7)),
        **kw,
    )


def pairs(assignments: Iterable[Assignment]) -> list[tuple[str, str]]:
    return [(a.person_id, a.demand_id) for a in assignments]


def fortnight_problem() -> Problem:
    """Six people over two weeks, two kinds a day with two seats each: stretch,
    weekend and rest rules, and wanted days that pull against them."""
    limits = Limits(max_consecutive_days=4, min_consecutive_days_off=2, max_weekends=1)
    people = [
        person(
            f"p{i}",
            limits=limits,
            preferences=tuple(Preference(d, wanted=(i + d) % 3 == 0, weight=1) for d in range(14)),
        )
        for i in range(6)
    ]
    demands = [demand(d, k, need=2) for d in range(14) for k in ("E", "L")]
    return week_problem(14, demands, people, min_rest_minutes=11 * 60)


def forced_optimum(
    pricer: Pricer, duals: dict[str, int], zero: list[str], one: str | None
) -> int | None:
    """CP-SAT's exact pricing with these pairs forced off and this one on (None: no
    valid schedule)."""
    pricer.price(duals, 30.0, threading.Event())  # sets the objective
    model = pricer.built.model.clone()
    for did in (i for i in zero if i in pricer.x):  # the others are not eligible
        model.add(model.get_bool_var_from_proto_index(pricer.x[did].index) == 0)
    if one is not None:
        model.add(model.get_bool_var_from_proto_index(pricer.x[one].index) == 1)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        return None
    assert status == cp_model.OPTIMAL
    return round(solver.objective_value)
