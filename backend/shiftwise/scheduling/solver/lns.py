"""Large-neighbourhood search beside the main CP-SAT search.

The main search (one worker, LP-heavy) proves bounds; this loop, on the other core,
repeatedly frees a window of days or a group of people, fixes every other assignment to
the incumbent and lets CP-SAT re-optimise that part exactly — the "decomposition by
week / by person" the literature uses. Every sub-solve keeps the whole model (only
variable domains change), so every hard rule still holds across the window's edges.
When the incumbent reaches the main search's bound, it is optimal and both stop.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from .check import objective_terms
from .model import Built

Pair = tuple[str, str]


@dataclass
class Incumbent:
    """The best solution found by any search, and the best proven bound."""

    started: float
    on_change: Callable[[Incumbent], None] | None = None
    pairs: frozenset[Pair] | None = None
    objective: int | None = None
    bound: int | None = None
    time_to_best: float = 0.0
    solutions: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def offer(self, pairs: frozenset[Pair], objective: int) -> bool:
        with self.lock:
            self.solutions += 1
            if self.objective is not None and objective >= self.objective:
                return False
            self.pairs, self.objective = pairs, objective
            self.time_to_best = time.monotonic() - self.started
        if self.on_change is not None:
            self.on_change(self)
        return True

    def raise_bound(self, bound: int) -> None:
        with self.lock:
            if self.bound is not None and bound <= self.bound:
                return
            self.bound = bound
        if self.on_change is not None and self.objective is not None:
            self.on_change(self)

    @property
    def proven(self) -> bool:
        return (
            self.objective is not None and self.bound is not None and self.objective <= self.bound
        )


def evaluate(built: Built, solution: Any) -> tuple[frozenset[Pair], int]:
    """Chosen pairs and their exact objective from a full solution vector."""
    pairs = frozenset(key for key, var in built.x.items() if solution[var.index])
    return pairs, sum(objective_terms(built.index.problem, pairs).values())


class Lns:
    def __init__(
        self,
        built: Built,
        incumbent: Incumbent,
        deadline: float,
        stop: threading.Event,
        seed: int = 0,
        step_s: float = 3.0,
    ) -> None:
        self.built = built
        self.incumbent = incumbent
        self.deadline = deadline
        self.stop = stop
        self.rng = random.Random(seed)
        self.step_s = step_s
        self.size = 0.25  # share of the problem freed per step, adapted as we go
        self.current: cp_model.CpSolver | None = None
        self.lock = threading.Lock()
        self.model = built.model.clone()
        self.keys = list(built.x)
        self.index = [built.x[k].index for k in self.keys]
        self.clone_vars = [self.model.get_bool_var_from_proto_index(i) for i in self.index]
        problem = built.index.problem
        self.people = [p.id for p in problem.people]
        self.days = problem.days
        self.day_of = {d.id: d.day for d in problem.demands}

    def interrupt(self) -> None:
        with self.lock:
            if self.current is not None:
                self.current.stop_search()

    def neighbourhood(self) -> set[Pair]:
        """Keys left free: a window of days, a group of people, or both."""
        kind = self.rng.random()
        n_days = max(2, round(self.size * self.days))
        n_people = max(2, round(self.size * len(self.people)))
        if kind < 0.4:
            first = self.rng.randrange(max(1, self.days - n_days + 1))
            days = set(range(first, first + n_days))
            return {k for k in self.keys if self.day_of[k[1]] in days}
        if kind < 0.8:
            people = set(self.rng.sample(self.people, min(n_people, len(self.people))))
            return {k for k in self.keys if k[0] in people}
        width = max(2, min(self.days, 2 * n_days))
        first = self.rng.randrange(max(1, self.days - width + 1))
        people = set(self.rng.sample(self.people, min(2 * n_people, len(self.people))))
        return {
            k for k in self.keys if k[0] in people and first <= self.day_of[k[1]] < first + width
        }

    def run(self) -> None:
        step = 0
        while not self.stop.is_set():
            left = self.deadline - time.monotonic()
            if left < 0.2:
                return
            pairs = self.incumbent.pairs
            if pairs is None:
                self.stop.wait(0.05)
                continue
            free = self.neighbourhood()
            proto = self.model.proto
            self.model.clear_hints()  # type: ignore[no-untyped-call]
            for key, idx, var in zip(self.keys, self.index, self.clone_vars, strict=True):
                value = 1 if key in pairs else 0
                dom = proto.variables[idx].domain
                if key in free:
                    dom[0], dom[1] = 0, 1
                else:
                    dom[0], dom[1] = value, value
                self.model.add_hint(var, value)
            solver = cp_model.CpSolver()
            solver.parameters.num_workers = 1
            solver.parameters.random_seed = step
            solver.parameters.max_time_in_seconds = min(self.step_s, left)
            with self.lock:
                if self.stop.is_set():
                    return
                self.current = solver
            status = solver.solve(self.model)
            with self.lock:
                self.current = None
            step += 1
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                found, objective = evaluate(self.built, solver.response_proto.solution)
                self.incumbent.offer(found, objective)
            # Grow the neighbourhood while sub-problems close quickly, shrink otherwise.
            if status == cp_model.OPTIMAL:
                self.size = min(1.0, self.size * 1.15)
            else:
                self.size = max(0.02, self.size * 0.8)
            if self.incumbent.proven:
                self.stop.set()
                return
