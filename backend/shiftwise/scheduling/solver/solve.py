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
from .columns import ColumnBound, supported
from .construct import construct
from .cpsat import full_lp
from .explain import explain_open
from .lns import Incumbent, Lns, evaluate
from .model import Built, build, interchangeable, order_interchangeable
from .problem import Problem
from .result import Assignment, Progress, Solution, Status

ProgressCallback = Callable[[Progress], None]
# Beyond this many (person, demand) pairs the whole model costs more to build and
# presolve than it pays back within a minute: the neighbourhood search alone runs.
WHOLE_MODEL_MAX_PAIRS = 100_000
WHOLE_MODEL_MAX_DAYS = 91  # longer periods: its stretch automata alone take the minute
HUGE_CONSTRUCT_SHARE = 0.8
AUTOMATON_MAX_PAIRS = 1_000  # Curtois & Qu 1-5 get it; from 6 on it costs more than it gives
# The column bound's thread beside the whole model only up to this size: on Curtois &
# Qu 13 (60,480 pairs) and 19 (84 days) it took CPU the search needed and proved
# nothing (13: 5,399 against 4,984, 19: 7,087 against 6,445; ADR 0006).
COLUMN_BOUND_MAX_PAIRS = 20_000
# On 18 and 19 (84 days) a search on the LP's support found nothing in 44 s.
COLUMN_BOUND_MAX_DAYS = 56
# Beyond this many days CP-SAT's exact pricing is out of reach in a minute (one round of
# Curtois & Qu 17, 56 days, took 111 s): the column generation caps each CP-SAT pricing
# solve (`columns.PRICE_CAP_S`), never leads, and searches its LP's support once the LP
# tails off or this share of the time is spent, converged or not; so does a column
# generation that may lead and did not after its first round (`columns.LEAD_PATIENCE`).
EXACT_PRICING_MAX_DAYS = 42
EARLY_SEARCH_SHARE = 0.5
# From this many pairs, or this many days, on, the whole model neither proves nor
# finds schedules within the minute on two cores: every better schedule of Curtois & Qu
# 12, 16 and 17 came from the neighbourhood search. There a second search thread pays
# (12 about 10 %, 13-14 and 17-18 5-15 % better; ADR 0006); on 1-11 it takes the CPU the
# proofs need (10 lost its optimum).
SECOND_SEARCH_MIN_PAIRS = 10_000
SECOND_SEARCH_MIN_DAYS = 29
# There, too, the whole model stops for good once the search has beaten it and its
# bound has not risen for this long, and leaves both cores to the search: 13 a quarter
# better, 19 a seventh, the others 3-7 % but 14 level (ADR 0006). Its bound is kept.
RETIRE_AFTER_S = 5.0


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
    # Threads beside the whole model's `workers` CP-SAT threads: Python neighbourhood
    # searches, and optionally CP-SAT's lb_tree_search worker (bound). The tree worker
    # in the place of the search raised the bound on Curtois & Qu 7, 8, 10, 11 but
    # proved nothing more, and on an idle host Instance 9's schedule was 543 against
    # 443 (ADR 0006): off, as schedules are what coordinators get.
    tree_worker: bool = False
    lns_threads: int | None = None  # None: `search_threads` decides by size
    construct_share: float = 0.4  # at most this share of the time builds the first solution
    # The whole model restarts from the incumbent when the neighbourhood search has
    # beaten it and its bound has settled for this long; 0 = one round only, the
    # default: restarts cost the LP and its cuts and gained nothing measurable (ADR 0006).
    restart_after_s: float = 0.0
    # The whole model stops for good when the search has beaten it and its bound has
    # not risen for this long; 0 = never; None: `retire_after` decides by size.
    retire_after_s: float | None = None
    # A third thread beside the whole model proves a bound from complete one-person
    # schedules (column generation, `columns.py`): Curtois & Qu 10 and 11's optima,
    # which the whole model's LP stays a few points under (ADR 0006).
    column_bound: bool = True
    # Beyond the size the whole model closes in a minute, the column generation takes
    # every worker once it can converge in the time left; the whole model stops and the
    # searches wait (`columns.ColumnBound`). None: by size (`column_lead`).
    column_lead: bool | None = None


class _Callback(cp_model.CpSolverSolutionCallback):
    """Hands each solution of the main search to the incumbent; honours cancellation."""

    def __init__(
        self,
        built: Built,
        incumbent: Incumbent,
        stop: threading.Event,
        cancel: threading.Event | None,
        rounds: _Rounds,
    ) -> None:
        super().__init__()
        self.built = built
        self.incumbent = incumbent
        self.stop = stop
        self.cancel = cancel
        self.rounds = rounds

    def on_solution_callback(self) -> None:
        pairs, objective = evaluate(self.built, self.response_proto.solution)
        self.rounds.found(objective)
        self.incumbent.offer(pairs, objective)
        if (self.cancel is not None and self.cancel.is_set()) or self.incumbent.proven:
            self.stop.set()
            self.stop_search()

    def on_bound(self, bound: float) -> None:
        self.rounds.moved(math.ceil(bound - 1e-6))
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
        # The LP carries the bound: the clauses too (CP-SAT's "max_lp" worker).
        full_lp(solver)
    else:
        p.subsolvers.append("max_lp")
        if options.tree_worker:
            # A second full worker that keeps returning to the best bound's nodes
            # (Instance 7: bound 1,051-1,052 against 1,043-1,046 with max_lp alone at 60 s).
            p.subsolvers.append("lb_tree_search")
            p.num_workers = workers + 1
    for key, value in options.params.items():
        if isinstance(value, list | tuple):
            getattr(p, key).extend(value)
        else:
            setattr(p, key, value)


def _beyond_whole(problem: Problem) -> bool:
    """Whether the problem is larger than the whole model closes in a minute."""
    return (
        len(problem.people) * len(problem.demands) >= SECOND_SEARCH_MIN_PAIRS
        or problem.days >= SECOND_SEARCH_MIN_DAYS
    )


def search_threads(problem: Problem, options: SolveOptions, whole: bool) -> int:
    """How many neighbourhood-search threads run: every worker's share when there is
    no whole model, else as asked, else one, or two beyond the size the whole model
    closes in a minute."""
    if not whole:
        return max(1, options.workers)
    if options.lns_threads is not None:
        return options.lns_threads
    return 2 if _beyond_whole(problem) else 1


def retire_after(problem: Problem, options: SolveOptions) -> float:
    """After how long a settled bound the whole model leaves the cores to the search
    (0: never): as asked, else only beyond the size it closes in a minute."""
    if options.retire_after_s is not None:
        return options.retire_after_s
    return RETIRE_AFTER_S if _beyond_whole(problem) else 0.0


def column_lead(problem: Problem, options: SolveOptions) -> bool:
    """Whether the column generation may take the lead: as asked, else only beyond the
    size the whole model closes in a minute (on 1-11 the whole model proves the optima)."""
    if options.column_lead is not None:
        return options.column_lead
    return _beyond_whole(problem)


def hint_all(built: Built, pairs: frozenset[tuple[str, str]], deadline: float) -> bool:
    """Hints every variable of the whole model with the schedule `pairs`.

    A hint of the assignment booleans alone is incomplete (day, kind, cover and
    deviation variables are left out), so CP-SAT only uses it to guide its first
    dives; a complete, feasible hint is its first solution, which its own
    neighbourhood search starts from. The other variables follow from the
    assignments: a copy of the model with them fixed is solved (milliseconds).
    Falls back on hinting the assignments alone.
    """
    model = built.model
    model.clear_hints()  # type: ignore[no-untyped-call]
    pairs = frozenset(order_interchangeable(built.index.problem, pairs, built.groups))
    copy = model.clone()
    for key, var in built.x.items():
        copy.add(copy.get_bool_var_from_proto_index(var.index) == int(key in pairs))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(0.05, min(5.0, deadline - time.monotonic()))
    status = solver.solve(copy)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for i, value in enumerate(solver.response_proto.solution):
            model.add_hint(model.get_int_var_from_proto_index(i), value)
        return True
    for key, var in built.x.items():
        model.add_hint(var, key in pairs)
    return False


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
    column: ColumnBound | None = None
    if (
        whole
        and options.column_bound
        and supported(problem)
        and len(problem.people) * len(problem.demands) <= COLUMN_BOUND_MAX_PAIRS
        and problem.days <= COLUMN_BOUND_MAX_DAYS
    ):
        exact = problem.days <= EXACT_PRICING_MAX_DAYS
        lead = exact and column_lead(problem, options)
        column = ColumnBound(
            problem,
            incumbent,
            deadline,
            stop,
            options.workers if lead else 0,
            exact=exact,
            search_at=started + EARLY_SEARCH_SHARE * options.time_limit_s,
        )
    lns_threads = search_threads(problem, options, whole)
    # Alone (no whole model), the search repeats its one-person passes (ADR 0006).
    searches = [
        Lns(
            problem,
            incumbent,
            deadline,
            stop,
            options.seed + i,
            passes=not whole,
            give_way=column.searching if column is not None else None,
        )
        for i in range(lns_threads)
    ]
    rounds: _Rounds | None = None
    built: Built | None = None
    if whole:
        stretches = options.stretches
        if stretches == "auto":
            pairs = len(problem.people) * len(problem.demands)
            stretches = "both" if pairs <= AUTOMATON_MAX_PAIRS else "clauses"
        built = build(problem, stretches)
        if built.infeasible:
            return Solution(Status.INFEASIBLE, message="; ".join(built.infeasible))
        rounds = _Rounds(
            incumbent,
            deadline,
            options.restart_after_s if searches else 0.0,
            retire_after(problem, options) if searches else 0.0,
        )
    helpers: list[Lns | ColumnBound] = list(searches)
    if column is not None:
        helpers.append(column)
    threads = [
        threading.Thread(
            target=_watch,
            args=(incumbent, rounds, helpers, cancel, stop, column.retire if column else None),
            daemon=True,
        )
    ]
    threads += [threading.Thread(target=h.run, daemon=True) for h in helpers]
    for t in threads:
        t.start()
    status: Any = None
    try:
        if rounds is not None and built is not None:
            status = _run_whole(built, rounds, options, cancel, stop)
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


class _Rounds:
    """The whole model's CP-SAT runs, restarted from a better incumbent, or retired.

    CP-SAT takes no solution in the middle of a search, and its own neighbourhood
    search only improves its own solutions: without restarts, a better schedule the
    neighbourhood-search thread finds is never improved by CP-SAT's workers. So once
    the incumbent is better than anything CP-SAT found in a round, and the round's
    bound has caught up with the best proven and not risen for `restart_after`
    seconds, the round stops and the next starts with the incumbent as a complete hint
    (its first solution). A restart loses the learned clauses and cuts; the bound
    proven so far is kept by the incumbent. With `retire_after`, once the incumbent
    beats the round and its bound has not risen for that long (caught up or not:
    nothing is thrown away), the round stops and no other follows: the searches get
    its cores.
    """

    def __init__(
        self, incumbent: Incumbent, deadline: float, restart_after: float, retire_after: float = 0.0
    ) -> None:
        self.incumbent = incumbent
        self.deadline = deadline
        self.restart_after = restart_after
        self.retire_after = retire_after
        self.lock = threading.Lock()
        self.solver: cp_model.CpSolver | None = None
        self.began = 0.0
        self.bound_moved = 0.0  # when this round's bound last rose
        self.bound = 0  # this round's bound
        self.best: int | None = None  # best objective CP-SAT knows in this round
        self.restart = threading.Event()
        self.stopped = False
        self.count = 0

    def begin(self, solver: cp_model.CpSolver) -> bool:
        with self.lock:
            if self.stopped:
                return False
            self.solver = solver
            self.began = self.bound_moved = time.monotonic()
            self.bound = 0
            self.best = self.incumbent.objective
            self.restart.clear()
            return True

    def end(self) -> None:
        with self.lock:
            self.solver = None

    def found(self, objective: int) -> None:
        with self.lock:
            if self.best is None or objective < self.best:
                self.best = objective

    def moved(self, bound: int) -> None:
        with self.lock:
            self.bound_moved = time.monotonic()
            self.bound = max(self.bound, bound)

    def stop(self) -> None:
        with self.lock:
            self.stopped = True
            if self.solver is not None:
                self.solver.stop_search()

    def check(self) -> None:
        """Stops the round, for good or to restart it, when the incumbent beats it and
        its bound has settled."""
        if self.restart_after <= 0 and self.retire_after <= 0:
            return
        objective = self.incumbent.objective
        now = time.monotonic()
        with self.lock:
            if self.solver is None or self.restart.is_set() or self.stopped or objective is None:
                return
            if self.best is not None and objective >= self.best:
                return
            # Not while its LP has given no bound yet or still raises it; and no restart
            # while it has not caught up with the bound proven before (by an earlier
            # round or the column thread): the restart would throw that work away.
            if self.bound <= 0:
                return
            settled = now - self.bound_moved
            if 0 < self.retire_after <= settled:
                self.stopped = True  # no round after this one
                self.solver.stop_search()
                return
            if self.restart_after <= 0 or settled < self.restart_after:
                return
            if self.bound < (self.incumbent.bound or 0):
                return
            if self.deadline - now < self.restart_after:
                return
            self.restart.set()
            self.solver.stop_search()


def _run_whole(
    built: Built,
    rounds: _Rounds,
    options: SolveOptions,
    cancel: threading.Event | None,
    stop: threading.Event,
) -> Any:
    """Runs the whole model in rounds until the deadline, a proof, or a stop."""
    incumbent = rounds.incumbent
    status: Any = None
    while True:
        complete = incumbent.pairs is not None and hint_all(built, incumbent.pairs, rounds.deadline)
        solver = cp_model.CpSolver()
        if complete and built.stretches == "clauses":
            # CP-SAT takes a complete hint as its first solution at once. Its hint
            # search (dives that follow the hint under "objective below the hint's")
            # then delays the max_lp worker's cut rounds on the clause model
            # (Instance 9's bound 185 -> 262-406 without it), but with the automaton
            # in the model it pays: without it Instance 4 lost its proof (ADR 0006).
            solver.parameters.hint_conflict_limit = 0
        apply_params(solver, options, options.workers)
        solver.parameters.random_seed = options.seed + rounds.count
        solver.parameters.max_time_in_seconds = max(0.1, rounds.deadline - time.monotonic())
        callback = _Callback(built, incumbent, stop, cancel, rounds)
        solver.best_bound_callback = callback.on_bound
        if not rounds.begin(solver):
            return status
        try:
            status = solver.solve(built.model, callback)
        finally:
            rounds.end()
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            incumbent.raise_bound(math.ceil(solver.best_objective_bound - 1e-6))
        if not rounds.restart.is_set() or stop.is_set() or status == cp_model.OPTIMAL:
            return status
        rounds.count += 1


def _watch(
    incumbent: Incumbent,
    rounds: _Rounds | None,
    searches: list[Lns | ColumnBound],
    cancel: threading.Event | None,
    stop: threading.Event,
    retire: threading.Event | None = None,
) -> None:
    """Stops every search when cancelled, or when a bound proves the best schedule
    optimal; restarts the whole model's round when the incumbent has moved past it, and
    stops it for good when the column generation retires it (it took the lead, or it
    converged)."""
    while not stop.wait(0.05):
        if (cancel is not None and cancel.is_set()) or incumbent.proven:
            stop.set()
        elif rounds is not None and retire is not None and retire.is_set():
            rounds.stop()
        elif rounds is not None:
            rounds.check()
    if rounds is not None:
        rounds.stop()
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
