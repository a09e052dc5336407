"""The search itself: the benchmark's smallest instance, progress reports, cancellation."""

from __future__ import annotations

import threading
import time

import pytest

from bench.curtois import benchmark_objective, parse, roster_of, to_problem
from shiftwise.scheduling.solver import Progress, SolveOptions, Status, solve, violations

from .builders import curtois_instance, pairs


def test_curtois_instance1_solves_to_its_known_optimum() -> None:
    inst = parse(curtois_instance(1))
    problem = to_problem(inst)
    sol = solve(problem, SolveOptions(time_limit_s=20))
    assert sol.status is Status.OPTIMAL
    assert sol.objective == 607
    assert benchmark_objective(inst, roster_of(inst, sol)) == 607
    assert violations(problem, pairs(sol.assignments)) == []


@pytest.mark.parametrize(("number", "optimum"), [(2, 828), (3, 1001)])
def test_curtois_instances_2_and_3_solve_to_their_known_optima(number: int, optimum: int) -> None:
    inst = parse(curtois_instance(number))
    problem = to_problem(inst)
    # A generous limit: the search stops as soon as the bound proves the optimum.
    sol = solve(problem, SolveOptions(time_limit_s=300, explain=False))
    assert sol.status is Status.OPTIMAL
    assert sol.objective == optimum
    assert benchmark_objective(inst, roster_of(inst, sol)) == optimum
    assert violations(problem, pairs(sol.assignments)) == []


def test_progress_reports_improving_objectives_and_bounds() -> None:
    seen: list[Progress] = []
    problem = to_problem(parse(curtois_instance(1)))
    sol = solve(problem, SolveOptions(time_limit_s=20), on_progress=seen.append)
    assert seen
    assert seen[-1].objective == sol.objective
    objectives = [p.objective for p in seen]
    assert objectives == sorted(objectives, reverse=True)
    assert all(p.bound <= p.objective for p in seen)


def test_cancelling_stops_the_search_and_keeps_the_best_so_far() -> None:
    problem = to_problem(parse(curtois_instance(7)))
    cancel = threading.Event()
    timer = threading.Timer(2.0, cancel.set)
    started = time.monotonic()
    timer.start()
    try:
        sol = solve(problem, SolveOptions(time_limit_s=60, explain=False), cancel=cancel)
    finally:
        timer.cancel()
    assert time.monotonic() - started < 15
    assert sol.cancelled
    assert sol.status in (Status.FEASIBLE, Status.UNKNOWN)
    if sol.status is Status.FEASIBLE:
        assert violations(problem, pairs(sol.assignments)) == []


def test_cancelled_before_the_search_returns_at_once() -> None:
    cancel = threading.Event()
    cancel.set()
    sol = solve(
        to_problem(parse(curtois_instance(1))), SolveOptions(time_limit_s=60), cancel=cancel
    )
    assert sol.cancelled
    assert sol.assignments == ()


def test_neighbourhood_search_beside_cp_sat_keeps_every_rule() -> None:
    from .builders import fortnight_problem

    problem = fortnight_problem()
    sol = solve(problem, SolveOptions(time_limit_s=4, lns_threads=1, explain=False))
    assert sol.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert violations(problem, pairs(sol.assignments)) == []
    assert sol.objective is not None
    assert sol.bound is not None
    assert sol.bound <= sol.objective


def test_whole_model_runs_a_bound_tree_worker_beside_max_lp_when_asked() -> None:
    from ortools.sat.python import cp_model

    from shiftwise.scheduling.solver.solve import apply_params

    solver = cp_model.CpSolver()
    apply_params(solver, SolveOptions(), 2)
    assert list(solver.parameters.subsolvers) == ["max_lp"]
    assert solver.parameters.num_workers == 2
    solver = cp_model.CpSolver()
    apply_params(solver, SolveOptions(tree_worker=True, lns_threads=0), 2)
    assert list(solver.parameters.subsolvers) == ["max_lp", "lb_tree_search"]
    assert solver.parameters.num_workers == 3  # the interleaved searches keep a thread


@pytest.mark.parametrize(
    ("number", "threads"),
    [
        (7, 1),  # 20 people, 84 shifts, 28 days: the whole model's proof needs the CPU
        (11, 1),  # 8,400 pairs, 28 days: the largest the whole model closes in a minute
        (12, 2),  # 16,800 pairs
        (16, 2),  # only 3,360 pairs, but 56 days
    ],
)
def test_a_second_neighbourhood_search_runs_beyond_what_the_whole_model_closes(
    number: int, threads: int
) -> None:
    from shiftwise.scheduling.solver.solve import search_threads

    problem = to_problem(parse(curtois_instance(number)))
    assert search_threads(problem, SolveOptions(), whole=True) == threads
    assert search_threads(problem, SolveOptions(lns_threads=3), whole=True) == 3  # as asked
    # No whole model: the search takes every worker's core, whatever was asked.
    assert search_threads(problem, SolveOptions(lns_threads=1, workers=2), whole=False) == 2


@pytest.mark.parametrize(("number", "retires"), [(7, False), (11, False), (12, True), (16, True)])
def test_the_whole_model_retires_only_beyond_what_it_closes(number: int, retires: bool) -> None:
    from shiftwise.scheduling.solver.solve import RETIRE_AFTER_S, retire_after

    problem = to_problem(parse(curtois_instance(number)))
    assert retire_after(problem, SolveOptions()) == (RETIRE_AFTER_S if retires else 0)
    assert retire_after(problem, SolveOptions(retire_after_s=0)) == 0  # as asked
    assert retire_after(problem, SolveOptions(retire_after_s=2.5)) == 2.5


@pytest.mark.parametrize(("number", "leads"), [(7, False), (11, False), (12, True), (16, True)])
def test_the_column_generation_may_lead_only_beyond_what_the_whole_model_closes(
    number: int, leads: bool
) -> None:
    from shiftwise.scheduling.solver.solve import column_lead

    problem = to_problem(parse(curtois_instance(number)))
    assert column_lead(problem, SolveOptions()) is leads
    assert column_lead(problem, SolveOptions(column_lead=False)) is False  # as asked
    assert column_lead(problem, SolveOptions(column_lead=True)) is True
