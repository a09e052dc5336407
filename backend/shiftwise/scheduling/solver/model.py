"""The CP-SAT model: one boolean per (person, demand) they may take, channelled to
per-day and per-day-and-kind booleans on which the sequence rules are stated.

Formulations chosen for propagation and LP strength:
- day booleans equal the sum of that day's assignment booleans (one shift a day);
- overlap and rest as at-most-one cliques over maximal sets of clashing demands;
- maximum consecutive days as sliding windows, minimum work / rest stretches as
  forbidden-pattern clauses (off, work x l, off); the automaton as well on small
  models (its LP is the convex hull of one person's sequences), see solve.py;
- interchangeable people ordered by worked minutes (symmetry breaking).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from .check import Index, static_blockers
from .problem import Demand, Person, Problem

Var = Any  # cp_model.IntVar; ortools ships no type stubs
S = cp_model.LinearExpr.sum  # flat sums: Python's sum() nests one node per term
W = cp_model.LinearExpr.weighted_sum
Lit = Any  # a literal, or a Python bool for a constant


@dataclass
class Built:
    model: cp_model.CpModel
    index: Index
    x: dict[tuple[str, str], Var] = field(default_factory=dict)  # (person id, demand id)
    terms: dict[str, list[tuple[int, Var]]] = field(default_factory=lambda: defaultdict(list))
    constants: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    eligible: dict[str, list[Demand]] = field(default_factory=dict)
    infeasible: list[str] = field(default_factory=list)
    stretches: str = "clauses"  # "automaton", "clauses" or "both" (redundant, for propagation)
    successors: dict[str, list[str]] = field(default_factory=dict)
    groups: list[list[str]] = field(default_factory=list)  # interchangeable people, in order

    def term(self, name: str, coef: int, var: Var) -> None:
        if coef:
            self.terms[name].append((coef, var))

    def objective(self) -> Any:
        pairs = [(v, c) for items in self.terms.values() for c, v in items]
        expr = cp_model.LinearExpr.weighted_sum([v for v, _ in pairs], [c for _, c in pairs])
        return expr + sum(self.constants.values())


def clash_cliques(demands: Sequence[Demand], rest: int) -> list[list[Demand]]:
    """Maximal groups of demands pairwise too close (overlap, or less rest between).

    Intervals [start, end + rest) that pairwise intersect share a point, and a common
    point can be taken to be a start: sweeping the starts finds every clique.
    """
    by_start = sorted(demands, key=lambda d: d.start)
    cliques: list[list[Demand]] = []
    active: list[Demand] = []
    for i, d in enumerate(by_start):
        active = [a for a in active if a.end + rest > d.start]
        active.append(d)
        nxt = by_start[i + 1].start if i + 1 < len(by_start) else None
        # A set is maximal just before its first departure (or at the last start).
        departs = nxt is None or any(a.end + rest <= nxt for a in active)
        if departs and len(active) > 1:
            cliques.append(list(active))
    return cliques


def build(problem: Problem, stretches: str = "clauses") -> Built:
    index = Index.of(problem)
    model = cp_model.CpModel()
    b = Built(model=model, index=index, stretches=stretches)
    for s in problem.successions:
        b.successors.setdefault(s.first, []).append(s.then)
    fixed = {(e.person_id, e.demand_id) for e in problem.existing if e.fixed}

    for person in problem.people:
        elig = [d for d in problem.demands if not static_blockers(person, d)]
        b.eligible[person.id] = elig
        for d in elig:
            b.x[person.id, d.id] = model.new_bool_var(f"x[{person.id},{d.id}]")
    for pid, did in fixed:
        if (pid, did) in b.x:
            model.add(b.x[pid, did] == 1)
        else:
            b.infeasible.append(f"fixed assignment of {pid} to {did} breaks a hard rule")
            model.add_bool_or([])

    cliques = [
        (c, len({d.day for d in c}) == 1)
        for c in clash_cliques(problem.demands, problem.min_rest_minutes)
    ]
    for person in problem.people:
        _person(b, person, cliques)
    _cover(b)
    _changes(b)
    _unpopular(b)
    _symmetry(b)
    model.minimize(b.objective())
    return b


def _person(b: Built, person: Person, cliques: list[tuple[list[Demand], bool]]) -> None:
    model = b.model
    problem = b.index.problem
    lim = person.limits
    pid = person.id
    elig = b.eligible[pid]
    x = {d.id: b.x[pid, d.id] for d in elig}

    by_day: dict[int, list[Demand]] = defaultdict(list)
    by_day_kind: dict[tuple[int, str], list[Demand]] = defaultdict(list)
    for d in elig:
        by_day[d.day].append(d)
        by_day_kind[d.day, d.kind].append(d)

    # Day booleans (False when nothing is possible that day).
    work: list[Lit] = []
    for day in range(problem.days):
        ds = by_day.get(day, [])
        if not ds:
            work.append(False)
        elif len(ds) == 1:
            work.append(x[ds[0].id])
        else:
            w = model.new_bool_var(f"w[{pid},{day}]")
            lits = [x[d.id] for d in ds]
            if lim.max_shifts_per_day == 1:
                model.add(S(lits) == w)
            else:
                model.add(S(lits) <= lim.max_shifts_per_day)
                model.add_max_equality(w, lits)
            work.append(w)
    kind_day: dict[tuple[int, str], Lit] = {}
    for (day, kind), ds in by_day_kind.items():
        if len(ds) == 1:
            kind_day[day, kind] = x[ds[0].id]
        else:
            y = model.new_bool_var(f"y[{pid},{day},{kind}]")
            model.add_max_equality(y, [x[d.id] for d in ds])
            kind_day[day, kind] = y

    for clique, one_day in cliques:
        if one_day and lim.max_shifts_per_day == 1:
            continue  # already implied by the day channel
        lits = [x[d.id] for d in clique if d.id in x]
        if len(lits) > 1:
            model.add_at_most_one(lits)

    for (day, first), a in kind_day.items():
        for then in b.successors.get(first, ()):
            nxt = kind_day.get((day + 1, then))
            if nxt is not None:
                model.add_bool_or([a.Not(), nxt.Not()])

    of_kind: dict[str, list[Lit]] = defaultdict(list)
    for (_, k), v in kind_day.items():
        of_kind[k].append(v)
    for kind, cap in lim.max_shifts_by_kind.items():
        lits = of_kind.get(kind, [])
        if len(lits) > cap:
            model.add(S(lits) <= cap)

    minutes = W([x[d.id] for d in elig], [d.minutes for d in elig])
    if lim.max_minutes is not None:
        model.add(minutes <= lim.max_minutes)
    if lim.min_minutes is not None:
        model.add(minutes >= lim.min_minutes)
    for win in lim.windows:
        inside = [d for d in elig if win.first_day <= d.day <= win.last_day]
        m = W([x[d.id] for d in inside], [d.minutes for d in inside])
        if win.max_minutes is not None:
            model.add(m <= win.max_minutes)
        if win.min_minutes is not None:
            model.add(m >= win.min_minutes)

    if b.stretches in ("clauses", "both"):
        _sequences(b, person, work)
    if b.stretches in ("automaton", "both"):
        _automaton(b, person, work)

    if lim.max_weekends is not None:
        flags: list[Lit] = []
        for wk, days in enumerate(problem.weekends):
            lits = [work[d] for d in days if 0 <= d < problem.days and work[d] is not False]
            if not lits:
                continue
            if len(lits) == 1:
                flags.append(lits[0])
            else:
                we = model.new_bool_var(f"we[{pid},{wk}]")
                for lit in lits:
                    model.add_implication(lit, we)
                flags.append(we)
        if len(flags) > lim.max_weekends:
            model.add(S(flags) <= lim.max_weekends)

    _person_terms(b, person, work, kind_day, minutes)


def _sequences(b: Built, person: Person, work: list[Lit]) -> None:
    model = b.model
    lim = person.limits
    n = len(work)

    def lit(v: Lit, positive: bool) -> Lit:
        """The literal "work[i] == positive", or a Python bool when constant."""
        if v is False:
            return not positive
        return v if positive else v.Not()

    def clause(lits: list[Lit]) -> None:
        if any(v is True for v in lits):
            return
        real = [v for v in lits if v is not False]
        model.add_bool_or(real)

    if lim.max_consecutive_days is not None:
        m = lim.max_consecutive_days
        for s in range(n - m):
            window = [v for v in work[s : s + m + 1] if v is not False]
            if len(window) > m:
                model.add(S(window) <= m)
        h = lim.consecutive_days_before
        if h > 0:
            first = [v for v in work[: max(0, m - h + 1)] if v is not False]
            if len(first) > m - h:
                model.add(S(first) <= max(0, m - h))

    # Forbid short inner stretches: (not value) at s-1, value on s..s+l-1, (not value) at s+l.
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
                clause(lits)


def stretch_automaton(
    max_on: int | None, min_on: int, min_off: int, on_before: int = 0
) -> tuple[list[tuple[int, int, int]], list[int]]:
    """Transitions (state, label, next) and final states of the work/rest stretch rules.

    Label 1 = works that day. Stretches touching either end of the period are never too
    short; the first stretch may continue `on_before` days of the previous period.
    """
    m = max(min_on, 1)
    top = max_on if max_on is not None else m  # with no maximum, the last state loops
    off_ok = max(min_off, 1)
    start, initial_off = 0, 1
    first_on = [2 + k for k in range(top)]  # initial work stretch of length k + 1
    on = [2 + top + k for k in range(top)]  # inner work stretch of length k + 1
    off = [2 + 2 * top + j for j in range(off_ok)]  # inner rest stretch of length j + 1
    t: list[tuple[int, int, int]] = [(initial_off, 0, initial_off), (initial_off, 1, on[0])]
    if on_before < top or max_on is None:
        t.append((start, 1, first_on[min(on_before, top - 1)]))
    t.append((start, 0, initial_off))
    for k in range(top):
        if k + 1 < top:
            t.append((first_on[k], 1, first_on[k + 1]))
            t.append((on[k], 1, on[k + 1]))
        elif max_on is None:
            t.append((first_on[k], 1, first_on[k]))
            t.append((on[k], 1, on[k]))
        t.append((first_on[k], 0, off[0]))
        if k + 1 >= m:
            t.append((on[k], 0, off[0]))
    for j in range(off_ok):
        t.append((off[j], 0, off[min(j + 1, off_ok - 1)]))
    t.append((off[-1], 1, on[0]))
    finals = [initial_off, *first_on, *on, *off]
    return t, finals


def _automaton(b: Built, person: Person, work: list[Lit]) -> None:
    lim = person.limits
    if not (lim.max_consecutive_days or (lim.min_consecutive_days or 0) > 1):
        if (lim.min_consecutive_days_off or 0) <= 1:
            return
    transitions, finals = stretch_automaton(
        lim.max_consecutive_days,
        lim.min_consecutive_days or 1,
        lim.min_consecutive_days_off or 1,
        lim.consecutive_days_before,
    )
    zero = b.model.new_constant(0)
    seq = [zero if v is False else v for v in work]
    b.model.add_automaton(seq, 0, finals, transitions)


def _person_terms(
    b: Built, person: Person, work: list[Lit], kind_day: dict[tuple[int, str], Lit], minutes: Any
) -> None:
    model = b.model
    w = b.index.problem.weights
    for p in person.preferences:
        v: Lit
        if p.kind is None:
            v = work[p.day] if 0 <= p.day < len(work) else False
        else:
            v = kind_day.get((p.day, p.kind), False)
        weight = p.weight * w.preference
        if v is False:
            if p.wanted:
                b.constants["preferences"] += weight
        elif p.wanted:
            b.constants["preferences"] += weight
            b.term("preferences", -weight, v)
        else:
            b.term("preferences", weight, v)

    elig = b.eligible[person.id]
    horizon = sum(d.minutes for d in elig)
    if w.fairness and person.target_minutes is not None:
        t = person.target_minutes
        dev = model.new_int_var(0, max(t, horizon) // 60 + 1, f"dev[{person.id}]")
        model.add(60 * dev >= minutes - t)
        model.add(60 * dev >= t - minutes)
        b.term("fairness", w.fairness, dev)
    if w.cost:
        for d in elig:
            b.term(
                "cost", w.cost * round(person.cost_per_hour * d.minutes / 60), b.x[person.id, d.id]
            )
        if person.overtime_after_minutes is not None and person.overtime_cost_per_hour:
            ot = model.new_int_var(0, horizon // 60 + 1, f"ot[{person.id}]")
            model.add(60 * ot >= minutes - person.overtime_after_minutes)
            b.term("cost", w.cost * person.overtime_cost_per_hour, ot)


def _cover(b: Built) -> None:
    model = b.model
    problem = b.index.problem
    w = problem.weights
    takers: dict[str, list[Var]] = defaultdict(list)
    for (_, did), v in b.x.items():
        takers[did].append(v)
    for d in problem.demands:
        lits = takers.get(d.id, [])
        under_w = w.unfilled if d.under_weight is None else d.under_weight
        over_w = w.over_staffing if d.over_weight is None else d.over_weight
        if not lits:
            b.constants["unfilled"] += d.need * under_w
            continue
        top = min(len(lits), d.need + d.max_extra)
        if len(lits) > top:
            model.add(S(lits) <= top)
        under = model.new_int_var(0, d.need, f"under[{d.id}]")
        model.add(under >= d.need - S(lits))
        b.term("unfilled", under_w, under)
        if top > d.need:
            over = model.new_int_var(0, top - d.need, f"over[{d.id}]")
            model.add(over >= S(lits) - d.need)
            b.term("over_staffing", over_w, over)


def _changes(b: Built) -> None:
    w = b.index.problem.weights
    for e in b.index.problem.existing:
        if e.fixed:
            continue
        cw = w.change if e.change_weight is None else e.change_weight
        b.constants["changes"] += cw
        v = b.x.get((e.person_id, e.demand_id))
        if v is not None:
            b.term("changes", -cw, v)


def _unpopular(b: Built) -> None:
    model = b.model
    problem = b.index.problem
    weight = problem.weights.unpopular_spread
    if not weight:
        return
    loads = []
    for person in problem.people:
        lits = [b.x[person.id, d.id] for d in b.eligible[person.id] if d.unpopular]
        if lits:
            loads.append(S(lits))
    if len(loads) < 2:
        return
    n = len(problem.demands)
    hi = model.new_int_var(0, n, "unpopular_max")
    lo = model.new_int_var(0, n, "unpopular_min")
    for load in loads:
        model.add(hi >= load)
        model.add(lo <= load)
    b.term("unpopular_spread", weight, hi)
    b.term("unpopular_spread", -weight, lo)


def interchangeable(problem: Problem) -> list[list[Person]]:
    """Groups of people identical in everything but the id (none with existing work)."""
    touched = {e.person_id for e in problem.existing}
    groups: dict[str, list[Person]] = defaultdict(list)
    for p in problem.people:
        if p.id in touched:
            continue
        key = repr(
            (
                sorted(p.skills, key=repr),
                sorted(p.time_off_days),
                sorted(p.unavailable_days),
                p.unavailable_periods,
                sorted(p.unavailable_shifts),
                sorted(p.preferences, key=repr),
                p.limits,
                p.target_minutes,
                p.cost_per_hour,
                p.overtime_after_minutes,
                p.overtime_cost_per_hour,
            )
        )
        groups[key].append(p)
    return [members for members in groups.values() if len(members) > 1]


def order_interchangeable(
    problem: Problem, pairs: Iterable[tuple[str, str]], groups: Sequence[Sequence[str]]
) -> list[tuple[str, str]]:
    """The same schedule with interchangeable people's work handed out in the order the
    symmetry breaking demands (most minutes first), as the whole model accepts it.

    Any valid schedule may come in another order (the construction fills people one
    by one, the neighbourhood search moves a few at a time); fixed as it is it would be
    infeasible in the whole model. Swapping identical people changes no rule and no
    cost."""
    minutes = {d.id: d.minutes for d in problem.demands}
    by_person: dict[str, list[str]] = {p.id: [] for p in problem.people}
    for pid, did in pairs:
        by_person[pid].append(did)
    for members in groups:
        schedules = sorted(
            (by_person[m] for m in members), key=lambda ids: -sum(minutes[i] for i in ids)
        )
        for m, ids in zip(members, schedules, strict=True):
            by_person[m] = ids
    return sorted((pid, did) for pid, ids in by_person.items() for did in ids)


def _symmetry(b: Built) -> None:
    """Interchangeable people work non-increasing minutes."""
    groups = interchangeable(b.index.problem)
    b.groups = [[p.id for p in members] for members in groups]
    for members in groups:
        for a, c in itertools.pairwise(members):
            ea, ec = b.eligible[a.id], b.eligible[c.id]
            ma = W([b.x[a.id, d.id] for d in ea], [d.minutes for d in ea])
            mc = W([b.x[c.id, d.id] for d in ec], [d.minutes for d in ec])
            b.model.add(ma >= mc)
