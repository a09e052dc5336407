"""Hard rules and the objective, evaluated directly on a set of assignments.

Written independently of the CP-SAT model: the tests use it to re-check every solution,
the solver uses it to explain open seats, the benchmark to recompute the objective.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .problem import Demand, Person, Problem
from .result import Rule, Violation


def ceil_div(a: int, b: int) -> int:
    return -(-a // b)


@dataclass(frozen=True)
class Index:
    """Lookups built once per problem."""

    problem: Problem
    demands: dict[str, Demand]
    people: dict[str, Person]
    forbidden: frozenset[tuple[str, str]]
    weekend_of_day: dict[int, int]

    @classmethod
    def of(cls, problem: Problem) -> Index:
        weekend_of_day = {d: w for w, days in enumerate(problem.weekends) for d in days}
        return cls(
            problem=problem,
            demands={d.id: d for d in problem.demands},
            people={p.id: p for p in problem.people},
            forbidden=frozenset((s.first, s.then) for s in problem.successions),
            weekend_of_day=weekend_of_day,
        )


def static_blockers(person: Person, demand: Demand) -> list[Rule]:
    """Rules that forbid this person on this demand whatever else they work."""
    rules: list[Rule] = []
    if not person.has_skill(demand.skill, demand.end):
        rules.append(Rule.SKILL)
    if demand.day in person.time_off_days:
        rules.append(Rule.TIME_OFF)
    if (
        demand.day in person.unavailable_days
        or demand.shift_id in person.unavailable_shifts
        or any(s < demand.end and demand.start < e for s, e in person.unavailable_periods)
    ):
        rules.append(Rule.UNAVAILABLE)
    if person.limits.max_shifts_by_kind.get(demand.kind) == 0:
        rules.append(Rule.KIND_NOT_ALLOWED)
    return rules


def runs(flags: Sequence[bool], value: bool) -> list[tuple[int, int]]:
    """Maximal stretches [first, last] where flags == value."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for i, f in enumerate(flags):
        if f == value and start is None:
            start = i
        elif f != value and start is not None:
            out.append((start, i - 1))
            start = None
    if start is not None:
        out.append((start, len(flags) - 1))
    return out


def person_violations(index: Index, person: Person, worked: Sequence[Demand]) -> list[Violation]:
    """Every hard rule this person's set of demands breaks (one entry per breach)."""
    problem = index.problem
    lim = person.limits
    pid = person.id
    out: list[Violation] = []

    def add(rule: Rule, message: str, *demands: Demand) -> None:
        out.append(Violation(rule, pid, message, tuple(d.id for d in demands)))

    for d in worked:
        for rule in static_blockers(person, d):
            add(rule, f"{rule} on {d.id}", d)
    for did, n in Counter(d.id for d in worked).items():
        if n > 1:
            add(Rule.DUPLICATE, f"{n} times on {did}", index.demands[did])

    by_start = sorted(worked, key=lambda d: (d.start, d.end))
    for i, a in enumerate(by_start):
        for b in by_start[i + 1 :]:
            if b.start >= a.end + problem.min_rest_minutes:
                break
            if b.start < a.end:
                add(Rule.OVERLAP, f"{a.id} overlaps {b.id}", a, b)
            else:
                add(Rule.MIN_REST, f"less than {problem.min_rest_minutes} min rest", a, b)
    per_day: dict[int, list[Demand]] = defaultdict(list)
    for d in worked:
        per_day[d.day].append(d)
    for day, ds in per_day.items():
        if len(ds) > lim.max_shifts_per_day:
            add(Rule.SHIFTS_PER_DAY, f"{len(ds)} shifts on day {day}", *ds)
    for day, ds in per_day.items():
        for a in ds:
            for b in per_day.get(day + 1, ()):
                if (a.kind, b.kind) in index.forbidden:
                    add(Rule.SUCCESSION, f"{b.kind} may not follow {a.kind}", a, b)

    kinds = Counter(d.kind for d in worked)
    for kind, n in kinds.items():
        cap = lim.max_shifts_by_kind.get(kind)
        if cap is not None and n > cap:
            add(Rule.MAX_SHIFTS_OF_KIND, f"{n} {kind} shifts > {cap}")
    minutes = sum(d.minutes for d in worked)
    if lim.max_minutes is not None and minutes > lim.max_minutes:
        add(Rule.MAX_MINUTES, f"{minutes} min > {lim.max_minutes}")
    if lim.min_minutes is not None and minutes < lim.min_minutes:
        add(Rule.MIN_MINUTES, f"{minutes} min < {lim.min_minutes}")
    for w in lim.windows:
        m = sum(d.minutes for d in worked if w.first_day <= d.day <= w.last_day)
        if w.max_minutes is not None and m > w.max_minutes:
            add(Rule.WINDOW_MAX_MINUTES, f"{m} min in days {w.first_day}-{w.last_day}")
        if w.min_minutes is not None and m < w.min_minutes:
            add(Rule.WINDOW_MIN_MINUTES, f"{m} min in days {w.first_day}-{w.last_day}")

    on = [day in per_day for day in range(problem.days)]
    last = problem.days - 1
    for first, end in runs(on, True):
        length = end - first + 1 + (lim.consecutive_days_before if first == 0 else 0)
        if lim.max_consecutive_days is not None and length > lim.max_consecutive_days:
            add(Rule.MAX_CONSECUTIVE_DAYS, f"{length} days in a row from day {first}")
        if lim.min_consecutive_days is not None and 0 < first and end < last:
            if length < lim.min_consecutive_days:
                add(Rule.MIN_CONSECUTIVE_DAYS, f"only {length} days in a row from day {first}")
    if lim.min_consecutive_days_off is not None:
        for first, end in runs(on, False):
            if 0 < first and end < last and end - first + 1 < lim.min_consecutive_days_off:
                add(Rule.MIN_CONSECUTIVE_DAYS_OFF, f"only {end - first + 1} days off at {first}")
    if lim.max_weekends is not None:
        weekends = {index.weekend_of_day[d] for d in per_day if d in index.weekend_of_day}
        if len(weekends) > lim.max_weekends:
            add(Rule.MAX_WEEKENDS, f"{len(weekends)} weekends > {lim.max_weekends}")
    return out


def group(index: Index, pairs: Iterable[tuple[str, str]]) -> dict[str, list[Demand]]:
    worked: dict[str, list[Demand]] = {p.id: [] for p in index.problem.people}
    for pid, did in pairs:
        worked[pid].append(index.demands[did])
    return worked


def violations(problem: Problem, pairs: Iterable[tuple[str, str]]) -> list[Violation]:
    """All hard-rule breaches of (person id, demand id) assignments, fixed ones included."""
    index = Index.of(problem)
    pairs = list(pairs)
    worked = group(index, pairs)
    out: list[Violation] = []
    for person in problem.people:
        out.extend(person_violations(index, person, worked[person.id]))
    counts = Counter(did for _, did in pairs)
    for d in problem.demands:
        if counts[d.id] > d.need + d.max_extra:
            out.append(Violation(Rule.OVER_CAPACITY, None, f"{counts[d.id]} on {d.id}", (d.id,)))
    present = set(pairs)
    for e in problem.existing:
        if e.fixed and (e.person_id, e.demand_id) not in present:
            out.append(
                Violation(Rule.FIXED, e.person_id, "fixed assignment dropped", (e.demand_id,))
            )
    return out


def person_terms(index: Index, person: Person, worked: Sequence[Demand]) -> dict[str, int]:
    """The soft terms one person's schedule contributes (preferences, fairness, cost)."""
    w = index.problem.weights
    days = {d.day for d in worked}
    day_kinds = {(d.day, d.kind) for d in worked}
    pref = 0
    for p in person.preferences:
        has = (p.day in days) if p.kind is None else ((p.day, p.kind) in day_kinds)
        if has != p.wanted:
            pref += p.weight * w.preference
    minutes = sum(d.minutes for d in worked)
    fair = 0
    if person.target_minutes is not None and w.fairness:
        fair = w.fairness * ceil_div(abs(minutes - person.target_minutes), 60)
    cost = 0
    if w.cost:
        cost = sum(w.cost * round(person.cost_per_hour * d.minutes / 60) for d in worked)
        if person.overtime_after_minutes is not None and person.overtime_cost_per_hour:
            over = max(0, minutes - person.overtime_after_minutes)
            cost += w.cost * person.overtime_cost_per_hour * ceil_div(over, 60)
    return {"preferences": pref, "fairness": fair, "cost": cost}


def unpopular_eligible(problem: Problem) -> list[Person]:
    unpopular = [d for d in problem.demands if d.unpopular]
    return [p for p in problem.people if any(not static_blockers(p, d) for d in unpopular)]


def objective_terms(problem: Problem, pairs: Iterable[tuple[str, str]]) -> dict[str, int]:
    """The objective of assignments, term by term, exactly as the model scores it."""
    index = Index.of(problem)
    pairs = list(pairs)
    w = problem.weights
    counts = Counter(did for _, did in pairs)
    terms = dict.fromkeys(
        ("unfilled", "over_staffing", "preferences", "fairness", "unpopular_spread", "cost"), 0
    )
    terms["changes"] = 0
    for d in problem.demands:
        n = counts[d.id]
        under_w = w.unfilled if d.under_weight is None else d.under_weight
        over_w = w.over_staffing if d.over_weight is None else d.over_weight
        terms["unfilled"] += max(0, d.need - n) * under_w
        terms["over_staffing"] += max(0, n - d.need) * over_w
    worked = group(index, pairs)
    for person in problem.people:
        for k, v in person_terms(index, person, worked[person.id]).items():
            terms[k] += v
    if w.unpopular_spread:
        loads = [sum(d.unpopular for d in worked[p.id]) for p in unpopular_eligible(problem)]
        if loads:
            terms["unpopular_spread"] = w.unpopular_spread * (max(loads) - min(loads))
    present = set(pairs)
    for e in problem.existing:
        if not e.fixed and (e.person_id, e.demand_id) not in present:
            terms["changes"] += w.change if e.change_weight is None else e.change_weight
    return terms
