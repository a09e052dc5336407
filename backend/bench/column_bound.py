"""The per-person column bound (Dantzig-Wolfe root LP) of a solver `Problem`, measured.

A research spike for issue 5 (ADR 0006): does the set-partitioning reformulation's LP
bound reach the optimum where the whole CP-SAT model's bound stalls, and how fast?

Master LP (GLOP): each person (or group of interchangeable people) takes a convex
combination of complete schedules; each demand row counts the schedules' seats plus an
under-cover slack minus an over-cover slack, at their weights. A schedule's cost is the
person's own soft terms (preferences). Pricing: per person, the cheapest schedule under
the reduced costs subject to all that person's rules, solved exactly by a one-person
CP-SAT model (one worker). Duals are rounded to 1/SCALE before pricing, so every pricing
round gives an exact Lagrangian lower bound L(pi) = sum_d need_d * pi_d + sum_p
min_schedule(cost - pi . seats) at those rounded duals. With --alpha > 0, pricing is done
at duals smoothed towards the best Lagrangian point so far (Wentges), falling back to the
LP duals when the smoothed point yields no column (measured slower here: off by default).

Two primal experiments on the result: --restricted-ip (the pooled columns as a
set-partitioning MIP) and --rc-probe (the whole model with each person's reduced cost
capped, at the optimum and one below). Results: ADR 0006, "the per-person column bound".

    uv run --no-sync python -m bench.column_bound --instances 7,9,10,11 --time-limit 300
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from bench.curtois import (
    BEST_KNOWN,
    DATA_DIR,
    Instance,
    benchmark_objective,
    parse,
    to_problem,
)
from shiftwise.scheduling.solver.check import (
    Index,
    person_terms,
    person_violations,
    static_blockers,
)
from shiftwise.scheduling.solver.construct import construct
from shiftwise.scheduling.solver.model import build, clash_cliques, interchangeable
from shiftwise.scheduling.solver.problem import Demand, Person, Problem

SCALE = 10_000  # duals are rounded to 1/SCALE: pricing is exact in integers
EPS = 1e-6
PRICING_PARAMS: dict[str, Any] = {}  # extra CP-SAT parameters of the pricing (--pricing-params)
PROBE_PARAMS: dict[str, Any] = {}  # and of the reduced-cost probe (--probe-params)
Var = Any  # cp_model.IntVar / pywraplp.Variable; ortools ships no type stubs
Schedule = frozenset[str]  # demand ids one person works


def _check_supported(problem: Problem) -> None:
    """The spike prices preferences only: refuse what it would silently get wrong."""
    w = problem.weights
    if w.fairness or w.cost or w.unpopular_spread or problem.existing:
        raise ValueError("column bound: fairness, cost, unpopular spread, existing unsupported")
    for p in problem.people:
        if p.limits.windows or p.limits.max_shifts_per_day != 1:
            raise ValueError("column bound: minute windows / several shifts a day unsupported")


def _under(problem: Problem, d: Demand) -> int:
    return problem.weights.unfilled if d.under_weight is None else d.under_weight


def _over(problem: Problem, d: Demand) -> int:
    return problem.weights.over_staffing if d.over_weight is None else d.over_weight


class Pricer:
    """One person's exact pricing problem: the cheapest valid schedule under duals."""

    def __init__(self, problem: Problem, person: Person, cross_day: list[list[Demand]]) -> None:
        self.person = person
        self.index = Index.of(problem)
        lim = person.limits
        m = cp_model.CpModel()
        self.model = m
        elig = [d for d in problem.demands if not static_blockers(person, d)]
        self.elig = elig
        self.x: dict[str, Var] = {d.id: m.new_bool_var(f"x[{d.id}]") for d in elig}
        by_day: dict[int, list[Demand]] = defaultdict(list)
        by_day_kind: dict[tuple[int, str], list[Demand]] = defaultdict(list)
        for d in elig:
            by_day[d.day].append(d)
            by_day_kind[d.day, d.kind].append(d)
        work: list[Var | bool] = []
        for day in range(problem.days):
            ds = by_day.get(day, [])
            if not ds:
                work.append(False)
            elif len(ds) == 1:
                work.append(self.x[ds[0].id])
            else:
                wv = m.new_bool_var(f"w[{day}]")
                m.add(sum(self.x[d.id] for d in ds) == wv)
                work.append(wv)
        for clique in cross_day:
            lits = [self.x[d.id] for d in clique if d.id in self.x]
            if len(lits) > 1:
                m.add_at_most_one(lits)
        successors: dict[str, list[str]] = defaultdict(list)
        for s in problem.successions:
            successors[s.first].append(s.then)
        for (day, first), ds in by_day_kind.items():
            for then in successors.get(first, ()):
                nxt = by_day_kind.get((day + 1, then))
                if nxt:
                    m.add(sum(self.x[d.id] for d in [*ds, *nxt]) <= 1)
        for kind, cap in lim.max_shifts_by_kind.items():
            lits = [self.x[d.id] for d in elig if d.kind == kind]
            if len(lits) > cap:
                m.add(sum(lits) <= cap)
        minutes = sum(d.minutes * self.x[d.id] for d in elig)
        if lim.max_minutes is not None:
            m.add(minutes <= lim.max_minutes)
        if lim.min_minutes is not None:
            m.add(minutes >= lim.min_minutes)
        self._stretches(work)
        if lim.max_weekends is not None:
            flags = []
            for wk, days in enumerate(problem.weekends):
                lits = [work[d] for d in days if 0 <= d < problem.days and work[d] is not False]
                if not lits:
                    continue
                we = m.new_bool_var(f"we[{wk}]")
                for lit in lits:
                    m.add_implication(lit, we)
                flags.append(we)
            if len(flags) > lim.max_weekends:
                m.add(sum(flags) <= lim.max_weekends)
        # Preference cost as a linear function of the x: constant + sum coef * x.
        self.constant = 0
        self.coef: dict[str, int] = defaultdict(int)
        weight = problem.weights.preference
        for p in person.preferences:
            hit = [d for d in by_day.get(p.day, []) if p.kind is None or d.kind == p.kind]
            if p.wanted:
                self.constant += p.weight * weight
            for d in hit:
                self.coef[d.id] += (-1 if p.wanted else 1) * p.weight * weight
        self.solves = 0
        self.seconds = 0.0

    def _stretches(self, work: list[Var | bool]) -> None:
        m = self.model
        lim = self.person.limits
        n = len(work)
        if lim.max_consecutive_days is not None:
            top = lim.max_consecutive_days
            for s in range(n - top):
                window = [v for v in work[s : s + top + 1] if v is not False]
                if len(window) > top:
                    m.add(sum(window) <= top)
            h = lim.consecutive_days_before
            if h > 0:
                first = [v for v in work[: max(0, top - h + 1)] if v is not False]
                if len(first) > top - h:
                    m.add(sum(first) <= max(0, top - h))

        def lit(v: Any, positive: bool) -> Any:
            if v is False:
                return not positive
            return v if positive else v.Not()

        for value, minimum in (
            (True, lim.min_consecutive_days),
            (False, lim.min_consecutive_days_off),
        ):
            if not minimum or minimum <= 1:
                continue
            for length in range(1, minimum):
                for s in range(1, n - length):
                    lits = [lit(work[s - 1], value)]
                    lits += [lit(work[i], not value) for i in range(s, s + length)]
                    lits.append(lit(work[s + length], value))
                    if any(v is True for v in lits):
                        continue
                    m.add_bool_or([v for v in lits if v is not False])

    def cost(self, sched: Schedule) -> int:
        """The schedule's own soft cost, scored by the independent checker."""
        worked = [self.index.demands[i] for i in sched]
        return sum(person_terms(self.index, self.person, worked).values())

    def price(self, duals: dict[str, int], time_limit: float) -> tuple[int, list[Schedule]]:
        """Exact min of SCALE * cost - duals . seats (a proven lower bound if cut short),
        and every improving schedule the search met, best last."""
        m = self.model
        ids = list(self.x)
        coefs = [SCALE * self.coef.get(i, 0) - duals.get(i, 0) for i in ids]
        m.minimize(
            cp_model.LinearExpr.weighted_sum([self.x[i] for i in ids], coefs)
            + SCALE * self.constant
        )
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = max(0.01, time_limit)
        for key, value in PRICING_PARAMS.items():
            setattr(solver.parameters, key, value)
        found: list[Schedule] = []
        x = self.x

        class Collect(cp_model.CpSolverSolutionCallback):
            def on_solution_callback(self) -> None:
                found.append(frozenset(i for i in ids if self.boolean_value(x[i])))

        started = time.monotonic()
        status = solver.solve(m, Collect())
        self.seconds += time.monotonic() - started
        self.solves += 1
        if status == cp_model.OPTIMAL:
            return round(solver.objective_value), found
        if status == cp_model.FEASIBLE:
            return math.floor(solver.best_objective_bound + EPS), found
        if status == cp_model.UNKNOWN:  # out of time: the trivial bound keeps L valid
            return SCALE * self.constant + sum(min(0, c) for c in coefs), found
        raise RuntimeError(f"pricing for {self.person.id}: status {solver.status_name(status)}")


@dataclass
class Group:
    """People who are interchangeable share one pricing problem and one convexity row."""

    members: list[Person]
    pricer: Pricer
    columns: set[Schedule] = field(default_factory=set)
    row: Any = None


@dataclass
class Trace:
    seconds: float
    iteration: int
    columns: int
    lp: float
    lagrangian: float
    best_lagrangian: float


@dataclass
class Result:
    name: str
    lp: float
    best_lagrangian: float
    converged: bool
    iterations: int
    columns: int
    seconds: float
    seed_objective: int
    trace: list[Trace]
    pricing_seconds: float
    lp_seconds: float
    pricing_solves: int


class ColumnBound:
    def __init__(self, problem: Problem) -> None:
        _check_supported(problem)
        self.problem = problem
        cross_day = [
            c
            for c in clash_cliques(problem.demands, problem.min_rest_minutes)
            if len({d.day for d in c}) > 1
        ]
        grouped = {p.id for g in interchangeable(problem) for p in g}
        self.groups: list[Group] = []
        for same in interchangeable(problem):
            self.groups.append(Group(list(same), Pricer(problem, same[0], cross_day)))
        for p in problem.people:
            if p.id not in grouped:
                self.groups.append(Group([p], Pricer(problem, p, cross_day)))
        self.lp = pywraplp.Solver.CreateSolver("GLOP")
        if self.lp is None:
            raise RuntimeError("GLOP is not available")
        self.lp.SetNumThreads(1)
        inf = self.lp.infinity()
        self.cover: dict[str, Any] = {}
        for d in problem.demands:
            row = self.lp.Constraint(d.need, d.need, f"cover[{d.id}]")
            under = self.lp.NumVar(0, inf, f"under[{d.id}]")
            over = self.lp.NumVar(0, inf, f"over[{d.id}]")
            row.SetCoefficient(under, 1)
            row.SetCoefficient(over, -1)
            self.lp.Objective().SetCoefficient(under, _under(problem, d))
            self.lp.Objective().SetCoefficient(over, _over(problem, d))
            self.cover[d.id] = row
        for k, g in enumerate(self.groups):
            g.row = self.lp.Constraint(len(g.members), len(g.members), f"convex[{k}]")
        self.lp.Objective().SetMinimization()
        self.n_columns = 0
        self.seed_schedules: dict[str, Schedule] = {}
        # The rounded duals (x SCALE) of the best Lagrangian bound and each group's pricing
        # optimum there: what the reduced-cost probe needs.
        self.best_duals: dict[str, int] = {}
        self.best_values: list[int] = []

    def add(self, g: Group, sched: Schedule) -> bool:
        if sched in g.columns:
            return False
        g.columns.add(sched)
        var = self.lp.NumVar(0, self.lp.infinity(), f"col{self.n_columns}")
        self.n_columns += 1
        self.lp.Objective().SetCoefficient(var, g.pricer.cost(sched))
        g.row.SetCoefficient(var, 1)
        for did in sched:
            self.cover[did].SetCoefficient(var, 1)
        return True

    def objective_of(self, schedules: dict[str, Schedule]) -> int:
        """The master's objective for one schedule per person (an integer point)."""
        total = 0
        seats: dict[str, int] = defaultdict(int)
        by_id = {p.id: g for g in self.groups for p in g.members}
        for pid, sched in schedules.items():
            total += by_id[pid].pricer.cost(sched)
            for did in sched:
                seats[did] += 1
        for d in self.problem.demands:
            n = seats[d.id]
            total += (d.need - n) * _under(self.problem, d) if n < d.need else 0
            total += (n - d.need) * _over(self.problem, d) if n > d.need else 0
        return total

    def restricted_ip(self, time_limit: float) -> tuple[int | None, bool, dict[str, Schedule]]:
        """Price and branch's primal side: one pooled column per person, a set-partitioning
        MIP (SCIP, one thread). (objective, optimal over the pool, schedules)"""
        mip = pywraplp.Solver.CreateSolver("SCIP")
        if mip is None:
            raise RuntimeError("SCIP is not available")
        mip.SetNumThreads(1)
        mip.SetTimeLimit(round(1000 * time_limit))
        pick: dict[str, list[tuple[Any, Schedule]]] = {}
        seats: dict[str, list[Any]] = defaultdict(list)
        obj = mip.Objective()
        for g in self.groups:
            pool = sorted(g.columns, key=sorted)
            for p in g.members:
                pick[p.id] = [(mip.BoolVar(f"z[{p.id},{k}]"), s) for k, s in enumerate(pool)]
                one = mip.Constraint(1, 1)
                for v, sched in pick[p.id]:
                    one.SetCoefficient(v, 1)
                    obj.SetCoefficient(v, g.pricer.cost(sched))
                    for did in sched:
                        seats[did].append(v)
        for d in self.problem.demands:
            under = mip.NumVar(0, d.need, f"under[{d.id}]")
            over = mip.NumVar(0, mip.infinity(), f"over[{d.id}]")
            row = mip.Constraint(d.need, d.need)
            for v in [*seats[d.id], under]:
                row.SetCoefficient(v, 1)
            row.SetCoefficient(over, -1)
            obj.SetCoefficient(under, _under(self.problem, d))
            obj.SetCoefficient(over, _over(self.problem, d))
        obj.SetMinimization()
        status = mip.Solve()
        if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
            return None, False, {}
        chosen = {
            pid: next(s for v, s in options if v.solution_value() > 0.5)
            for pid, options in pick.items()
        }
        return self.objective_of(chosen), status == pywraplp.Solver.OPTIMAL, chosen

    def rc_probe(self, target: int, time_limit: float) -> tuple[str, int | None, float]:
        """The whole model (product's `build`, clauses) asked for objective <= target, with
        every person's reduced cost at the best Lagrangian duals capped by target - L.

        For any schedule x and duals pi: objective(x) = sum_p (cost_p - pi.seats_p)
        + sum_d (slack reduced costs, >= 0 for pi in the box) + sum_d need_d pi_d, and each
        person's term is at least their pricing optimum; so objective <= target caps the
        total and each person's term. Exact in integers (duals are multiples of 1/SCALE).
        Returns (CP-SAT status, objective found, seconds)."""
        duals, values = self.best_duals, self.best_values
        problem = self.problem
        started = time.monotonic()
        fixed = sum(d.need * duals[d.id] for d in problem.demands)
        room = (
            SCALE * target
            - fixed
            - sum(len(g.members) * v for g, v in zip(self.groups, values, strict=True))
        )
        if room < 0:
            return "INFEASIBLE (bound)", None, 0.0
        b = build(problem, stretches="clauses")
        m = b.model
        total_vars: list[Var] = []
        total_coefs: list[int] = []
        constant = 0
        for g, value in zip(self.groups, values, strict=True):
            pr = g.pricer
            for p in g.members:
                elig = b.eligible[p.id]
                vs = [b.x[p.id, d.id] for d in elig]
                cs = [SCALE * pr.coef.get(d.id, 0) - duals[d.id] for d in elig]
                m.add(
                    cp_model.LinearExpr.weighted_sum(vs, cs) + SCALE * pr.constant <= value + room
                )
                total_vars += vs
                total_coefs += cs
                constant += SCALE * pr.constant
        slack = {v.name: (c, v) for name in ("unfilled", "over_staffing") for c, v in b.terms[name]}
        for d in problem.demands:
            if f"under[{d.id}]" in slack:
                c, v = slack[f"under[{d.id}]"]
                total_vars.append(v)
                total_coefs.append(SCALE * c - duals[d.id])
            else:  # nobody may take it: every seat stays open
                constant += (SCALE * _under(problem, d) - duals[d.id]) * d.need
            if f"over[{d.id}]" in slack:
                c, v = slack[f"over[{d.id}]"]
                total_vars.append(v)
                total_coefs.append(SCALE * c + duals[d.id])
        m.add(
            cp_model.LinearExpr.weighted_sum(total_vars, total_coefs) + constant
            <= SCALE * target - fixed
        )
        m.add(b.objective() <= target)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = time_limit
        for key, param in PROBE_PARAMS.items():
            setattr(solver.parameters, key, param)
        status = solver.solve(m)
        found = (
            round(solver.objective_value)
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
            else None
        )
        return solver.status_name(status), found, time.monotonic() - started

    def fractional(self) -> int:
        """How many columns the master LP's optimum uses at a fractional value."""
        self.lp.Solve()
        return sum(
            1
            for v in self.lp.variables()
            if v.name().startswith("col") and 1e-6 < v.solution_value() % 1 < 1 - 1e-6
        )

    def seed(self, budget_s: float) -> tuple[int, dict[str, Schedule]]:
        """Columns of the product's construction (a feasible schedule where it has one)."""
        pairs, _ = construct(self.problem, budget_s, [])
        worked: dict[str, set[str]] = defaultdict(set)
        for pid, did in pairs:
            worked[pid].add(did)
        schedules = {p.id: frozenset(worked[p.id]) for p in self.problem.people}
        index = Index.of(self.problem)
        for g in self.groups:
            for p in g.members:
                sched = schedules[p.id]
                if person_violations(index, p, [index.demands[i] for i in sched]):
                    _, found = g.pricer.price({}, 30.0)  # cheapest own schedule, zero duals
                    sched = found[-1]
                    schedules[p.id] = sched
                self.add(g, sched)
        return self.objective_of(schedules), schedules

    def run(
        self,
        time_limit: float,
        name: str = "",
        alpha: float = 0.0,
        target: float | None = None,
        report: Callable[[Trace], None] | None = None,
    ) -> Result:
        started = time.monotonic()
        deadline = started + time_limit
        seed_objective, self.seed_schedules = self.seed(min(10.0, time_limit / 4))
        demands = self.problem.demands
        lb = {d.id: -float(_over(self.problem, d)) for d in demands}
        ub = {d.id: float(_under(self.problem, d)) for d in demands}
        center: dict[str, float] | None = None
        best_l = -math.inf
        trace: list[Trace] = []
        converged = False
        lp_value = math.inf
        lp_seconds = 0.0
        iteration = 0
        smoothing = alpha
        while time.monotonic() < deadline:
            iteration += 1
            t0 = time.monotonic()
            status = self.lp.Solve()
            lp_seconds += time.monotonic() - t0
            if status != pywraplp.Solver.OPTIMAL:
                raise RuntimeError(f"master LP status {status}")
            lp_value = self.lp.Objective().Value()
            pi = {did: row.dual_value() for did, row in self.cover.items()}
            mu = [g.row.dual_value() for g in self.groups]
            if center is None or smoothing <= 0:
                point = pi
            else:
                point = {k: smoothing * center[k] + (1 - smoothing) * pi[k] for k in pi}
            duals = {k: round(SCALE * min(ub[k], max(lb[k], v))) for k, v in point.items()}
            lag = sum(d.need * duals[d.id] for d in demands) / SCALE
            added = 0
            values: list[int] = []
            for k, g in enumerate(self.groups):
                left = deadline - time.monotonic()
                value, found = g.pricer.price(duals, left)
                values.append(value)
                lag += len(g.members) * value / SCALE
                for sched in found:
                    rc = g.pricer.cost(sched) - sum(pi[i] for i in sched) - mu[k]
                    if rc < -EPS and self.add(g, sched):
                        added += 1
            if lag > best_l:
                best_l = lag
                center = {k: v / SCALE for k, v in duals.items()}
                self.best_duals, self.best_values = duals, values
            row = Trace(
                time.monotonic() - started, iteration, self.n_columns, lp_value, lag, best_l
            )
            trace.append(row)
            if report is not None:
                report(row)
            if best_l >= lp_value - 1e-6 * max(1.0, abs(lp_value)) or (added == 0 and point is pi):
                converged = time.monotonic() < deadline
                break
            if target is not None and math.ceil(best_l - 1e-4) >= target:
                break
            # No column at the smoothed point: price at the LP duals next time.
            smoothing = 0.0 if added == 0 else alpha
        return Result(
            name=name,
            lp=lp_value,
            best_lagrangian=best_l,
            converged=converged,
            iterations=iteration,
            columns=self.n_columns,
            seconds=time.monotonic() - started,
            seed_objective=seed_objective,
            trace=trace,
            pricing_seconds=sum(g.pricer.seconds for g in self.groups),
            lp_seconds=lp_seconds,
            pricing_solves=sum(g.pricer.solves for g in self.groups),
        )


def first_time(trace: Sequence[Trace], threshold: float) -> float | None:
    """When the best Lagrangian bound first reached `threshold` (None: never)."""
    return next((t.seconds for t in trace if t.best_lagrangian >= threshold), None)


def best_by(trace: Sequence[Trace], seconds: float) -> float | None:
    """The best Lagrangian bound proven within `seconds` (None: no pricing round yet)."""
    done = [t.best_lagrangian for t in trace if t.seconds <= seconds]
    return max(done) if done else None


def roster(schedules: dict[str, Schedule]) -> dict[tuple[str, int], str]:
    out: dict[tuple[str, int], str] = {}
    for pid, sched in schedules.items():
        for did in sched:
            day, shift = did.split(":")
            out[pid, int(day)] = shift
    return out


def check(inst: Instance, cb: ColumnBound, samples: int = 5) -> int:
    """Every column keeps its person's rules (independent checker), and the master's
    objective agrees with the benchmark's scoring on the seed and on random picks."""
    index = Index.of(cb.problem)
    checked = 0
    for g in cb.groups:
        for sched in g.columns:
            for p in g.members:
                bad = person_violations(index, p, [index.demands[i] for i in sched])
                if bad:
                    raise AssertionError(f"column of {p.id} breaks {bad[0]}")
                checked += 1
    rng = random.Random(0)
    picks = [cb.seed_schedules]
    for _ in range(samples):
        picks.append(
            {p.id: rng.choice(sorted(g.columns, key=sorted)) for g in cb.groups for p in g.members}
        )
    for schedules in picks:
        ours, theirs = cb.objective_of(schedules), benchmark_objective(inst, roster(schedules))
        if ours != theirs:
            raise AssertionError(f"master objective {ours}, benchmark {theirs}")
    return checked


def fmt(v: float | None, digits: int = 1) -> str:
    return "—" if v is None else f"{v:.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--instances", default="7,9,10,11", help="comma-separated numbers")
    ap.add_argument("--time-limit", type=float, default=300.0, help="seconds per instance")
    ap.add_argument("--alpha", type=float, default=0.0, help="dual smoothing (0 = none)")
    ap.add_argument("--pricing-params", default="{}", help="extra CP-SAT parameters, JSON")
    ap.add_argument(
        "--restricted-ip",
        type=float,
        default=0.0,
        help="then solve the restricted master as an integer programme for this long",
    )
    ap.add_argument(
        "--rc-probe",
        type=float,
        default=0.0,
        help="then the whole model with reduced costs capped, at the optimum and one below",
    )
    ap.add_argument("--probe-params", default="{}", help="extra CP-SAT parameters, JSON")
    ap.add_argument("--verbose", action="store_true", help="print every iteration")
    args = ap.parse_args(argv)
    PRICING_PARAMS.update(json.loads(args.pricing_params))
    PROBE_PARAMS.update(json.loads(args.probe_params))
    out = sys.stdout
    out.write(
        f"Column (Dantzig-Wolfe root LP) bound, one thread, {args.time_limit:g} s cap, "
        f"smoothing {args.alpha:g}, pricing parameters {args.pricing_params}, "
        f"load average {os.getloadavg()[0]:.2f}\n\n"
    )
    out.write(
        "| instance | optimum | LP bound | ceil | best Lagrangian | converged | iterations "
        "| columns | L at 30 s | L at 60 s | t(L >= opt-1) s | t(ceil L >= opt) s "
        "| t(L >= LP-0.5) s | total s | pricing s | LP s | load |\n"
        "|---:|---:|---:|---:|---:|:---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    out.flush()
    notes: list[str] = []
    for n in (int(v) for v in args.instances.split(",")):
        inst = parse(DATA_DIR / f"Instance{n}.txt")
        problem = to_problem(inst)
        cb = ColumnBound(problem)

        def show(t: Trace) -> None:
            if args.verbose:
                sys.stderr.write(
                    f"  {t.seconds:7.1f}s it {t.iteration:4d} cols {t.columns:6d} "
                    f"LP {t.lp:10.3f} L {t.lagrangian:10.3f} best {t.best_lagrangian:10.3f}\n"
                )

        res = cb.run(args.time_limit, f"Instance{n}", args.alpha, report=show)
        opt = BEST_KNOWN[n]
        tr = res.trace
        t_near = first_time(tr, opt - 1 - EPS)
        t_ceil = first_time(tr, opt - 1 + 2e-4)  # ceil(L - 1e-4) >= opt
        final = res.lp if res.converged else res.best_lagrangian
        t_half = first_time(tr, final - 0.5) if res.converged else None
        # Before convergence the restricted LP's value is no bound: shown starred, no ceiling.
        lp_text = f"{res.lp:.2f}" if res.converged else f"{res.lp:.2f}*"
        ceil_text = str(math.ceil(res.lp - 1e-4)) if res.converged else "—"
        out.write(
            f"| {n} | {opt} | {lp_text} | {ceil_text} "
            f"| {res.best_lagrangian:.2f} | {'yes' if res.converged else 'no'} "
            f"| {res.iterations} | {res.columns} | {fmt(best_by(tr, 30), 2)} "
            f"| {fmt(best_by(tr, 60), 2)} | {fmt(t_near)} | {fmt(t_ceil)} | {fmt(t_half)} "
            f"| {res.seconds:.1f} | {res.pricing_seconds:.1f} | {res.lp_seconds:.1f} "
            f"| {os.getloadavg()[0]:.2f} |\n"
        )
        out.flush()
        checked = check(inst, cb)
        note = (
            f"Instance {n}: seed (construction) {res.seed_objective}, {res.pricing_solves} "
            f"pricing solves, {checked} columns re-checked, objective agrees with the benchmark"
            f", {cb.fractional()} columns fractional in the LP optimum"
        )
        if args.restricted_ip > 0:
            t0 = time.monotonic()
            value, proven, chosen = cb.restricted_ip(args.restricted_ip)
            spent = time.monotonic() - t0
            if value is not None and value != benchmark_objective(inst, roster(chosen)):
                raise AssertionError("restricted master objective differs from the benchmark's")
            note += (
                f"; restricted master IP {value} in {spent:.1f} s"
                f"{' (optimal over the pool)' if proven else ''}"
            )
        if args.rc_probe > 0:
            for target in (opt, opt - 1):
                status, found, spent = cb.rc_probe(target, args.rc_probe)
                note += f"; probe objective <= {target}: {status} {found or ''} in {spent:.1f} s"
        notes.append(note)
    out.write("\n* not converged: the restricted LP's value, not a bound\n")
    out.write("\n" + "\n".join(notes) + f"\n\nload average after: {os.getloadavg()[0]:.2f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
