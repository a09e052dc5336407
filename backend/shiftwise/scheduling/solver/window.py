"""Sub-problems: some people over a window of days, everything else held as it is.

Cover is soft, so people are tied together only through a demand's seat count, and a
person's own rules only through their own days. So a group of people over a window of
days can be re-planned exactly with everyone else fixed: seats the others already take
are subtracted from each demand, the group's own work outside the window is folded into
their limits (minutes, shifts of a kind, weekends, the work stretch running into the
window), and a context of fixed days either side of the window keeps the sequence rules
(stretches, successions, rest) exact across its edges. Days are renumbered to start at
the context, so the sub-problem is small however long the period.

The sub-problem's objective equals the whole objective up to a constant (the global
unpopular-spread term aside, which the caller re-scores), so a cheaper sub-solution is
a cheaper whole one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from .check import Index
from .problem import (
    MINUTES_PER_DAY,
    Demand,
    Existing,
    Limits,
    MinutesWindow,
    Person,
    Preference,
    Problem,
    SkillGrant,
)

Pair = tuple[str, str]


@dataclass(frozen=True)
class Part:
    problem: Problem
    offset: int  # sub-problem day 0 is this day of the whole period
    free_first: int  # the free window, in the whole period's days
    free_last: int


def context_days(people: Iterable[Person]) -> int:
    """Fixed days kept either side of a window so stretch rules stay exact across it."""
    n = 7
    for p in people:
        lim = p.limits
        for v in (
            lim.max_consecutive_days,
            lim.min_consecutive_days,
            lim.min_consecutive_days_off,
        ):
            if v is not None:
                n = max(n, v + 1)
    return n


def restrict(
    index: Index,
    worked: Mapping[str, Sequence[Demand]],
    counts: Mapping[str, int],
    group: Sequence[Person],
    first: int,
    last: int,
) -> Part:
    """The group over days first..last, given `worked` (person -> demands, everyone) and
    `counts` (demand id -> people on it, everyone, the group included)."""
    problem = index.problem
    horizon = problem.days
    ctx = context_days(group)
    c = max(0, first - ctx)
    e = min(horizon - 1, last + ctx)
    # No weekend may straddle an edge: its days outside would be folded into the limits
    # while those inside count again in the sub-problem (one weekend counted twice).
    for w in problem.weekends:
        if min(w) < c <= max(w):
            c = max(0, min(w))
        if min(w) <= e < max(w):
            e = min(horizon - 1, max(w))
    shift = c * MINUTES_PER_DAY
    ids = {p.id for p in group}

    in_group: Counter[str] = Counter()
    for p in group:
        for d in worked[p.id]:
            in_group[d.id] += 1

    keep: dict[str, Demand] = {}
    fixed: list[Pair] = []
    for p in group:
        for d in worked[p.id]:
            if c <= d.day <= e and not first <= d.day <= last:
                fixed.append((p.id, d.id))
                keep[d.id] = d
    for d in problem.demands:
        if first <= d.day <= last:
            others = counts.get(d.id, 0) - in_group[d.id]
            if others < d.need + d.max_extra or d.id in keep:
                keep[d.id] = d
    demands: list[Demand] = []
    for d in keep.values():
        others = counts.get(d.id, 0) - in_group[d.id]
        need = max(0, d.need - others)
        room = max(0, d.need + d.max_extra - others)
        demands.append(
            replace(
                d,
                day=d.day - c,
                start=d.start - shift,
                end=d.end - shift,
                need=need,
                max_extra=max(0, room - need),
            )
        )
    demands.sort(key=lambda d: (d.day, d.start, d.id))

    days = e - c + 1
    weekends = tuple(
        tuple(x - c for x in w if c <= x <= e)
        for w in problem.weekends
        if any(c <= x <= e for x in w)
    )
    # Context days are fixed for every member: none may take a context seat they lack.
    context_shifts = {d.shift_id for d in keep.values() if not first <= d.day <= last}
    people = tuple(
        _person(
            index,
            p,
            worked[p.id],
            c,
            e,
            context_shifts - {d.shift_id for d in worked[p.id]},
        )
        for p in group
    )
    existing: list[Existing] = [Existing(pid, did, fixed=True) for pid, did in fixed]
    fixed_set = set(fixed)
    for x in problem.existing:
        if (
            x.person_id in ids
            and x.demand_id in keep
            and (x.person_id, x.demand_id) not in fixed_set
        ):
            d = keep[x.demand_id]
            if first <= d.day <= last:
                existing.append(x)
    sub = Problem(
        days=days,
        demands=tuple(demands),
        people=people,
        successions=problem.successions,
        min_rest_minutes=problem.min_rest_minutes,
        weekends=weekends,
        existing=tuple(existing),
        weights=replace(problem.weights, unpopular_spread=0),
    )
    return Part(sub, c, first, last)


def _person(
    index: Index,
    p: Person,
    worked: Sequence[Demand],
    c: int,
    e: int,
    blocked: set[str],
) -> Person:
    """The person with their work outside days c..e folded into their limits."""
    lim = p.limits
    shift = c * MINUTES_PER_DAY
    outside = [d for d in worked if not c <= d.day <= e]
    out_minutes = sum(d.minutes for d in outside)
    out_kinds = Counter(d.kind for d in outside)
    out_weekends = {index.weekend_of_day[d.day] for d in outside if d.day in index.weekend_of_day}
    days_worked = {d.day for d in worked}
    run = 0
    day = c - 1
    while day >= 0 and day in days_worked:
        run += 1
        day -= 1
    if day < 0:
        run += lim.consecutive_days_before

    def left(total: int | None, used: int, floor: bool) -> int | None:
        if total is None:
            return None
        rest = total - used
        return (rest if rest > 0 else None) if floor else max(0, rest)

    caps = {kind: max(0, cap - out_kinds[kind]) for kind, cap in lim.max_shifts_by_kind.items()}
    max_weekends = lim.max_weekends
    if max_weekends is not None:
        max_weekends = max(0, max_weekends - len(out_weekends))
    windows: list[MinutesWindow] = []
    for w in lim.windows:
        lo, hi = max(w.first_day, c), min(w.last_day, e)
        if lo > hi:
            continue
        used = sum(d.minutes for d in outside if w.first_day <= d.day <= w.last_day)
        windows.append(
            MinutesWindow(
                lo - c,
                hi - c,
                left(w.min_minutes, used, floor=True),
                left(w.max_minutes, used, floor=False),
            )
        )
    limits = Limits(
        max_shifts_by_kind=caps,
        min_minutes=left(lim.min_minutes, out_minutes, floor=True),
        max_minutes=left(lim.max_minutes, out_minutes, floor=False),
        windows=tuple(windows),
        max_shifts_per_day=lim.max_shifts_per_day,
        max_consecutive_days=lim.max_consecutive_days,
        min_consecutive_days=lim.min_consecutive_days,
        min_consecutive_days_off=lim.min_consecutive_days_off,
        max_weekends=max_weekends,
        consecutive_days_before=run,
    )

    def within(days: Collection[int]) -> frozenset[int]:
        return frozenset(x - c for x in days if c <= x <= e)

    overtime = p.overtime_after_minutes
    return Person(
        id=p.id,
        skills=tuple(
            SkillGrant(g.skill, None if g.valid_until is None else g.valid_until - shift)
            for g in p.skills
        ),
        time_off_days=within(p.time_off_days),
        unavailable_days=within(p.unavailable_days),
        unavailable_periods=tuple(
            (s - shift, t - shift) for s, t in p.unavailable_periods if t > shift
        ),
        unavailable_shifts=p.unavailable_shifts | blocked,
        preferences=tuple(
            Preference(x.day - c, x.wanted, x.weight, x.kind)
            for x in p.preferences
            if c <= x.day <= e
        ),
        limits=limits,
        target_minutes=None if p.target_minutes is None else p.target_minutes - out_minutes,
        cost_per_hour=p.cost_per_hour,
        overtime_after_minutes=None if overtime is None else overtime - out_minutes,
        overtime_cost_per_hour=p.overtime_cost_per_hour,
    )
