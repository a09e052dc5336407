"""Run CP-SAT on a Problem: hints, progress reports, time limit, cancellation."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from .check import objective_terms
from .explain import explain_open
from .greedy import greedy
from .model import Built, build
from .problem import Problem
from .result import Assignment, Progress, Solution, Status

ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True)
class SolveOptions:
    time_limit_s: float = 60.0
    workers: int = 2
    seed: int = 0
    hint: bool = True  # start from the greedy fill
    explain: bool = True  # reasons for every open seat
    log: bool = False  # CP-SAT's search log on stdout
    params: Mapping[str, Any] = field(default_factory=dict)  # extra CP-SAT parameters


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(
        self, started: float, on_progress: ProgressCallback | None, cancel: threading.Event | None
    ) -> None:
        super().__init__()
        self.started = started
        self.on_progress = on_progress
        self.cancel = cancel
        self.solutions = 0
        self.best: int | None = None
        self.time_to_best = 0.0
        self.lock = threading.Lock()

    def on_solution_callback(self) -> None:
        with self.lock:
            self.solutions += 1
            objective = round(self.objective_value)
            if self.best is None or objective < self.best:
                self.best = objective
                self.time_to_best = time.monotonic() - self.started
            bound = math.ceil(self.best_objective_bound - 1e-6)
            self.report(objective, bound)
        if self.cancel is not None and self.cancel.is_set():
            self.stop_search()

    def on_bound(self, bound: float) -> None:
        with self.lock:
            if self.best is not None:
                self.report(self.best, math.ceil(bound - 1e-6))

    def report(self, objective: int, bound: int) -> None:
        if self.on_progress is not None:
            elapsed = time.monotonic() - self.started
            self.on_progress(Progress(objective, bound, elapsed, self.solutions))


def _validate(problem: Problem) -> str | None:
    demand_ids = [d.id for d in problem.demands]
    person_ids = [p.id for p in problem.people]
    if len(set(demand_ids)) != len(demand_ids):
        return "duplicate demand ids"
    if len(set(person_ids)) != len(person_ids):
        return "duplicate person ids"
    for d in problem.demands:
        if not 0 <= d.day < problem.days:
            return f"demand {d.id} is outside the period"
        if d.end < d.start or d.need < 0 or d.max_extra < 0:
            return f"demand {d.id} is malformed"
    known_d, known_p = set(demand_ids), set(person_ids)
    for e in problem.existing:
        if e.demand_id not in known_d or e.person_id not in known_p:
            return f"existing assignment {e.person_id}/{e.demand_id} names an unknown id"
    return None


def apply_params(solver: cp_model.CpSolver, options: SolveOptions) -> None:
    p = solver.parameters
    p.num_workers = options.workers
    p.max_time_in_seconds = options.time_limit_s
    p.random_seed = options.seed
    p.log_search_progress = options.log
    for key, value in options.params.items():
        if isinstance(value, list | tuple):
            getattr(p, key).extend(value)
        else:
            setattr(p, key, value)


def solve(
    problem: Problem,
    options: SolveOptions | None = None,
    *,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> Solution:
    """Best assignments for `problem` within the options' time limit.

    `on_progress` is called (from solver threads) whenever the objective or the bound
    improves; setting `cancel` stops the search and returns the best solution so far.
    """
    options = options or SolveOptions()
    started = time.monotonic()
    problem_error = _validate(problem)
    if problem_error:
        return Solution(Status.INVALID, message=problem_error)
    built = build(problem)
    if built.infeasible:
        return Solution(Status.INFEASIBLE, message="; ".join(built.infeasible))
    if options.hint:
        _hint(built)
    if cancel is not None and cancel.is_set():
        return Solution(Status.UNKNOWN, cancelled=True, message="cancelled before the search")

    solver = cp_model.CpSolver()
    apply_params(solver, options)
    callback = _Callback(started, on_progress, cancel)
    solver.best_bound_callback = callback.on_bound
    done = threading.Event()
    watcher = None
    if cancel is not None:
        watcher = threading.Thread(target=_watch, args=(solver, cancel, done), daemon=True)
        watcher.start()
    try:
        status = solver.solve(built.model, callback)
    finally:
        done.set()
        if watcher is not None:
            watcher.join()
    return _result(problem, built, solver, status, callback, options, started, cancel)


def _watch(solver: cp_model.CpSolver, cancel: threading.Event, done: threading.Event) -> None:
    while not done.is_set():
        if cancel.wait(0.05):
            solver.stop_search()
            return


def _hint(built: Built) -> None:
    chosen = set(greedy(built.index.problem))
    for key, var in built.x.items():
        built.model.add_hint(var, key in chosen)


def _result(
    problem: Problem,
    built: Built,
    solver: cp_model.CpSolver,
    status: Any,
    callback: _Callback,
    options: SolveOptions,
    started: float,
    cancel: threading.Event | None,
) -> Solution:
    cancelled = cancel is not None and cancel.is_set()
    wall = time.monotonic() - started
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        mapped = {
            cp_model.INFEASIBLE: Status.INFEASIBLE,
            cp_model.MODEL_INVALID: Status.INVALID,
        }.get(status, Status.UNKNOWN)
        message = "the hard rules contradict each other" if mapped is Status.INFEASIBLE else ""
        return Solution(mapped, wall_time_s=wall, cancelled=cancelled, message=message)
    demands = built.index.demands
    pairs = sorted(key for key, var in built.x.items() if solver.boolean_value(var))
    assignments = tuple(Assignment(p, d, demands[d].shift_id) for p, d in pairs)
    terms = objective_terms(problem, pairs)
    objective = sum(terms.values())
    bound = math.ceil(solver.best_objective_bound - 1e-6)
    # Slack variables need not be tight in an intermediate solution, so the exact
    # objective is the evaluated one (never above the model's).
    return Solution(
        status=Status.OPTIMAL if status == cp_model.OPTIMAL else Status.FEASIBLE,
        assignments=assignments,
        objective=objective,
        bound=min(bound, objective),
        terms=terms,
        open_seats=explain_open(problem, pairs) if options.explain else (),
        wall_time_s=wall,
        time_to_best_s=callback.time_to_best,
        cancelled=cancelled,
    )
