"""A quick day-by-day fill used as the solver's starting hint.

It respects the rules that can be checked going forwards (skills, availability, clashes,
successions, caps, maximum stretches, weekends, rest stretches) and leans towards the
minimum ones; the solver repairs whatever it still breaks.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .check import Index, static_blockers
from .problem import Demand, Person, Problem


@dataclass
class _State:
    person: Person
    days: set[int] = field(default_factory=set)
    by_day: dict[int, list[Demand]] = field(default_factory=lambda: defaultdict(list))
    kinds: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    minutes: int = 0
    weekends: set[int] = field(default_factory=set)

    def run_before(self, day: int) -> int:
        n = 0
        d = day - 1
        while d >= 0 and d in self.days:
            n += 1
            d -= 1
        if d < 0:
            n += self.person.limits.consecutive_days_before
        return n

    def off_before(self, day: int) -> int | None:
        """Days off just before `day`, or None when the stretch runs back to day 0."""
        n = 0
        d = day - 1
        while d >= 0 and d not in self.days:
            n += 1
            d -= 1
        return None if d < 0 else n


def greedy(problem: Problem) -> list[tuple[str, str]]:
    index = Index.of(problem)
    rest = problem.min_rest_minutes
    states = {p.id: _State(p) for p in problem.people}
    wants: dict[tuple[str, int, str | None], int] = defaultdict(int)
    for p in problem.people:
        for pref in p.preferences:
            wants[p.id, pref.day, pref.kind] += pref.weight if pref.wanted else -pref.weight
    taken: set[tuple[str, str]] = {(e.person_id, e.demand_id) for e in problem.existing if e.fixed}
    for pid, did in taken:
        _take(index, states[pid], index.demands[did])

    by_day: dict[int, list[Demand]] = defaultdict(list)
    for d in problem.demands:
        by_day[d.day].append(d)
    w = problem.weights
    for day in range(problem.days):
        demands = sorted(
            by_day.get(day, []),
            key=lambda d: -(w.unfilled if d.under_weight is None else d.under_weight),
        )
        for d in demands:
            have = sum(1 for pid in states if (pid, d.id) in taken)
            scored: list[tuple[float, str]] = []
            for s in states.values():
                if (s.person.id, d.id) in taken or not _fits(index, s, d, rest):
                    continue
                lim = s.person.limits
                score = float(wants[s.person.id, day, d.kind] + wants[s.person.id, day, None])
                run = s.run_before(day)
                if lim.min_consecutive_days and 0 < run < lim.min_consecutive_days:
                    score += 10
                if lim.min_minutes:
                    score += 5 * (1 - s.minutes / lim.min_minutes)
                scored.append((score, s.person.id))
            scored.sort(reverse=True)
            for _, pid in scored[: max(0, d.need - have)]:
                taken.add((pid, d.id))
                _take(index, states[pid], d)
    return sorted(taken)


def _take(index: Index, s: _State, d: Demand) -> None:
    s.days.add(d.day)
    s.by_day[d.day].append(d)
    s.kinds[d.kind] += 1
    s.minutes += d.minutes
    if d.day in index.weekend_of_day:
        s.weekends.add(index.weekend_of_day[d.day])


def _fits(index: Index, s: _State, d: Demand, rest: int) -> bool:
    p = s.person
    lim = p.limits
    if static_blockers(p, d):
        return False
    if len(s.by_day.get(d.day, ())) >= lim.max_shifts_per_day:
        return False
    reach = rest // 1440 + 2  # days either side a clash or a short rest can come from
    for day in range(d.day - reach, d.day + reach + 1):
        for o in s.by_day.get(day, ()):
            if o.start < d.end + rest and d.start < o.end + rest:
                return False
    for o in s.by_day.get(d.day - 1, ()):
        if (o.kind, d.kind) in index.forbidden:
            return False
    cap = lim.max_shifts_by_kind.get(d.kind)
    if cap is not None and s.kinds[d.kind] >= cap:
        return False
    if lim.max_minutes is not None and s.minutes + d.minutes > lim.max_minutes:
        return False
    if d.day not in s.days:
        if lim.max_consecutive_days is not None:
            if s.run_before(d.day) + 1 > lim.max_consecutive_days:
                return False
        off = s.off_before(d.day)
        if lim.min_consecutive_days_off and off is not None and 0 < off:
            if off < lim.min_consecutive_days_off:
                return False
        wk = index.weekend_of_day.get(d.day)
        if lim.max_weekends is not None and wk is not None and wk not in s.weekends:
            if len(s.weekends) >= lim.max_weekends:
                return False
    return True
