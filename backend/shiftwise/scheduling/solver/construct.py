"""A first solution, person by person, in milliseconds per person.

Cover is soft, so the hard rules never tie two people together except through a
demand's capacity: a schedule that keeps every person within their own rules is
feasible. Each person in turn gets a schedule built by one forward scan of the days,
taking the most valuable seat each day (open seats earn their unfilled weight, extra
people cost the over-staffing weight, the person's own preferences and cost count)
while keeping every rule that can be kept going forwards: clashes and rest,
successions, caps per kind, maximum and minimum stretches of work and rest (a stretch
is only started when it can be finished), weekends, and a pace that lands the period's
worked minutes inside the person's minimum and maximum.

Whatever the scan still breaks (it is a heuristic) is repaired exactly: a small CP-SAT
solve of that person alone over a window of days (`window.restrict`), the rest of their
schedule fixed — a handful of variables, not the whole model. CP-SAT alone is the wrong
tool here: on a year-long horizon it needs more than a minute to find any schedule even
for one person, while this scan takes milliseconds.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from ortools.sat.python import cp_model

from .check import Index, person_terms, person_violations, static_blockers
from .model import build, order_interchangeable, stretch_automaton
from .problem import Demand, Person, Problem
from .window import restrict

Pair = tuple[str, str]
INF = 10**12
WINDOW_S = 2.0
# Scans tried in turn (urgency, ration weekends) before a repair by CP-SAT.
STRATEGIES: tuple[tuple[float, bool, int | None], ...] = (
    (8.0, True, None),
    (20.0, True, None),
    (8.0, False, None),
    (1000.0, True, None),
    (1000.0, False, None),
    *((u, r, s) for s in range(4) for u, r in ((8.0, True), (20.0, False), (1000.0, True))),
)
URGENT = 8
RESCAN_PASSES = 3  # passes of rescan (each stops early when nothing improves)


def construct(
    problem: Problem,
    budget_s: float,
    groups: list[list[str]],
    cancel: threading.Event | None = None,
) -> tuple[list[Pair], bool]:
    """Assignments built person by person, and whether every person got a valid schedule."""
    deadline = time.monotonic() + budget_s
    index = Index.of(problem)
    by_day: dict[int, list[Demand]] = defaultdict(list)
    for d in problem.demands:
        by_day[d.day].append(d)
    counts: Counter[str] = Counter()
    worked: dict[str, list[Demand]] = {p.id: [] for p in problem.people}
    fixed: dict[str, list[Demand]] = defaultdict(list)
    for e in problem.existing:
        if e.fixed:
            fixed[e.person_id].append(index.demands[e.demand_id])
    # Least flexible first: they have the fewest ways to reach their minimum hours.
    reaches: dict[str, Reach] = {}
    sizes: dict[str, int] = {}
    for p in problem.people:
        elig = _eligible(index, p, by_day)
        sizes[p.id] = sum(len(ds) for ds in elig.values())
        if time.monotonic() < deadline:
            reaches[p.id] = Reach(index, p, elig, _on_days(fixed.get(p.id, [])))
    people = sorted(problem.people, key=lambda p: sizes[p.id])
    complete = True
    for person in people:
        if (cancel is not None and cancel.is_set()) or time.monotonic() > deadline:
            return _pairs(worked), False
        mine = fixed.get(person.id, [])
        for urgency, ration, seed in STRATEGIES:
            sched = scan(index, person, by_day, counts, mine, urgency, ration, seed, reaches)
            if not person_violations(index, person, sched) or time.monotonic() > deadline:
                break
        else:
            sched = scan(index, person, by_day, counts, mine, reaches=reaches)
        if person_violations(index, person, sched):
            repaired = repair(index, person, sched, worked, counts, deadline)
            if repaired is None:
                complete = False
                sched = list(fixed.get(person.id, []))
                if person_violations(index, person, sched):
                    return _pairs(worked), False
            else:
                sched = repaired
        worked[person.id] = sched
        for d in sched:
            counts[d.id] += 1
    if complete:
        rescan(index, people, by_day, worked, counts, fixed, deadline, cancel, reaches)
    return order_interchangeable(problem, _pairs(worked), groups), complete


def _cost(index: Index, person: Person, sched: Sequence[Demand], counts: Counter[str]) -> int:
    """What this person's schedule costs given everyone else's (`counts` without them)."""
    w = index.problem.weights
    total = sum(person_terms(index, person, sched).values())
    for d in sched:
        n = counts[d.id]
        under = w.unfilled if d.under_weight is None else d.under_weight
        over = w.over_staffing if d.over_weight is None else d.over_weight
        total += -under if n < d.need else over
    return total


def rescan(
    index: Index,
    people: Sequence[Person],
    by_day: dict[int, list[Demand]],
    worked: dict[str, list[Demand]],
    counts: Counter[str],
    fixed: dict[str, list[Demand]],
    deadline: float,
    cancel: threading.Event | None,
    reaches: dict[str, Reach] | None = None,
) -> None:
    """Passes that scan each person again knowing everyone else's final schedule (the
    first pass saw only those before them); a new schedule is kept when it costs less."""
    for _ in range(RESCAN_PASSES):
        better = False
        for person in people:
            if (cancel is not None and cancel.is_set()) or time.monotonic() > deadline:
                return
            old = worked[person.id]
            for d in old:
                counts[d.id] -= 1
            keep = old
            for urgency, ration, seed in STRATEGIES[:4]:
                mine = fixed.get(person.id, [])
                new = scan(index, person, by_day, counts, mine, urgency, ration, seed, reaches)
                if person_violations(index, person, new):
                    continue
                if _cost(index, person, new, counts) < _cost(index, person, keep, counts):
                    keep, better = new, True
            worked[person.id] = keep
            for d in keep:
                counts[d.id] += 1
        if not better:
            return


def _on_days(ds: Sequence[Demand]) -> dict[int, list[Demand]]:
    out: dict[int, list[Demand]] = defaultdict(list)
    for d in ds:
        out[d.day].append(d)
    return out


def _pairs(worked: dict[str, list[Demand]]) -> list[Pair]:
    return sorted((pid, d.id) for pid, ds in worked.items() for d in ds)


NEG = -(10**12)


def _eligible(
    index: Index, person: Person, by_day: dict[int, list[Demand]]
) -> dict[int, list[Demand]]:
    """Per day, the demands this person may take at all (leave, skills, banned kinds)."""
    banned = {k for k, cap in person.limits.max_shifts_by_kind.items() if cap == 0}
    off_days = person.time_off_days | person.unavailable_days
    return {
        day: []
        if day in off_days
        else [
            d
            for d in by_day.get(day, ())
            if d.kind not in banned and not static_blockers(person, d)
        ]
        for day in range(index.problem.days)
    }


class Reach:
    """The most minutes one person can still work from each day on, exactly under the
    stretch rules, the weekend cap, leave and fixed work (kinds, successions and caps per
    kind aside: every workable day counts its longest shift).

    One backward pass over (day, stretch state, weekends used) — numpy over the weekend
    axis, milliseconds for a year. The scan consults it before each day's choice: a rest
    day or a seat is only taken when the minimum hours stay reachable afterwards, which
    is what a year at nearly full hours needs (the weekend cap and the rest stretches
    leave only a few days of slack over 52 weeks).
    """

    def __init__(
        self,
        index: Index,
        person: Person,
        elig: dict[int, list[Demand]],
        fixed_on: dict[int, list[Demand]],
    ) -> None:
        problem = index.problem
        lim = person.limits
        horizon = problem.days
        min_on = lim.min_consecutive_days or 1
        transitions, finals = stretch_automaton(
            lim.max_consecutive_days,
            min_on,
            lim.min_consecutive_days_off or 1,
            lim.consecutive_days_before,
        )
        top = lim.max_consecutive_days if lim.max_consecutive_days is not None else max(min_on, 1)
        self.worked_states = range(2, 2 + 2 * top)  # states entered by a working day
        self.tr: dict[tuple[int, int], int] = {(a, lab): b for a, lab, b in transitions}
        nq = max(max(a, b) for a, _, b in transitions) + 1
        self.track = lim.max_weekends is not None and lim.max_weekends < len(problem.weekends)
        cap = lim.max_weekends if self.track and lim.max_weekends is not None else 0
        self.cap = cap
        self.weekend_of_day = index.weekend_of_day
        table = np.full((horizon + 1, nq, cap + 1), NEG, dtype=np.int64)
        for q in finals:
            table[horizon, q, :] = 0
        for day in range(horizon - 1, -1, -1):
            nxt = table[day + 1]
            cur = table[day]
            forced = fixed_on.get(day)
            if forced:
                gain: int | None = sum(d.minutes for d in forced)
            elif elig.get(day):
                gain = max(d.minutes for d in elig[day])
            else:
                gain = None
            for q in range(nq):
                q0 = self.tr.get((q, 0))
                if q0 is not None and not forced:
                    np.maximum(cur[q], nxt[q0], out=cur[q])
                q1 = self.tr.get((q, 1))
                if q1 is not None and gain is not None:
                    if self._new_weekend(day, q):
                        cand = np.full(cap + 1, NEG, dtype=np.int64)
                        cand[:cap] = nxt[q1, 1:]
                    else:
                        cand = nxt[q1]
                    np.maximum(cur[q], np.where(cand > NEG // 2, cand + gain, NEG), out=cur[q])
        self.table = table
        self.elig = elig
        # Days from `day` to the end on which this person could work at all.
        self.open_after = [0] * (horizon + 1)
        for day in range(horizon - 1, -1, -1):
            self.open_after[day] = self.open_after[day + 1] + (1 if elig[day] else 0)
        # The coarse guide (stretch rules only) for a scan pushed off the exact table.
        self.most_days = most_days(
            [bool(elig[day]) for day in range(horizon)],
            min(lim.max_consecutive_days or 60, 60),
            min_on,
            lim.min_consecutive_days_off or 1,
        )

    def _new_weekend(self, day: int, q: int) -> bool:
        """Whether working `day` (in state q) starts using a weekend not yet used."""
        if not self.track:
            return False
        wk = self.weekend_of_day.get(day)
        if wk is None:
            return False
        return not (self.weekend_of_day.get(day - 1) == wk and q in self.worked_states)

    def step(self, day: int, q: int, used: int, works: bool) -> tuple[int, int] | None:
        """The state after `day` (worked or not), or None when the rules forbid it."""
        nq = self.tr.get((q, 1 if works else 0))
        if nq is None:
            return None
        if works and self._new_weekend(day, q):
            used += 1
            if used > self.cap:
                return None
        return nq, used

    def most(self, day: int, state: tuple[int, int] | None) -> int:
        """The most minutes from `day` on, entering it in `state` (NEG: no valid end)."""
        if state is None:
            return NEG
        return int(self.table[day, state[0], state[1]])


def scan(
    index: Index,
    person: Person,
    by_day: dict[int, list[Demand]],
    counts: Counter[str],
    fixed: Sequence[Demand] = (),
    urgency: float = 8.0,
    ration: bool = True,
    seed: int | None = None,
    reaches: dict[str, Reach] | None = None,
) -> list[Demand]:
    """One forward pass over the days for one person, others' seats given by `counts`.

    `urgency`: how many shifts of slack on the minimum hours make every workable day
    a working one; `ration`: spread weekends over the period."""
    problem = index.problem
    lim = person.limits
    w = problem.weights
    horizon = problem.days
    rest = problem.min_rest_minutes
    pref: dict[tuple[int, str | None], int] = defaultdict(int)
    for p in person.preferences:
        pref[p.day, p.kind] += (p.weight if p.wanted else -p.weight) * w.preference
    fixed_on: dict[int, list[Demand]] = defaultdict(list)
    for d in fixed:
        fixed_on[d.day].append(d)
    cached = reaches.get(person.id) if reaches is not None else None
    if cached is None:
        cached = Reach(index, person, _eligible(index, person, by_day), fixed_on)
        if reaches is not None:
            reaches[person.id] = cached
    reach = cached
    elig = reach.elig
    open_after = reach.open_after
    dp_on = min(lim.max_consecutive_days or 60, 60)
    most = reach.most_days
    state: tuple[int, int] | None = (0, 0)
    lengths = [d.minutes for ds in elig.values() for d in ds]
    typical = max(1, round(sum(lengths) / len(lengths))) if lengths else 1
    lo = lim.min_minutes or 0
    hi = lim.max_minutes if lim.max_minutes is not None else INF
    # Aim just under the maximum: the maximum is never passed (options() checks it),
    # while falling short of the minimum needs a repair.
    goal = max(lo, hi - typical) if hi < INF else max(lo, 0)
    max_on = lim.max_consecutive_days or horizon + 1
    min_on = lim.min_consecutive_days or 1
    min_off = lim.min_consecutive_days_off or 1
    max_we = lim.max_weekends if lim.max_weekends is not None else horizon
    cost_w = w.cost * person.cost_per_hour

    rng = random.Random(seed) if seed is not None else None

    def value(d: Demand) -> float | None:
        n = counts[d.id]
        if n >= d.need + d.max_extra:
            return None
        under = w.unfilled if d.under_weight is None else d.under_weight
        over = w.over_staffing if d.over_weight is None else d.over_weight
        v = float(under if n < d.need else -over)
        v += pref[d.day, d.kind] + pref[d.day, None]
        if rng is not None:
            v += rng.random() * 50
        return v - cost_w * d.minutes / 60

    sched: list[Demand] = []
    kinds: Counter[str] = Counter()
    weekends: set[int] = set()
    minutes = 0
    on = lim.consecutive_days_before
    on_initial = True  # the current stretch touches day 0 (never too short)
    off = 0
    off_initial = True
    prev: list[Demand] = []

    n_weekends = max(1, len(problem.weekends))
    pressed = [False]  # the minimum hours are at stake: weekends are not rationed

    def workable(day: int, used_weekends: set[int]) -> bool:
        if not elig.get(day):
            return False
        wk = index.weekend_of_day.get(day)
        if wk is None or wk in used_weekends:
            return True
        allowed = max_we
        if ration and not pressed[0] and max_we < n_weekends:
            # Spread weekends over the period, or the last weeks may have none left.
            allowed = min(max_we, math.ceil(max_we * (wk + 1) / n_weekends) + 1)
        return len(used_weekends) < allowed

    def options(day: int) -> list[tuple[float, Demand]]:
        out: list[tuple[float, Demand]] = []
        for d in elig[day]:
            cap = lim.max_shifts_by_kind.get(d.kind)
            if cap is not None and kinds[d.kind] >= cap:
                continue
            if minutes + d.minutes > hi:
                continue
            if any((o.kind, d.kind) in index.forbidden for o in prev):
                continue
            if any(o.start < d.end + rest and d.start < o.end + rest for o in sched[-3:]):
                continue
            v = value(d)
            if v is None:
                continue
            same = 0.5 if any(o.kind == d.kind for o in prev) else 0.0
            out.append((v + same, d))
        out.sort(key=lambda vd: -vd[0])
        return out

    def lasts(start: Demand, need: int) -> bool:
        """Whether a stretch begun with `start` can go on for `need` days."""
        trial = set(weekends)
        used: Counter[str] = Counter(kinds)
        last = start
        for x in range(start.day, start.day + need):
            if not workable(x, trial):
                return False
            if x > start.day:
                nxt = None
                for d in sorted(elig[x], key=lambda d: d.kind != last.kind):
                    cap = lim.max_shifts_by_kind.get(d.kind)
                    if cap is not None and used[d.kind] >= cap:
                        continue
                    if (last.kind, d.kind) in index.forbidden:
                        continue
                    nxt = d
                    break
                if nxt is None:
                    return False
                last = nxt
            used[last.kind] += 1
            wk = index.weekend_of_day.get(x)
            if wk is not None:
                trial.add(wk)
        return True

    for day in range(horizon):
        chosen: Demand | None = None
        if fixed_on.get(day):
            todays = fixed_on[day]
        else:
            todays = []
            if state is not None:
                # Exact look-ahead: what the rest of the period can still hold.
                resting = reach.step(day, state[0], state[1], False)
                room = minutes + reach.most(day + 1, resting)
                forced = room < lo or (resting is None)
                urgent = lo > 0 and room < lo + urgency * typical
            else:
                room = most[day + 1][_off_state(dp_on, min_off, off + 1 if on == 0 else 1)]
                forced = False
                urgent = lo > 0 and minutes + room * typical < lo + urgency * typical
            pressed[0] = urgent
            wk_today = index.weekend_of_day.get(day)
            opts = options(day) if workable(day, weekends) else []
            if state is not None and opts:
                working = reach.step(day, state[0], state[1], True)
                after = reach.most(day + 1, working)
                kept = [o for o in opts if minutes + o[1].minutes + after >= max(lo, 0)]
                if kept or not forced:
                    opts = kept
            can = bool(opts) and on < max_on
            if off > 0 and not off_initial and off < min_off:
                can = False
            must = on > 0 and not on_initial and on < min_on
            left = horizon - day
            # Pace by the days this person can work at all (leave is not idle time).
            done = open_after[0] - open_after[day + 1]
            pace = goal * done / max(1, open_after[0])
            # Work needed to reach the minimum, against what the days left can hold.
            # The most days the stretch rules still allow if this one is a rest day:
            # rest only when the minimum hours stay within reach.
            behind = minutes <= pace
            ahead = minutes > pace + 2 * typical
            if forced and opts and on < max_on:
                can = True
            if can:
                best = opts[0][0]
                want = must or forced or urgent or behind or (best > 0 and not ahead)
                want = want or (best > 0 and lo > 0)
                if wk_today is not None and max_we < n_weekends:
                    if wk_today in weekends:
                        # The weekend is spent already: its other days cost nothing more.
                        want = want or best > -typical
                    elif index.weekend_of_day.get(day + 1) != wk_today:
                        # Its last day alone would spend a whole weekend on one shift.
                        want = must or forced
                if want and on == 0:
                    # Start only a stretch that can last its minimum (or meets the end).
                    need = min(min_on, left)
                    if minutes + need * typical > hi:
                        opts = []
                    if wk_today is not None and index.weekend_of_day.get(day + 1) == wk_today:
                        need = max(need, min(2, left))  # a weekend begun is worked through
                    lasting = [o for o in opts if lasts(o[1], need)]
                    opts = lasting if lasting or not forced else opts
                if want and opts:
                    chosen = opts[0][1]
            todays = [chosen] if chosen is not None else []
        if state is not None:
            state = reach.step(day, state[0], state[1], bool(todays))
        for d in todays:
            sched.append(d)
            kinds[d.kind] += 1
            minutes += d.minutes
            wk = index.weekend_of_day.get(d.day)
            if wk is not None:
                weekends.add(wk)
        if todays:
            if on == 0:
                on_initial = day == 0
            on += 1
            off = 0
        else:
            if off == 0:
                off_initial = day == 0
            off += 1
            on = 0
        prev = todays
    return sched


def _off_state(max_on: int, min_off: int, off: int) -> int:
    return max_on + min(off, min_off) - 1


def most_days(open_days: list[bool], max_on: int, min_on: int, min_off: int) -> list[list[int]]:
    """most[t][s]: the most days one can work from day t on, entering day t in state s.

    States 0..max_on-1 = a work stretch of s+1 days so far; max_on..max_on+min_off-1 =
    a rest stretch of (s-max_on+1) days (the last: at least min_off). Only the stretch
    rules and the days the person can work at all are counted (a guide, not a proof).
    """
    horizon = len(open_days)
    n = max_on + min_off
    neg = -(10**9)
    most = [[0] * n for _ in range(horizon + 1)]
    for t in range(horizon - 1, -1, -1):
        nxt = most[t + 1]
        row = most[t]
        can = open_days[t]
        for s in range(n):
            best = neg
            if s < max_on:  # working, s + 1 days so far
                if can and s + 1 < max_on:
                    best = 1 + nxt[s + 1]
                if s + 1 >= min_on:
                    best = max(best, nxt[max_on])
            else:
                j = s - max_on + 1
                if can and j >= min_off:
                    best = 1 + nxt[0]
                best = max(best, nxt[max_on + min(j + 1, min_off) - 1])
            row[s] = best
    return most


def repair(
    index: Index,
    person: Person,
    sched: list[Demand],
    worked: dict[str, list[Demand]],
    counts: Counter[str],
    deadline: float,
) -> list[Demand] | None:
    """The person's schedule with its breaches solved away over windows of days.

    Breaches of stretch rules are solved in a window around them. A shortfall of hours
    on a long period usually cannot be made up in one window (the scan already works
    near the densest the stretch rules allow), so windows are swept from the end, each
    asked for one more shift than it has, until the minimum is reached.
    """
    problem = index.problem
    horizon = problem.days
    current = sorted(sched, key=lambda d: (d.start, d.id))
    span = min(horizon, 56)
    starts = list(range(max(0, horizon - span), -1, -span // 2))
    if starts[-1] != 0:
        starts.append(0)
    plan: list[tuple[int, int, bool]] = [(0, horizon - 1, True)] if horizon <= 2 * span else []
    plan += [(s, min(horizon - 1, s + span - 1), False) for s in starts] * 2
    for wide in (2 * span, 4 * span):
        if wide < horizon:
            plan += [(s, s + wide - 1, False) for s in range(horizon - wide, -1, -wide // 2)]
    plan.append((0, horizon - 1, True))
    for first, last, exact in plan:
        bad = person_violations(index, person, current)
        if not bad:
            return current
        if time.monotonic() > deadline:
            return None
        days = [index.demands[i].day for v in bad for i in v.demand_ids]
        if days and not exact:
            first = max(0, min(min(days) - span // 2, horizon - span))
            first -= first % 7
            last = min(horizon - 1, first + span - 1)
        found = _solve_window(index, person, current, worked, counts, first, last, deadline, exact)
        if found is not None:
            current = found
    return current if not person_violations(index, person, current) else None


def _solve_window(
    index: Index,
    person: Person,
    current: list[Demand],
    worked: dict[str, list[Demand]],
    counts: Counter[str],
    first: int,
    last: int,
    deadline: float,
    exact: bool = False,
) -> list[Demand] | None:
    mine = dict(worked)
    mine[person.id] = current
    tally = Counter(counts)
    for d in current:
        tally[d.id] += 1
    part = restrict(index, mine, tally, [person], first, last)
    sub = part.problem
    [p] = sub.people
    inside = sum(d.minutes for d in current if first <= d.day <= last)
    lim = p.limits
    if not exact and lim.min_minutes is not None and lim.max_minutes is not None:
        # Not reachable in this window alone: ask for one more shift than it has.
        longest = max((d.minutes for d in sub.demands), default=0)
        ctx = sum(d.minutes for d in current if part.offset <= d.day <= part.offset + sub.days - 1)
        ctx -= inside
        want = min(lim.min_minutes, ctx + inside + longest)
        sub = replace(sub, people=(replace(p, limits=replace(lim, min_minutes=want)),))
    built = build(sub)
    if built.infeasible:
        return None
    now = {d.id for d in current}
    for (_, did), var in built.x.items():
        built.model.add_hint(var, did in now)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.repair_hint = True
    # Any valid schedule will do here: the search after the construction improves it.
    solver.parameters.stop_after_first_solution = True
    limit = WINDOW_S * (3 if exact else 1)
    solver.parameters.max_time_in_seconds = max(0.1, min(deadline - time.monotonic(), limit))
    status = solver.solve(built.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    chosen = {did for (_, did), var in built.x.items() if solver.boolean_value(var)}
    out = [d for d in current if not first <= d.day <= last]
    out += [index.demands[i] for i in chosen if first <= index.demands[i].day <= last]
    return sorted(out, key=lambda d: (d.start, d.id))
