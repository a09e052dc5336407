"""Generated instances: every solution obeys every hard rule (re-checked independently of
the model), its objective is what the assignments cost, and on tiny instances the proven
optimum equals an exhaustive search."""

from __future__ import annotations

import itertools
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shiftwise.scheduling.solver import (
    Demand,
    Existing,
    Limits,
    MinutesWindow,
    Person,
    Preference,
    Problem,
    SkillGrant,
    SolveOptions,
    Status,
    Succession,
    Weights,
    objective_terms,
    solve,
    violations,
)
from shiftwise.scheduling.solver.check import Index, person_terms, person_violations

from .builders import demand, pairs

KINDS = ("E", "L", "N")
OPTIONS = SolveOptions(time_limit_s=10, explain=True)


@st.composite
def problems(draw: st.DrawFn, max_days: int = 7, max_people: int = 4) -> Problem:
    days = draw(st.integers(2, max_days))
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=2, unique=True))
    demands: list[Demand] = []
    for day in range(days):
        for kind in kinds:
            if draw(st.booleans()) or len(demands) == 0:
                demands.append(
                    demand(
                        day,
                        kind,
                        need=draw(st.integers(0, 2)),
                        skill=draw(st.sampled_from([None, None, "a"])),
                        max_extra=draw(st.integers(0, 1)),
                        unpopular=kind == "N",
                        paid_minutes=draw(st.sampled_from([None, None, 420])),
                    )
                )
    opt = st.none() | st.integers(1, 4)
    people: list[Person] = []
    for i in range(draw(st.integers(1, max_people))):
        maybe_min = draw(st.none() | st.integers(0, 2))
        caps = {k: draw(st.integers(0, days)) for k in kinds if draw(st.booleans())}
        limits = Limits(
            max_shifts_by_kind=caps,
            min_minutes=None if maybe_min is None else maybe_min * 480,
            max_minutes=draw(st.none() | st.integers(1, days).map(lambda n: n * 480)),
            windows=tuple(
                MinutesWindow(0, min(3, days - 1), max_minutes=draw(st.integers(1, 3)) * 480)
                for _ in range(draw(st.integers(0, 1)))
            ),
            max_shifts_per_day=draw(st.sampled_from([1, 1, 2])),
            max_consecutive_days=draw(opt),
            min_consecutive_days=draw(opt),
            min_consecutive_days_off=draw(opt),
            max_weekends=draw(st.none() | st.integers(0, 1)),
        )
        prefs = tuple(
            Preference(
                draw(st.integers(0, days - 1)),
                wanted=draw(st.booleans()),
                weight=draw(st.integers(1, 3)),
                kind=draw(st.sampled_from([None, *kinds])),
            )
            for _ in range(draw(st.integers(0, 3)))
        )
        people.append(
            Person(
                id=f"p{i}",
                skills=(draw(st.sampled_from([(), (SkillGrant("a"),)]))),
                time_off_days=frozenset(draw(st.lists(st.integers(0, days - 1), max_size=2))),
                preferences=prefs,
                limits=limits,
                target_minutes=draw(st.none() | st.integers(0, days * 480)),
            )
        )
    existing = tuple(
        Existing(draw(st.sampled_from(people)).id, d.id, fixed=draw(st.booleans()))
        for d in draw(st.lists(st.sampled_from(demands), max_size=2, unique=True))
    )
    succ = draw(st.lists(st.tuples(st.sampled_from(kinds), st.sampled_from(kinds)), max_size=2))
    return Problem(
        days=days,
        demands=tuple(demands),
        people=tuple(people),
        successions=tuple(Succession(a, b) for a, b in succ),
        min_rest_minutes=draw(st.sampled_from([0, 0, 11 * 60])),
        weekends=tuple((7 * k + 5, 7 * k + 6) for k in range((days + 1) // 7)),
        existing=existing,
        weights=Weights(
            unfilled=draw(st.sampled_from([100, 1000])),
            over_staffing=draw(st.integers(1, 10)),
            fairness=draw(st.integers(0, 2)),
            change=draw(st.integers(1, 60)),
            unpopular_spread=0,  # the one term that does not split by person (exhaustive search)
        ),
    )


def exhaustive_optimum(problem: Problem) -> int | None:
    """Best objective by brute force: each person's rule-abiding schedules, combined by a
    dynamic programme over people whose state is how many people each demand has."""
    index = Index.of(problem)
    w = problem.weights
    demands = problem.demands
    pos = {d.id: i for i, d in enumerate(demands)}
    fixed = {(e.person_id, e.demand_id) for e in problem.existing if e.fixed}
    loose = [e for e in problem.existing if not e.fixed]
    states: dict[tuple[int, ...], int] = {tuple(0 for _ in demands): 0}
    for person in problem.people:
        options: list[tuple[tuple[int, ...], int]] = []
        for size in range(len(demands) + 1):
            for chosen in itertools.combinations(demands, size):
                ids = {d.id for d in chosen}
                if any(pid == person.id and did not in ids for pid, did in fixed):
                    continue
                if person_violations(index, person, chosen):
                    continue
                cost = sum(person_terms(index, person, chosen).values())
                cost += sum(
                    w.change if e.change_weight is None else e.change_weight
                    for e in loose
                    if e.person_id == person.id and e.demand_id not in ids
                )
                vec = [0] * len(demands)
                for d in chosen:
                    vec[pos[d.id]] = 1
                options.append((tuple(vec), cost))
        nxt: dict[tuple[int, ...], int] = {}
        for state, base in states.items():
            for chosen_vec, cost in options:
                new = tuple(a + b for a, b in zip(state, chosen_vec, strict=True))
                if any(n > d.need + d.max_extra for n, d in zip(new, demands, strict=True)):
                    continue
                if base + cost < nxt.get(new, 1 << 60):
                    nxt[new] = base + cost
        states = nxt
    # Loose existing assignments naming people absent from the schedule cost nothing extra.
    best: int | None = None
    for state, cost in states.items():
        total = cost
        for n, d in zip(state, demands, strict=True):
            under_w = w.unfilled if d.under_weight is None else d.under_weight
            over_w = w.over_staffing if d.over_weight is None else d.over_weight
            total += max(0, d.need - n) * under_w + max(0, n - d.need) * over_w
        if best is None or total < best:
            best = total
    return best


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_every_solution_obeys_every_hard_rule(problem: Problem) -> None:
    sol = solve(problem, OPTIONS)
    assert sol.status in (Status.OPTIMAL, Status.INFEASIBLE)
    if sol.status is Status.INFEASIBLE:
        return
    chosen = pairs(sol.assignments)
    assert violations(problem, chosen) == []
    assert sol.objective == sum(objective_terms(problem, chosen).values())
    assert sol.bound == sol.objective
    open_count = Counter[str]()
    for seat in sol.open_seats:
        open_count[seat.demand_id] += seat.count
    filled = Counter(d for _, d in chosen)
    for d in problem.demands:
        assert open_count[d.id] == max(0, d.need - filled[d.id])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_days=4, max_people=3))
def test_proven_optimum_matches_exhaustive_search(problem: Problem) -> None:
    sol = solve(problem, SolveOptions(time_limit_s=10, explain=False))
    expected = exhaustive_optimum(problem)
    if expected is None:
        assert sol.status is Status.INFEASIBLE
    else:
        assert sol.status is Status.OPTIMAL
        assert sol.objective == expected
