"""Pricing every person of a column-generation round at once, by dynamic programming
over the days (a labelling pricer), with CP-SAT kept for what it does not cover.

Priced one by one with CP-SAT, a person costs 44-60 ms on Curtois & Qu 12 and a round
2-2.5 s of CPU: the column generation needs about 25 of them, more than a 60 s run
has (ADR 0006, "the column generation takes the lead"). Here a round is one shortest
path per person through a layered graph of days, all people in the same NumPy arrays.

A state at the end of a day says what the day-to-day rules need to know: the kind
worked that day, the length of the stretch of work or rest so far, and whether that
stretch began with the period (a stretch touching either end is never too short, and
the first one continues `consecutive_days_before`). Eligibility, successions, rest
between consecutive days, the longest and shortest stretches of work and the shortest
of rest therefore hold exactly on every path.

The rules that count over the period (minutes, total and per window; shifts of a kind;
weekends worked) are priced instead, by Lagrange multipliers adjusted by subgradient
steps. For multipliers lam >= 0 the shortest path's value minus lam . limits is a lower
bound on the person's pricing optimum (the paths are a superset of the valid
schedules), so a round still proves a bound; a path that keeps those rules too is a
valid schedule, and a column when its reduced cost is negative.

Covered: one shift a day, demands of one (day, kind) alike in times and paid minutes,
clashes only between consecutive days, weekends of at most two consecutive days, and
no term that is not a sum over the days (fairness against a target, overtime). The
column generation prices everyone else, and everyone when a round here finds no
column, exactly with CP-SAT (`columns.Pricer`).
"""

from __future__ import annotations

import itertools
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .check import static_blockers
from .model import clash_cliques
from .problem import Person, Problem

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.intp]
Bools = npt.NDArray[np.bool_]
Schedule = frozenset[str]

INF = math.inf
ITERATIONS = 20  # subgradient steps per round


def _limit(coef: Floats, cap: float, rows: list[Floats], caps: list[float]) -> None:
    """Keep the rule coef . worked <= cap when some path could break it, scaled so that
    a shift weighs about one."""
    top = float(np.abs(coef).max()) if coef.size else 0.0
    if top > 0 and float(np.clip(coef, 0, None).sum()) > cap:
        rows.append(coef / top)
        caps.append(cap / top)


@dataclass(frozen=True)
class Labelled:
    """One person's pricing by labelling: a lower bound on min SCALE * cost - duals .
    seats, and the valid schedules met with their scaled value (cheapest first)."""

    bound: int
    found: list[tuple[int, Schedule]]


@dataclass(frozen=True)
class Through:
    """One person's lower bounds on the scaled reduced value (SCALE * cost - duals .
    seats) of a valid schedule: any (`bound`), one working each eligible pair (by demand
    id), one resting each day. Infinite: no valid schedule does."""

    bound: float
    pairs: dict[str, float]
    rest: list[float]


def _structure(problem: Problem) -> tuple[list[str], list[Bools]] | None:
    """The kinds, and per day t >= 1 the (kind yesterday, kind today) pairs forbidden
    by successions and clashes; None when demands clash beyond consecutive days or
    demands of one (day, kind) differ in times or paid minutes."""
    kinds = sorted({d.kind for d in problem.demands})
    col = {k: i for i, k in enumerate(kinds)}
    cells: dict[tuple[int, str], tuple[int, int, int]] = {}
    for d in problem.demands:
        shape = (d.start, d.end, d.minutes)
        if cells.setdefault((d.day, d.kind), shape) != shape:
            return None
    forbid = [np.zeros((len(kinds), len(kinds)), dtype=bool) for _ in range(problem.days)]
    for s in problem.successions:
        if s.first in col and s.then in col:
            for f in forbid[1:]:
                f[col[s.first], col[s.then]] = True
    for clique in clash_cliques(problem.demands, problem.min_rest_minutes):
        for a, b in itertools.combinations(clique, 2):
            first, then = (a, b) if a.day < b.day else (b, a)
            if then.day == first.day:
                continue  # one shift a day already
            if then.day - first.day > 1 or not 0 < then.day < problem.days:
                return None
            forbid[then.day][col[first.kind], col[then.kind]] = True
    return kinds, forbid


def _weekend_days(problem: Problem) -> tuple[list[list[int]], bool]:
    """Each weekend's days within the period, and whether all are consecutive runs of at
    most two days that do not share a day (what the states can count)."""
    seen: set[int] = set()
    out: list[list[int]] = []
    ok = True
    for days in problem.weekends:
        inside = sorted({d for d in days if 0 <= d < problem.days})
        if not inside:
            continue
        if len(inside) > 2 or inside[-1] - inside[0] != len(inside) - 1 or seen & set(inside):
            ok = False
        seen.update(inside)
        out.append(inside)
    return out, ok


def covers(problem: Problem, person: Person, weekends_ok: bool) -> bool:
    """Whether this person's pricing is exact here but for the priced period rules."""
    w = problem.weights
    lim = person.limits
    if lim.max_shifts_per_day != 1:
        return False
    if w.fairness and person.target_minutes is not None:
        return False
    if w.cost and person.overtime_after_minutes is not None and person.overtime_cost_per_hour:
        return False
    if any(e.fixed for e in problem.existing if e.person_id == person.id):
        return False
    return weekends_ok or lim.max_weekends is None


class Labelling:
    """The labelling pricer of a set of people (one per group of interchangeable ones).

    `rows[i]` is person i's row in the arrays, None when not covered. The multipliers
    carry over from round to round: the duals move little between rounds.
    """

    def __init__(self, problem: Problem, people: Sequence[Person], scale: int) -> None:
        self.problem = problem
        self.scale = scale
        structure = _structure(problem)
        weekends, weekends_ok = _weekend_days(problem)
        self.rows: list[int | None] = [None] * len(people)
        if structure is None:
            self.people: list[Person] = []
            return
        self.kinds, self.forbid = structure
        self.people = []
        for i, person in enumerate(people):
            if covers(problem, person, weekends_ok):
                self.rows[i] = len(self.people)
                self.people.append(person)
        if self.people:
            self._arrays(weekends)

    @property
    def covered(self) -> bool:
        return bool(self.people)

    def _arrays(self, weekends: list[list[int]]) -> None:
        problem = self.problem
        w = problem.weights
        n, days, c_n = len(self.people), problem.days, len(self.kinds)
        col = {k: i for i, k in enumerate(self.kinds)}
        demand_at = {d.id: i for i, d in enumerate(problem.demands)}
        minutes = np.zeros((days, c_n))
        for d in problem.demands:
            minutes[d.day, col[d.kind]] = d.minutes
        self.eligible = np.zeros((n, days, c_n), dtype=bool)
        self.cell_cost = np.zeros((n, days, c_n))  # preferences, in objective units
        self.constant = np.zeros(n)  # objective units
        # Every eligible (person, demand): its cell and its own cost (pay, changes).
        pair_row: list[int] = []
        pair_cell: list[int] = []
        pair_demand: list[int] = []
        pair_cost: list[float] = []
        rows: list[list[Floats]] = []
        limits: list[list[float]] = []
        self.max_weekends = np.full(n, INF)
        self.stretch = np.zeros((n, 4))  # max on (inf: none), min on, min off, on before
        for r, person in enumerate(self.people):
            changes = {
                e.demand_id: w.change if e.change_weight is None else e.change_weight
                for e in problem.existing
                if e.person_id == person.id
            }
            self.constant[r] = sum(changes.values())
            for d in problem.demands:
                if static_blockers(person, d):
                    continue
                cell = d.day * c_n + col[d.kind]
                self.eligible[r, d.day, col[d.kind]] = True
                pay = w.cost * round(person.cost_per_hour * d.minutes / 60) if w.cost else 0
                pair_row.append(r)
                pair_cell.append(cell)
                pair_demand.append(demand_at[d.id])
                pair_cost.append(pay - changes.get(d.id, 0))
            for p in person.preferences:
                weight = p.weight * w.preference
                if p.wanted:
                    self.constant[r] += weight
                if not 0 <= p.day < days:
                    continue
                sign = -1 if p.wanted else 1
                if p.kind is None:
                    self.cell_cost[r, p.day, :] += sign * weight
                elif p.kind in col:
                    self.cell_cost[r, p.day, col[p.kind]] += sign * weight
            worked = minutes * self.eligible[r]
            lim = person.limits
            mine: list[Floats] = []
            caps: list[float] = []
            for kind, cap in lim.max_shifts_by_kind.items():
                if kind in col:
                    coef = np.zeros((days, c_n))
                    coef[:, col[kind]] = self.eligible[r, :, col[kind]]
                    _limit(coef, cap, mine, caps)
            windows = [(0, days - 1, lim.min_minutes, lim.max_minutes)]
            windows += [
                (x.first_day, x.last_day, x.min_minutes, x.max_minutes) for x in lim.windows
            ]
            for first, last, low, high in windows:
                inside = np.zeros((days, 1))
                inside[max(0, first) : max(0, last + 1)] = 1
                if high is not None:
                    _limit(worked * inside, high, mine, caps)
                if low is not None and low > 0:
                    _limit(-worked * inside, -low, mine, caps)
            rows.append(mine)
            limits.append(caps)
            if lim.max_weekends is not None and lim.max_weekends < len(weekends):
                self.max_weekends[r] = lim.max_weekends
            self.stretch[r] = (
                INF if lim.max_consecutive_days is None else lim.max_consecutive_days,
                max(1, lim.min_consecutive_days or 1),
                max(1, lim.min_consecutive_days_off or 1),
                lim.consecutive_days_before,
            )
        r_n = max((len(m) for m in rows), default=0)
        self.coef = np.zeros((n, r_n, days, c_n))
        self.caps = np.zeros((n, r_n))
        for r, (mine, caps) in enumerate(zip(rows, limits, strict=True)):
            for at, (row_coef, row_cap) in enumerate(zip(mine, caps, strict=True)):
                self.coef[r, at] = row_coef
                self.caps[r, at] = row_cap
        self.lam = np.zeros((n, r_n))
        self.lam_weekends = np.zeros(n)
        # The multipliers of each person's best bound in the last round (`through`).
        self.best_lam = self.lam
        self.best_lam_weekends = self.lam_weekends
        order = np.lexsort((np.array(pair_demand), np.array(pair_cell), np.array(pair_row)))
        self.pair_row = np.array(pair_row, dtype=np.intp)[order]
        self.pair_cell = np.array(pair_cell, dtype=np.intp)[order]
        self.pair_demand = np.array(pair_demand, dtype=np.intp)[order]
        self.pair_cost = np.array(pair_cost, dtype=np.float64)[order]
        self.demand_ids = [d.id for d in problem.demands]
        # Weekends: a day that starts one (any work there counts it), and a day that
        # continues one (work there counts it unless the day before was worked).
        self.weekend_start = np.zeros(days, dtype=bool)
        self.weekend_more = np.zeros(days, dtype=bool)
        self.weekend_of = np.full(days, -1, dtype=np.intp)
        for k, wdays in enumerate(weekends):
            self.weekend_start[wdays[0]] = True
            self.weekend_more[wdays[1:]] = True
            self.weekend_of[wdays] = k
        self.weekend_count = len(weekends)
        # The stretch states: lengths 1..K of work, 1..J of rest (J: J or more).
        max_on, min_on, min_off, before = self.stretch.T
        finite = max_on[np.isfinite(max_on)]
        self.K = int(max(1, min_on.max(), finite.max() if finite.size else 1))
        self.J = int(max(1, min_off.max()))
        length = np.arange(1, self.K + 1)[None, :]
        pen = np.zeros((n, self.K, 2))
        pen[:, :, 0][length > max_on[:, None]] = INF  # an inner stretch this long
        pen[:, :, 1][length + before[:, None] > max_on[:, None]] = INF  # the first one
        self.length_pen = pen
        self.saturate_pen = np.where(np.isfinite(max_on), INF, 0.0)
        stop = np.zeros((n, self.K, 2))
        stop[:, :, 0][length < min_on[:, None]] = INF  # the first stretch may stop at any length
        self.stop_pen = stop
        j = np.arange(self.J + 1)[None, :]
        self.rest_pen = np.where((j == 0) | (j >= min_off[:, None]), 0.0, INF)
        self.forbid_pen = [np.where(f, INF, 0.0) for f in self.forbid]

    def _cells(self, duals: Floats) -> tuple[Floats, Ints]:
        """Each person's scaled cost of each (day, kind), through its cheapest eligible
        demand, and that demand (-1 where none)."""
        n, days, c_n = self.eligible.shape
        value = self.scale * self.pair_cost - duals[self.pair_demand]
        key = self.pair_row * (days * c_n) + self.pair_cell
        order = np.lexsort((value, key))
        first = np.ones(order.size, dtype=bool)
        first[1:] = key[order][1:] != key[order][:-1]
        chosen = order[first]
        node = np.full(n * days * c_n, INF)
        demand = np.full(n * days * c_n, -1, dtype=np.intp)
        node[key[chosen]] = value[chosen]
        demand[key[chosen]] = self.pair_demand[chosen]
        node = node.reshape(n, days, c_n) + self.scale * self.cell_cost
        return node, demand.reshape(n, days, c_n)

    def _multiplied(
        self, node: Floats, lam: Floats, lam_weekends: Floats
    ) -> tuple[Floats, Floats, Floats]:
        """The cells' costs with the period rules' multipliers, the weekends' multipliers
        of those with a weekend limit, and what a path's value takes to be a bound (the
        person's constant less each multiplier times its limit)."""
        has_weekends = np.isfinite(self.max_weekends)
        lam_w = np.where(has_weekends, lam_weekends, 0.0)
        offset = (
            self.scale * self.constant
            - (lam * self.caps).sum(1)
            - lam_w * np.where(has_weekends, self.max_weekends, 0.0)
        )
        return node + np.einsum("pr,prtc->ptc", lam, self.coef), lam_w, offset

    def _today(self, node: Floats, lam_weekends: Floats) -> list[Floats]:
        """Each day's cost of each kind: a day that starts a weekend costs its multiplier
        on any work."""
        return [
            node[:, t, :] + lam_weekends[:, None] if self.weekend_start[t] else node[:, t, :]
            for t in range(node.shape[1])
        ]

    def _forward(self, today: list[Floats], lam_weekends: Floats) -> list[tuple[Floats, Floats]]:
        """Each day's cheapest value of every state at its end, that day's cost included:
        work (kind, stretch length 1..K, first stretch or not) and rest (0: none worked
        yet; 1..J: rest of that length, J or more)."""
        n, c_n = today[0].shape
        days = len(today)
        K, J = self.K, self.J
        on = np.full((n, c_n, K, 2), INF)
        rest = np.full((n, J + 1), INF)
        rest[:, 0] = 0.0
        on[:, :, 0, 1] = today[0] + self.length_pen[:, None, 0, 1]
        history: list[tuple[Floats, Floats]] = [(on, rest)]
        for t in range(1, days):
            stop_min = (on + self.stop_pen[:, None, :, :]).reshape(n, -1).min(1)
            new_rest = np.empty_like(rest)
            new_rest[:, 0] = rest[:, 0]
            if J == 1:
                new_rest[:, 1] = np.minimum(rest[:, 1], stop_min)
            else:
                new_rest[:, 1] = stop_min
                new_rest[:, 2:J] = rest[:, 1 : J - 1]
                new_rest[:, J] = np.minimum(rest[:, J - 1], rest[:, J])
            from_rest = (rest + self.rest_pen).min(1)
            if self.weekend_more[t]:
                from_rest = from_rest + lam_weekends
            going = (on[:, :, None, :, :] + self.forbid_pen[t][None, :, :, None, None]).min(1)
            new_on = np.empty_like(on)
            new_on[:, :, 0, 0] = from_rest[:, None]
            new_on[:, :, 0, 1] = INF
            new_on[:, :, 1:, :] = going[:, :, :-1, :] + self.length_pen[:, None, 1:, :]
            held = going[:, :, K - 1, :] + self.saturate_pen[:, None, None]
            new_on[:, :, K - 1, :] = np.minimum(new_on[:, :, K - 1, :], held)
            on = new_on + today[t][:, :, None, None]
            rest = new_rest
            history.append((on, rest))
        return history

    def _backward(self, today: list[Floats], lam_weekends: Floats) -> list[tuple[Floats, Floats]]:
        """Each day's cheapest value of the days after it from every state at its end
        (the forward pass's transitions read the other way; every state may finish)."""
        n, c_n = today[0].shape
        days = len(today)
        K, J = self.K, self.J
        on = np.zeros((n, c_n, K, 2))
        rest = np.zeros((n, J + 1))
        ahead = [(on, rest)]
        after = np.minimum(np.arange(J + 1) + 1, J)
        after[0] = 0  # no work yet stays no work yet
        for t in range(days - 1, 0, -1):
            # From each state at the end of day t - 1 into day t, then the rest.
            g_on = on + today[t][:, :, None, None]
            start = g_on[:, :, 0, 0].min(1)
            if self.weekend_more[t]:
                start = start + lam_weekends
            new_rest = np.minimum(rest[:, after], self.rest_pen + start[:, None])
            going = (self.forbid_pen[t][None, :, :, None, None] + g_on[:, None, :, :, :]).min(2)
            new_on = np.empty_like(on)
            new_on[:] = self.stop_pen[:, None, :, :] + rest[:, 1][:, None, None, None]
            new_on[:, :, :-1, :] = np.minimum(
                new_on[:, :, :-1, :], going[:, :, 1:, :] + self.length_pen[:, None, 1:, :]
            )
            held = going[:, :, K - 1, :] + self.saturate_pen[:, None, None]
            new_on[:, :, K - 1, :] = np.minimum(new_on[:, :, K - 1, :], held)
            on, rest = new_on, new_rest
            ahead.append((on, rest))
        ahead.reverse()
        return ahead

    def _paths(self, node: Floats, lam_weekends: Floats) -> tuple[Floats, Ints]:
        """The shortest path of every person through the days: its value and the kind
        worked each day (-1: rest).

        The forward pass keeps each day's values only; the way back recomputes the few
        minima along each person's path instead of storing every state's."""
        n, days, c_n = node.shape
        K, J = self.K, self.J
        rows = np.arange(n)
        history = self._forward(self._today(node, lam_weekends), lam_weekends)
        on, rest = history[-1]
        # The last stretch touches the end: every state may finish.
        last = np.concatenate([on.reshape(n, -1), rest], axis=1)
        state = last.argmin(1)
        value = last[rows, state]
        path = np.full((n, days), -1, dtype=np.intp)
        width = c_n * K * 2
        is_on = state < width
        c, k, f = np.unravel_index(np.where(is_on, state, 0), (c_n, K, 2))
        j = np.where(is_on, 0, state - width)
        for t in range(days - 1, 0, -1):
            path[:, t] = np.where(is_on, c, -1)
            on_before, rest_before = history[t - 1]
            # Work today: after rest (a new inner stretch), one more day of a stretch, or
            # (no maximum) one more day of a stretch already K or more long: the cheapest.
            from_rest = rest_before + self.rest_pen
            if self.weekend_more[t]:
                from_rest = from_rest + lam_weekends[:, None]
            allowed = self.forbid_pen[t][:, c].T
            longer = on_before[rows, :, np.maximum(k - 1, 0), f] + allowed
            held = on_before[rows, :, K - 1, f] + allowed
            ways = np.stack(
                [
                    np.where((k == 0) & (f == 0), from_rest.min(1), INF),
                    np.where(k > 0, longer.min(1) + self.length_pen[rows, k, f], INF),
                    np.where(k == K - 1, held.min(1) + self.saturate_pen, INF),
                ],
                axis=1,
            ).argmin(1)
            entered = is_on & (ways == 0)
            c_before = np.where(ways == 2, held.argmin(1), longer.argmin(1))
            k_before = np.where(ways == 2, k, np.maximum(k - 1, 0))
            # Rest today: the first day of rest after a stretch, or one more day of rest.
            stopping = (on_before + self.stop_pen[:, None, :, :]).reshape(n, -1)
            stop_arg = stopping.argmin(1)
            if J == 1:
                stayed = rest_before[:, 1] <= stopping[rows, stop_arg]
            else:
                stayed = rest_before[:, J] < rest_before[:, J - 1]
            stopped = ~is_on & (j == 1) & ~((J == 1) & stayed)
            sc, sk, sf = np.unravel_index(stop_arg, (c_n, K, 2))
            j_before = np.where(
                entered,
                from_rest.argmin(1),
                np.where(j == 0, 0, np.where((j == J) & stayed, J, np.maximum(j - 1, 1))),
            )
            c = np.where(stopped, sc, np.where(is_on, c_before, 0))
            k = np.where(stopped, sk, np.where(is_on, k_before, 0))
            f = np.where(stopped, sf, np.where(is_on, f, 0))
            is_on = stopped | (is_on & ~entered)
            j = np.where(is_on, 0, j_before)
        path[:, 0] = np.where(is_on, c, -1)
        return value, path

    def price(
        self, duals: dict[str, int], stop: threading.Event | None = None
    ) -> list[Labelled | None]:
        """Every covered person's bound and the valid schedules met (None: not covered).
        A stop ends the subgradient steps early; the bounds stand (each step's is one)."""
        if not self.people:
            return [None] * len(self.rows)
        dual = np.array([duals.get(i, 0) for i in self.demand_ids], dtype=np.float64)
        node, demand = self._cells(dual)
        n, days, c_n = node.shape
        rows = np.arange(n)
        scale = self.scale
        constant = scale * self.constant
        caps = self.caps
        lam, lam_w = self.lam, self.lam_weekends
        has_weekends = np.isfinite(self.max_weekends)
        max_weekends = np.where(has_weekends, self.max_weekends, 0.0)
        best = np.full(n, -INF)
        cheapest = np.full(n, INF)  # the best valid schedule's scaled value
        stale = np.zeros(n, dtype=np.intp)
        step = np.ones(n)
        found: list[dict[Schedule, int]] = [{} for _ in range(n)]
        best_lam, best_lam_w = lam.copy(), lam_w.copy()
        for _ in range(ITERATIONS):
            if stop is not None and stop.is_set() and np.isfinite(best).all():
                break  # after at least one step: its bounds stand
            priced, weekend_lam, offset = self._multiplied(node, lam, lam_w)
            value, path = self._paths(priced, weekend_lam)
            worked = path >= 0
            kinds = np.where(worked, path, 0)
            take = np.zeros((n, days, c_n))
            take[rows[:, None], np.arange(days)[None, :], kinds] = worked
            used = np.einsum("prtc,ptc->pr", self.coef, take)
            weekends = np.zeros(n)
            if self.weekend_count:
                hit = np.zeros((n, self.weekend_count), dtype=bool)
                wk = self.weekend_of
                for t in np.flatnonzero(wk >= 0):
                    hit[:, wk[t]] |= worked[:, t]
                weekends = hit.sum(1).astype(np.float64)
            bound = value + offset
            known = np.isfinite(best)
            margin = 1e-9 * np.maximum(1.0, np.abs(np.where(known, best, 0.0)))
            improved = ~known | (bound > np.where(known, best, 0.0) + margin)
            higher = bound > best
            best_lam[higher] = lam[higher]
            best_lam_w[higher] = lam_w[higher]
            best = np.maximum(best, bound)
            stale = np.where(improved, 0, stale + 1)
            step = np.where(stale >= 3, step / 2, step)
            stale = np.where(stale >= 3, 0, stale)
            over = used - caps
            over_w = np.where(has_weekends, weekends - max_weekends, 0.0)
            valid = (over <= 1e-9).all(1) & (over_w <= 0)
            true = np.where(take > 0, node, 0.0).sum((1, 2)) + constant
            for r in np.flatnonzero(valid):
                ids = demand[r, worked[r], kinds[r, worked[r]]]
                schedule = frozenset(self.demand_ids[i] for i in ids)
                found[r][schedule] = round(float(true[r]))
            cheapest = np.where(valid, np.minimum(cheapest, true), cheapest)
            # Subgradient step towards the best valid schedule's value (or a little
            # above the bound when none is known), on the rules that bind or are priced.
            g = np.where((lam > 0) | (over > 0), over, 0.0)
            g_w = np.where((lam_w > 0) | (over_w > 0), over_w, 0.0)
            norm = (g * g).sum(1) + g_w * g_w
            target = np.where(
                np.isfinite(cheapest), cheapest, best + np.maximum(scale, 0.05 * np.abs(best))
            )
            gap = np.maximum(target - bound, 0.01 * scale)
            size = np.where(norm > 0, step * gap / np.maximum(norm, 1e-12), 0.0)
            lam = np.maximum(0.0, lam + size[:, None] * g)
            lam_w = np.maximum(0.0, lam_w + size * g_w)
        self.lam, self.lam_weekends = lam, lam_w
        self.best_lam, self.best_lam_weekends = best_lam, best_lam_w
        out: list[Labelled | None] = []
        for row in self.rows:
            if row is None:
                out.append(None)
                continue
            met = sorted(found[row].items(), key=lambda item: item[1])
            floor = math.floor(best[row] - 1e-7 * max(1.0, abs(best[row])))
            out.append(Labelled(bound=floor, found=[(v, s) for s, v in met]))
        return out

    def through(self, duals: dict[str, int]) -> list[Through | None]:
        """Every covered person's lower bounds on the scaled reduced value of a valid
        schedule that works each eligible pair, or rests each day, under the multipliers
        of their best bound in the last round (price these duals first). A forward and a
        backward pass: the cheapest path through a state is the sum of its two values."""
        if not self.people:
            return [None] * len(self.rows)
        dual = np.array([duals.get(i, 0) for i in self.demand_ids], dtype=np.float64)
        node, _ = self._cells(dual)
        n = node.shape[0]
        priced, lam_w, offset = self._multiplied(node, self.best_lam, self.best_lam_weekends)
        today = self._today(priced, lam_w)
        forward = self._forward(today, lam_w)
        backward = self._backward(today, lam_w)
        cell = np.stack(
            [(f + b).min((2, 3)) for (f, _), (b, _) in zip(forward, backward, strict=True)], 1
        )
        rest = np.stack(
            [(f + b).min(1) for (_, f), (_, b) in zip(forward, backward, strict=True)], 1
        )
        bound = np.minimum(cell[:, 0, :].min(1), rest[:, 0]) + offset
        # A pair costs what its cell's cheapest demand costs, and its own difference.
        cheapest = (node - self.scale * self.cell_cost).reshape(n, -1)
        value = self.scale * self.pair_cost - dual[self.pair_demand]
        pair = (
            cell.reshape(n, -1)[self.pair_row, self.pair_cell]
            + value
            - cheapest[self.pair_row, self.pair_cell]
            + offset[self.pair_row]
        )
        pairs: list[dict[str, float]] = [{} for _ in range(n)]
        rows, demands = self.pair_row.tolist(), self.pair_demand.tolist()
        for r, d, v in zip(rows, demands, pair.tolist(), strict=True):
            pairs[r][self.demand_ids[d]] = v
        out: list[Through | None] = []
        for row in self.rows:
            if row is None:
                out.append(None)
                continue
            out.append(
                Through(
                    bound=float(bound[row]),
                    pairs=pairs[row],
                    rest=(rest[row] + offset[row]).tolist(),
                )
            )
        return out

    def reduced(self, row: int, duals: dict[str, int]) -> tuple[int, dict[str, int]]:
        """Person `row`'s scaled reduced cost (SCALE * cost - duals . seats) as a constant
        and a coefficient per eligible demand: with one shift a day, a preference for a
        day rides on each of its demands."""
        mine = np.flatnonzero(self.pair_row == row)
        cells = self.pair_cell[mine]
        coef = self.scale * (
            self.pair_cost[mine] + self.cell_cost[row].reshape(-1)[cells]
        ) - np.array([duals.get(self.demand_ids[d], 0) for d in self.pair_demand[mine]])
        return round(self.scale * float(self.constant[row])), {
            self.demand_ids[d]: round(float(c))
            for d, c in zip(self.pair_demand[mine].tolist(), coef.tolist(), strict=True)
        }
