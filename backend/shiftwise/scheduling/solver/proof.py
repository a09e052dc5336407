"""Raising the bound past the converged column generation's, one objective value at a
time: reduced-cost fixing and per-person cuts (ADR 0006, last revision).

Under a pricing round's duals pi (each in [-over, under]) every schedule's objective
splits exactly into

    SCALE * objective = sum_d need_d pi_d + sum_p rc_p + sum_d slack_d,

rc_p person p's scaled reduced cost, at least v_p (their pricing optimum, or its proven
bound), and each demand's slack term (the under- or over-staffing at its weight less or
more its dual) at least 0. The round's Lagrangian bound is L = sum need pi + sum v_p. A
schedule of objective at most T therefore has, for everyone,

    v_p <= rc_p <= v_p + gap,   gap = SCALE * T - L.

From T = ceil(L) up the gap is under one objective unit at first, and few of each
person's schedules are that cheap (Curtois & Qu 6 converges at 1,949.0 against its
optimum 1,950, 7 at 1,054.08 against 1,056). For each T:

1. Fixing. A pair (person, demand) that no schedule of the person within v_p + gap
   works is off; a day that every such schedule works is worked. The labelling's bounds
   through each pair and each day of rest settle many at once; CP-SAT on the person's
   own model, the limit a constraint, settles the others one question each, and each
   schedule it finds answers for all its pairs and days of rest at once.
2. The whole model with those fixings, v_p <= rc_p <= v_p + gap for each person the
   labelling prices (elsewhere rc_p need not be linear in their pairs) and objective
   <= T. Infeasible: no schedule reaches T, and the bound is T + 1. A solution: the
   optimum itself, since every schedule of objective at most T lies inside.

With the cuts alone the whole model did not close on 6 in 60 s, nor with the fixings
alone; with both it is infeasible in about a second (ADR 0006).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ortools.sat.python import cp_model

from .labelling import Labelling
from .model import Built
from .problem import Person

if TYPE_CHECKING:
    from .columns import Pricer

Schedule = frozenset[str]


@dataclass
class Fixing:
    """What every schedule of objective at most the target keeps to."""

    off: set[tuple[str, str]] = field(default_factory=set)  # (person, demand): never worked
    works: set[tuple[str, int]] = field(default_factory=set)  # (person, day): always worked
    questions: int = 0  # asked of CP-SAT


class Within:
    """One person's schedules within a scaled reduced cost under fixed duals: whether
    one works a given demand, or rests a given day. CP-SAT on their own model, the
    limit a constraint and the reduced cost the objective too (its LP bound settles
    many questions at the root: Curtois & Qu 7's 564 took 7.4 s so, 18 s without it,
    31 s asked as assumptions on one model)."""

    def __init__(self, pricer: Pricer, duals: dict[str, int], limit: int) -> None:
        self.pricer = pricer
        model = pricer.built.model.clone()  # the same variables, by index
        self.x = {did: model.get_bool_var_from_proto_index(v.index) for did, v in pricer.x.items()}
        ids = list(self.x)
        reduced = pricer.reduced(duals)
        model.add(reduced <= limit)
        model.minimize(reduced)
        day_of = {d.id: d.day for d in pricer.index.problem.demands}
        on_day: dict[int, list[str]] = {}
        for did in ids:
            on_day.setdefault(day_of[did], []).append(did)
        self.days = sorted(on_day)
        self.day_of = day_of
        self.rest: dict[int, Any] = {}
        for day, dids in on_day.items():
            rests = model.new_bool_var(f"rest[{day}]")
            for did in dids:
                model.add_implication(rests, ~self.x[did])
            self.rest[day] = rests
        self.model = model

    def ask(self, stop: threading.Event, lit: Any, deadline: float) -> bool | Schedule | None:
        """A schedule within the limit where `lit` holds, False when none exists, None
        when stopped or out of time."""
        model = self.model.clone()
        model.add_bool_or([model.get_bool_var_from_proto_index(lit.index)])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = max(0.01, deadline - time.monotonic())
        status = self.pricer.runner.solve(solver, model, stop)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return frozenset(i for i, v in self.x.items() if solver.boolean_value(v))
        if status == cp_model.INFEASIBLE:
            return False
        return None


def fix(
    groups: Sequence[tuple[Sequence[Person], Pricer]],
    duals: dict[str, int],
    limits: Sequence[int],
    labelling: Labelling | None,
    stop: threading.Event,
    deadline: float,
) -> Fixing | None:
    """The pairs each group can never work and the days it always works within its
    limit (None: stopped or out of time before every question was settled)."""
    through = labelling.through(duals) if labelling is not None else [None] * len(groups)
    fixing = Fixing()
    for (members, pricer), limit, th in zip(groups, limits, through, strict=True):
        within = Within(pricer, duals, limit)
        off: set[str] = set()
        works: set[int] = set()
        seen_pairs: set[str] = set()  # worked by some schedule within the limit
        seen_rest: set[int] = set()  # rested by some schedule within the limit
        pairs = list(within.x)
        if th is not None:
            off = {did for did in pairs if th.pairs.get(did, -float("inf")) > limit}
            works = {day for day in within.days if th.rest[day] > limit}
            # The cheapest first: the schedules they find answer for many others.
            pairs.sort(key=lambda did: th.pairs.get(did, 0.0))
        questions: list[str | int] = [*pairs, *within.days]  # demand ids, then days
        for q in questions:
            if q in off or q in seen_pairs or q in works or q in seen_rest:
                continue
            if stop.is_set() or time.monotonic() > deadline:
                return None
            lit = within.x[q] if isinstance(q, str) else within.rest[q]
            answer = within.ask(stop, lit, deadline)
            fixing.questions += 1
            if answer is None:
                return None
            if answer is False:
                if isinstance(q, str):
                    off.add(q)
                else:
                    works.add(q)
                continue
            assert not isinstance(answer, bool)
            seen_pairs |= answer
            seen_rest |= set(within.days) - {within.day_of[i] for i in answer}
        for p in members:
            fixing.off |= {(p.id, did) for did in off}
            fixing.works |= {(p.id, day) for day in works}
    return fixing


def restrict(
    built: Built,
    fixing: Fixing,
    cuts: Sequence[tuple[str, int, dict[str, int], int, int]],
    cap: int,
) -> cp_model.CpModel:
    """The whole model with the fixings, each cut (person, constant, coefficient per
    demand, low, high: low <= constant + coefficients . pairs <= high) and the objective
    at most `cap`."""
    model = built.model.clone()
    x = {key: model.get_bool_var_from_proto_index(v.index) for key, v in built.x.items()}
    for key in fixing.off:
        if key in x:
            model.add(x[key] == 0)
    day_of = {d.id: d.day for d in built.index.problem.demands}
    on_day: dict[tuple[str, int], list[Any]] = {}
    for (pid, did), var in x.items():
        if (pid, did) not in fixing.off:
            on_day.setdefault((pid, day_of[did]), []).append(var)
    for worked in fixing.works:
        model.add_bool_or(on_day.get(worked, []))
    for pid, constant, coefs, low, high in cuts:
        keys = [(pid, did) for did in coefs if (pid, did) in x]
        expr = cp_model.LinearExpr.weighted_sum([x[k] for k in keys], [coefs[k[1]] for k in keys])
        model.add_linear_constraint(expr, low - constant, high - constant)
    objective = built.objective()
    model.add(objective <= cap)
    model.clear_hints()  # type: ignore[no-untyped-call]
    return model
