"""Large-neighbourhood search beside (or instead of) the whole-model CP-SAT search.

The whole model proves bounds (and finds solutions of its own); this loop repeatedly
frees a group of people over a window of days, holds every other assignment as it is
and lets CP-SAT re-optimise that part exactly on a small sub-problem — the
"decomposition by person / by week" the literature uses. The sub-problem carries the
group's work outside the window in their limits and a fixed context either side, so
every hard rule still holds across the window's edges. When the incumbent reaches the
whole model's bound, it is optimal and both stop. Too big for the whole model in the
time (year-long periods, many people), this loop is the search.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ortools.sat.python import cp_model

from .check import Index, group, objective_terms, static_blockers
from .cpsat import Stoppable, full_lp
from .model import Built, build
from .problem import Demand, Person, Problem
from .window import restrict

Pair = tuple[str, str]
# A band (everyone over some days) is cut to this many (person, demand) pairs, about
# what CP-SAT re-optimises in a step.
BAND_PAIRS = 6000
# One-person re-plans cover long periods in windows of this many days: a person's
# whole year is not re-optimised within a step, four weeks in a few hundredths.
SWEEP_DAYS = 28


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
    """Re-optimises a group of people over a window of days, everyone else fixed.

    Each step builds the small sub-problem (`window.restrict`) rather than fixing
    variables in the whole model, so it costs the same on a year as on a month and
    needs no whole model at all. The group is random, or the people who could take a
    seat still open; the window is the whole period when it is short, else some weeks.
    The neighbourhood grows while sub-problems close quickly and shrinks otherwise.
    Equal-cost moves are kept (they let the search drift across plateaus); only
    improvements are offered to the incumbent, scored on the whole problem.
    """

    def __init__(
        self,
        problem: Problem,
        incumbent: Incumbent,
        deadline: float,
        stop: threading.Event,
        seed: int = 0,
        step_s: float = 2.0,
        passes: bool = False,
        give_way: threading.Event | None = None,
    ) -> None:
        self.problem = problem
        # While set, this search takes no steps: another thread's search has the CPU
        # (the column thread's restricted searches, `columns.ColumnBound.searching`).
        self.give_way = give_way
        self.index = Index.of(problem)
        self.incumbent = incumbent
        self.deadline = deadline
        self.stop = stop
        self.rng = random.Random(seed)
        self.step_s = step_s
        self.passes = passes
        self.runner = Stoppable()
        self.people = list(problem.people)
        self._takers: dict[str, list[Person]] = {}
        self.long = problem.days > 63
        self.window = min(problem.days, 28)
        self.group = 3
        # Short periods start with one exact re-plan of each person alone, knowing all
        # the others (coordinate descent): cheap, and it undoes the construction's
        # first-come choices before the random groups begin. With `passes` (this
        # search alone, no whole model beside it), long periods too, person by person
        # over windows of the period, and passes repeat while they gain (ADR 0006:
        # Curtois & Qu 20-23 13-30 % better; beside the whole model on 12, 13 and 19
        # the repeats took the time the bands and CP-SAT use better).
        self.sweep: list[tuple[Person, int, int]] = []
        self.sweep_from: int | None = None
        self._new_pass()
        self.banding = False
        # Bands: everyone over a few days, centred on an open seat. Cover is what the
        # objective is made of, and only everyone at once can move a seat from a
        # crowded shift to an open one of the same days; the band's width adapts.
        self.band = 7
        self.band_share = 0.7
        self.pairs: set[Pair] = set()
        self.objective: int | None = None
        self.worked: dict[str, list[Demand]] = {}
        self.counts: Counter[str] = Counter()

    def takers(self, d: Demand) -> list[Person]:
        """People who may take this demand at all (cached)."""
        if d.id not in self._takers:
            self._takers[d.id] = [p for p in self.people if not static_blockers(p, d)]
        return self._takers[d.id]

    def interrupt(self) -> None:
        self.runner.interrupt()

    def _adopt(self) -> None:
        inc = self.incumbent
        if inc.pairs is not None and inc.objective is not None:
            if self.objective is None or inc.objective < self.objective:
                self.pairs, self.objective = set(inc.pairs), inc.objective
                self.worked = group(self.index, self.pairs)
                self.counts = Counter(did for _, did in self.pairs)

    def _band(self, counts: Counter[str]) -> tuple[list[Person], int, int]:
        """Everyone (or as many as fit) over `self.band` days around an open seat."""
        horizon = self.problem.days
        width = min(horizon, self.band)
        open_seats = [d for d in self.problem.demands if counts[d.id] < d.need]
        seat = self.rng.choice(open_seats) if open_seats else None
        if seat is not None:
            first = min(max(0, seat.day - self.rng.randrange(width)), horizon - width)
        else:
            first = self.rng.randrange(horizon - width + 1)
        last = first + width - 1
        per_day = max(1, len(self.problem.demands) // max(1, horizon))
        room = max(1, BAND_PAIRS // (width * per_day))
        members = list(self.people)
        if len(members) > room:
            # Too many for one step: those who may take the open seat come first.
            takers = list(self.takers(seat)) if seat is not None else []
            self.rng.shuffle(takers)
            chosen = {p.id for p in takers[:room]}
            others = [p for p in members if p.id not in chosen]
            members = takers[:room] + self.rng.sample(others, max(0, room - len(chosen)))
        return members, first, last

    def _neighbourhood(
        self, worked: dict[str, list[Demand]], counts: Counter[str]
    ) -> tuple[list[Person], int, int]:
        horizon = self.problem.days
        if self.sweep:
            person, first, last = self.sweep.pop()
            return [person], first, last
        if self.rng.random() < self.band_share:
            self.banding = True
            return self._band(counts)
        self.banding = False
        if self.long:
            weeks = max(1, self.window // 7)
            first = 7 * self.rng.randrange(max(1, (horizon + 6) // 7 - weeks + 1))
            last = min(horizon - 1, first + 7 * weeks - 1)
        else:
            first, last = 0, horizon - 1
        k = min(len(self.people), max(1, self.group))
        open_seats = [
            d for d in self.problem.demands if first <= d.day <= last and counts[d.id] < d.need
        ]
        pool = self.takers(self.rng.choice(open_seats)) if open_seats else []
        if pool and self.rng.random() < 0.6:
            pool = list(pool)
            self.rng.shuffle(pool)
            members = pool[:k]
            if len(members) < k:
                rest = [p for p in self.people if p not in members]
                members += self.rng.sample(rest, min(len(rest), k - len(members)))
        else:
            members = self.rng.sample(self.people, k)
        return members, first, last

    def _adapt(self, closed: bool) -> None:
        """Grow the neighbourhood after a sub-problem closed, shrink it otherwise."""
        if self.banding:
            self.band = min(self.problem.days, self.band + 1) if closed else max(2, self.band - 1)
            return
        if closed:
            if self.long and self.group >= 8:
                self.window = min(self.problem.days, self.window + 7)
            else:
                self.group += 1
        elif self.long and self.window > 14:
            self.window -= 7
        else:
            self.group = max(1, self.group - 1)

    def _new_pass(self) -> None:
        """Queues one re-plan of every person alone over every window, in random order
        (without `passes`: over the whole period, in staff order, short periods only)."""
        horizon = self.problem.days
        if not self.passes:
            self.sweep = [] if self.long else [(p, 0, horizon - 1) for p in reversed(self.people)]
            return
        width = min(horizon, SWEEP_DAYS) if self.long else horizon
        offset = self.rng.randrange(width) if width < horizon else 0
        cuts = sorted({max(0, s) for s in range(offset - width, horizon, width)} | {horizon})
        spans = [(a, b - 1) for a, b in pairwise(cuts)]
        self.sweep = [(p, first, last) for p in self.people for first, last in spans]
        self.rng.shuffle(self.sweep)

    def run(self) -> None:
        step = 0
        while not self.stop.is_set():
            left = self.deadline - time.monotonic()
            if left < 0.2:
                return
            if self.give_way is not None and self.give_way.is_set():
                self.stop.wait(0.05)
                continue
            self._adopt()
            if self.objective is None:
                self.stop.wait(0.05)
                continue
            pairs, worked, counts = self.pairs, self.worked, self.counts
            sweeping = bool(self.sweep)
            if sweeping and self.passes and self.sweep_from is None:
                self.sweep_from = self.objective  # where this pass started
            members, first, last = self._neighbourhood(worked, counts)
            part = restrict(self.index, worked, counts, members, first, last)
            built = build(part.problem)
            ids = {p.id for p in members}
            if built.infeasible:
                self.group = max(1, self.group - 1)
                continue
            sub_ids = {d.id for d in part.problem.demands}
            before = [k for p in members for k in ((p.id, d.id) for d in worked[p.id])]
            before = [k for k in before if k[1] in sub_ids]
            mine = set(before)
            for key, var in built.x.items():
                built.model.add_hint(var, key in mine)
            solver = cp_model.CpSolver()
            solver.parameters.num_workers = 1
            solver.parameters.random_seed = step
            solver.parameters.max_time_in_seconds = min(self.step_s, left)
            full_lp(solver)  # sub-problems close where the defaults do not (ADR 0006)
            status = self.runner.solve(solver, built.model, self.stop)
            if status is None:
                return
            step += 1
            if sweeping and not self.sweep and self.passes:
                if self.sweep_from is not None and (self.objective or 0) < self.sweep_from:
                    self._new_pass()
                self.sweep_from = None
            if not sweeping:
                self._adapt(status == cp_model.OPTIMAL)
            if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                continue
            after = [key for key, var in built.x.items() if solver.boolean_value(var)]
            if set(after) == mine:
                continue
            # The sub-problem's cost moves exactly as the whole one's (window.restrict).
            delta = sum(objective_terms(part.problem, after).values()) - sum(
                objective_terms(part.problem, before).values()
            )
            if delta > 0 or self.objective is None:
                continue
            for key in before:
                pairs.discard(key)
                counts[key[1]] -= 1
            for key in after:
                pairs.add(key)
                counts[key[1]] += 1
            for pid in ids:
                worked[pid] = [d for d in worked[pid] if d.id not in sub_ids]
            for pid, did in after:
                worked[pid].append(self.index.demands[did])
            self.objective += delta
            if self.problem.weights.unpopular_spread:
                self.objective = sum(objective_terms(self.problem, pairs).values())
            if delta < 0:
                self.incumbent.offer(frozenset(pairs), self.objective)
            if self.incumbent.proven:
                self.stop.set()
                return
