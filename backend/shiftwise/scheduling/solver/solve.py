"""Run CP-SAT on a Problem: hints, progress reports, time limit, cancellation."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from .check import objective_terms, violations
from .construct import construct
from .explain import explain_open
from .lns import Incumbent, Lns, evaluate
from .model import Built, build, interchangeable
from .problem import Problem
from .result import Assignment, Progress, Solution, Status

ProgressCallback = Callable[[Progress], None]
# Beyond this many (person, demand) pairs the whole model costs more to build and
# presolve than it pays back within a minute: the neighbourhood search alone runs.
WHOLE_MODEL_MAX_PAIRS = 100_000
WHOLE_MODEL_MAX_DAYS = 91  # longer periods: its stretch automata alone take the minute
HUGE_CONSTRUCT_SHARE = 0.8
AUTOMATON_MAX_PAIRS = 1_000  # Curtois & Qu 1-5 get it; from 6 on it costs more than it gives


@dataclass(frozen=True)
class SolveOptions:
    time_limit_s: float = 60.0
    workers: int = 2
    seed: int = 0
    hint: bool = True  # start from the construction (and fall back on it)
    explain: bool = True  # reasons for every open seat
    log: bool = False  # CP-SAT's search log on stdout
    params: Mapping[str, Any] = field(default_factory=dict)  # extra CP-SAT parameters
    # Whole model's stretch rules: "auto" = the automaton as well (its LP is the convex
    # hull of one person's sequences: the bound) up to AUTOMATON_MAX_PAIRS, clauses
    # alone beyond (the automaton's LP then eats the minute and the search finds little;
    # ADR 0006); or "clauses", "automaton", "both".
    stretches: str = "auto"
    lns_threads: int = 1  # neighbourhood-search threads beside the whole model
    construct_share: float = 0.4  # at most this share of the time builds the first solution


class _Callback(cp_model.CpSolverSolutionCallback):
    """Hands each solution of the main search to the incumbent; honours cancellation."""

    def __init__(
        self,
        built: Built,
        incumbent: Incumbent,
        stop: threading.Event,
        cancel: threading.Event | None,
    ) -> None:
        super().__init__()
        self.built = built
        self.incumbent = incumbent
        self.stop = stop
        self.cancel = cancel

    def on_solution_callback(self) -> None:
        pairs, objective = evaluate(self.built, self.response_proto.solution)
        self.incumbent.offer(pairs, objective)
        if (self.cancel is not None and self.cancel.is_set()) or self.incumbent.proven:
            self.stop.set()
            self.stop_search()

    def on_bound(self, bound: float) -> None:
        self.incumbent.raise_bound(math.ceil(bound - 1e-6))
        if self.incumbent.proven:
            self.stop.set()  # the watcher stops the solver (no callback response yet)


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


def apply_params(solver: cp_model.CpSolver, options: SolveOptions, workers: int) -> None:
    p = solver.parameters
    p.num_workers = workers
    p.max_time_in_seconds = options.time_limit_s
    p.random_seed = options.seed
    p.log_search_progress = options.log
    if workers == 1:
        p.linearization_level = 2  # the LP carries the bound: give it the clauses too
    else:
        p.subsolvers.append("max_lp")
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

    def changed(inc: Incumbent) -> None:
        if on_progress is not None and inc.objective is not None:
            bound = inc.bound if inc.bound is not None else 0
            elapsed = time.monotonic() - started
            on_progress(Progress(inc.objective, min(bound, inc.objective), elapsed, inc.solutions))

    incumbent = Incumbent(started=started, on_change=changed)
    deadline = started + options.time_limit_s
    whole = (
        len(problem.people) * len(problem.demands) <= WHOLE_MODEL_MAX_PAIRS
        and problem.days <= WHOLE_MODEL_MAX_DAYS
    )
    if options.hint:
        share = options.construct_share if whole else HUGE_CONSTRUCT_SHARE
        groups = [[p.id for p in g] for g in interchangeable(problem)]
        partial, complete = construct(problem, options.time_limit_s * share, groups, cancel)
        if complete and not violations(problem, partial):  # checked, not trusted
            chosen = frozenset(partial)
            incumbent.offer(chosen, sum(objective_terms(problem, chosen).values()))
    if cancel is not None and cancel.is_set():
        return _result(problem, None, incumbent, options, started, cancel)

    stop = threading.Event()
    lns_threads = options.lns_threads if whole else max(1, options.workers)
    searches = [
        Lns(problem, incumbent, deadline, stop, options.seed + i) for i in range(lns_threads)
    ]
    solver: cp_model.CpSolver | None = None
    built: Built | None = None
    if whole:
        stretches = options.stretches
        if stretches == "auto":
            pairs = len(problem.people) * len(problem.demands)
            stretches = "both" if pairs <= AUTOMATON_MAX_PAIRS else "clauses"
        built = build(problem, stretches)
        if built.infeasible:
            return Solution(Status.INFEASIBLE, message="; ".join(built.infeasible))
        if incumbent.pairs is not None:
            for key, var in built.x.items():
                built.model.add_hint(var, key in incumbent.pairs)
        solver = cp_model.CpSolver()
        apply_params(solver, options, options.workers)
        solver.parameters.max_time_in_seconds = max(0.1, deadline - time.monotonic())
    threads = [threading.Thread(target=_watch, args=(solver, searches, cancel, stop), daemon=True)]
    threads += [threading.Thread(target=s.run, daemon=True) for s in searches]
    for t in threads:
        t.start()
    status: Any = None
    try:
        if solver is not None and built is not None:
            callback = _Callback(built, incumbent, stop, cancel)
            solver.best_bound_callback = callback.on_bound
            status = solver.solve(built.model, callback)
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                incumbent.raise_bound(math.ceil(solver.best_objective_bound - 1e-6))
            if status == cp_model.INFEASIBLE and incumbent.pairs is None:
                stop.set()
            elif not incumbent.proven and searches:
                # The whole model stopped early (proof or time): the searches go on.
                while not stop.wait(0.05) and time.monotonic() < deadline:
                    pass
        else:
            while not stop.wait(0.05) and time.monotonic() < deadline:
                pass
    finally:
        stop.set()
        for t in threads:
            t.join()
    return _result(problem, status, incumbent, options, started, cancel)


def _watch(
    solver: cp_model.CpSolver | None,
    searches: list[Lns],
    cancel: threading.Event | None,
    stop: threading.Event,
) -> None:
    """Stops every search when cancelled, or when one proves the others optimal."""
    while not stop.wait(0.05):
        if cancel is not None and cancel.is_set():
            stop.set()
    if solver is not None:
        solver.stop_search()
    for s in searches:
        s.interrupt()


def _result(
    problem: Problem,
    status: Any,
    incumbent: Incumbent,
    options: SolveOptions,
    started: float,
    cancel: threading.Event | None,
) -> Solution:
    cancelled = cancel is not None and cancel.is_set()
    wall = time.monotonic() - started
    if incumbent.pairs is None or incumbent.objective is None:
        mapped = {
            cp_model.INFEASIBLE: Status.INFEASIBLE,
            cp_model.MODEL_INVALID: Status.INVALID,
        }.get(status, Status.UNKNOWN)
        message = {
            Status.INFEASIBLE: "the hard rules contradict each other",
            Status.UNKNOWN: "no solution found within the time limit",
        }.get(mapped, "")
        return Solution(mapped, wall_time_s=wall, cancelled=cancelled, message=message)
    demands = {d.id: d for d in problem.demands}
    pairs = sorted(incumbent.pairs)
    broken = violations(problem, pairs)
    if broken:  # never hand out a schedule that breaks a hard rule
        return Solution(
            Status.UNKNOWN,
            wall_time_s=wall,
            cancelled=cancelled,
            message=f"internal error: the best schedule breaks {broken[0].rule}",
        )
    assignments = tuple(Assignment(p, d, demands[d].shift_id) for p, d in pairs)
    terms = objective_terms(problem, pairs)
    objective = sum(terms.values())
    optimal = status == cp_model.OPTIMAL or incumbent.proven
    bound = objective if optimal else min(incumbent.bound or 0, objective)
    return Solution(
        status=Status.OPTIMAL if optimal else Status.FEASIBLE,
        assignments=assignments,
        objective=objective,
        bound=bound,
        terms=terms,
        open_seats=explain_open(problem, pairs) if options.explain else (),
        wall_time_s=wall,
        time_to_best_s=incumbent.time_to_best,
        cancelled=cancelled,
    )
