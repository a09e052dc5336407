"""The product's facts and rule book, mapped onto the pure solver's Problem.

Exact where the solver can say it, conservative elsewhere, and re-checked after:

- per (person, shift) rules (skills and expiry, time off, unavailability, inactive,
  shift length) and everything judged against the person's other assignments (overlap,
  rest, successions, hours per day, and totals the others already use up) come from
  the rule engine itself (`check_assignment` against those other assignments): a
  refused pair is closed to the solver (`unavailable_shifts`) and its rule codes
  explain open seats;
- between the run's own seats: min rest (the strictest), forbidden successions on
  consecutive days, hours per organisation week (minus what the person already works
  that week), per period, max consecutive days (with the run carried in), min days off
  and max weekends when they are hard;
- soft: not-preferred shifts as unwanted (day, kind) preferences, preferred ones as
  wanted; overtime at the person's rate times the rule's multiplier.

In "fill" mode the existing assignments are context (never moved); in "replan" mode
those on the run's shifts are `Existing`, changeable at `Weights.change` each. No
assignment is ever fixed in the model, so existing data cannot make it infeasible.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from shiftwise.models import ScheduleRunMode
from shiftwise.schedule_runs.inputs import Inputs
from shiftwise.scheduling import rules, solver

# Codes the pair check may report that more work could make go away: not blockers.
_NOT_MONOTONE = frozenset({rules.RuleCode.min_consecutive_days_off})


@dataclass
class Mapped:
    problem: solver.Problem
    # (person, shift) -> the rule engine's hard codes that close the pair
    blocked: dict[tuple[uuid.UUID, uuid.UUID], list[str]] = field(default_factory=dict)
    # live assignments the solver may change (replan): (person, shift) -> assignment id
    changeable: dict[tuple[uuid.UUID, uuid.UUID], uuid.UUID] = field(default_factory=dict)


def _hard(cfg: rules.RuleConfig) -> bool:
    return cfg.enabled and cfg.severity is rules.Severity.hard


def _minute(inputs: Inputs, fact: rules.ShiftFact, at: str) -> int:
    value = fact.starts_at if at == "start" else fact.ends_at
    return int((value - inputs.period_start).total_seconds()) // 60


def build_problem(inputs: Inputs, mode: ScheduleRunMode) -> Mapped:
    changeable: dict[tuple[uuid.UUID, uuid.UUID], uuid.UUID] = {}
    if mode is ScheduleRunMode.replan:
        changeable = {(a.person_id, a.shift_id): a.id for a in inputs.live}
    counted: dict[uuid.UUID, int] = defaultdict(int)
    for a in inputs.live:
        if (a.person_id, a.shift_id) not in changeable:
            counted[a.shift_id] += 1
    demands = []
    for sid, rs in inputs.shifts.items():
        demands.append(
            solver.Demand(
                id=str(sid),
                shift_id=str(sid),
                day=(rs.fact.local_date - inputs.start_date).days,
                kind=rs.fact.effective_kind,
                start=_minute(inputs, rs.fact, "start"),
                end=_minute(inputs, rs.fact, "end"),
                need=max(0, rs.shift.headcount - counted[sid]),
                location=str(rs.shift.location_id),
                paid_minutes=rs.fact.paid_minutes,
            )
        )
    mapped = Mapped(
        problem=solver.Problem(days=inputs.days, demands=(), people=()), changeable=changeable
    )
    people = []
    rests: list[int] = []
    successions: set[tuple[str, str]] = set()
    weekend_days: list[int] = []
    for pid in sorted(inputs.names, key=str):
        facts = inputs.facts.get(pid)
        if facts is None:
            continue
        mine = {sid for (p, sid) in changeable if p == pid}
        context = [a for a in facts.assignments if a.id not in mine]
        ctx_facts = facts.with_assignments(context)
        unavailable: set[str] = set()
        wanted: dict[tuple[int, str], bool] = {}
        for sid, rs in inputs.shifts.items():
            ruleset = inputs.book.for_(rs.shift.location_id, pid)
            found = rules.check_assignment(rs.fact, ctx_facts, ruleset)
            hard = sorted(
                {v.code.value for v in found if v.is_hard and v.code not in _NOT_MONOTONE}
            )
            if hard:
                unavailable.add(str(sid))
                mapped.blocked[(pid, sid)] = hard
                continue
            day = (rs.fact.local_date - inputs.start_date).days
            key = (day, rs.fact.effective_kind)
            if any(v.code is rules.RuleCode.not_preferred for v in found):
                wanted[key] = False
            elif key not in wanted and _has_preferred_day(facts, rs.fact.local_date):
                wanted[key] = True
        rule_sets = [inputs.book.for_(loc, pid) for loc in inputs.location_ids]
        limits, rest, pairs, weekend = _limits(inputs, facts, context, rule_sets)
        rests.append(rest)
        successions |= pairs
        weekend_days = weekend_days or weekend
        overtime = rule_sets[0][rules.RuleCode.overtime]
        rate = facts.contract.hourly_rate
        overtime_after = overtime.minutes("hours_per_week")
        multiplier = overtime.number("multiplier") or 1.0
        people.append(
            solver.Person(
                id=str(pid),
                unavailable_shifts=frozenset(unavailable),
                preferences=tuple(
                    solver.Preference(day=d, kind=k, wanted=w, weight=5)
                    for (d, k), w in sorted(wanted.items())
                ),
                limits=limits,
                overtime_after_minutes=(
                    None
                    if overtime_after is None or not overtime.enabled
                    else round(overtime_after * inputs.days / 7)
                ),
                overtime_cost_per_hour=round(float(rate or 0) * multiplier),
            )
        )
    existing = tuple(
        solver.Existing(person_id=str(p), demand_id=str(s))
        for (p, s) in changeable
        if s in inputs.shifts and str(p) in {x.id for x in people}
    )
    mapped.problem = solver.Problem(
        days=inputs.days,
        demands=tuple(demands),
        people=tuple(people),
        successions=tuple(solver.Succession(a, b) for a, b in sorted(successions)),
        min_rest_minutes=max(rests, default=0),
        weekends=_weekends(inputs, weekend_days),
        existing=existing,
        weights=solver.Weights(cost=1),
    )
    return mapped


def _has_preferred_day(facts: rules.PersonFacts, day: date) -> bool:
    exceptions = facts.exceptions_by_day.get(day)
    slots = exceptions if exceptions is not None else facts.pattern_by_weekday.get(day.weekday())
    return any(s.status is rules.Availability.preferred for s in slots or ())


def _weekends(inputs: Inputs, weekend_days: list[int]) -> tuple[tuple[int, ...], ...]:
    if not weekend_days:
        return ()
    first = weekend_days[0]
    groups: dict[date, list[int]] = defaultdict(list)
    for i in range(inputs.days):
        day = inputs.start_date + timedelta(days=i)
        if day.weekday() in weekend_days:
            groups[day - timedelta(days=(day.weekday() - first) % 7)].append(i)
    return tuple(tuple(v) for _, v in sorted(groups.items()))


def _limits(
    inputs: Inputs,
    facts: rules.PersonFacts,
    context: list[rules.ShiftFact],
    rule_sets: list[rules.RuleSet],
) -> tuple[solver.Limits, int, set[tuple[str, str]], list[int]]:
    """The strictest of the person's rule sets at the run's locations, minus what the
    work outside the model already uses."""
    start, last = inputs.start_date, inputs.last_date

    def strictest(code: rules.RuleCode, name: str) -> float | None:
        values = [rs[code].number(name) for rs in rule_sets if _hard(rs[code])]
        present = [v for v in values if v is not None]
        return min(present) if present else None

    rest = max(
        (
            rs[rules.RuleCode.min_rest].minutes("hours") or 0
            for rs in rule_sets
            if _hard(rs[rules.RuleCode.min_rest])
        ),
        default=0,
    )
    pairs: set[tuple[str, str]] = set()
    for rs in rule_sets:
        cfg = rs[rules.RuleCode.forbidden_succession]
        raw = cfg.params.get("pairs")
        if _hard(cfg) and isinstance(raw, list):
            pairs |= {(str(p[0]), str(p[1])) for p in raw if isinstance(p, list) and len(p) == 2}

    # Hours per organisation week: the rule's limit, tightened by the contract.
    weekly = strictest(rules.RuleCode.max_hours_per_week, "hours")
    weekly_min = None if weekly is None else round(weekly * 60)
    if facts.contract.max_hours_per_week is not None and any(
        _hard(rs[rules.RuleCode.max_hours_per_week]) for rs in rule_sets
    ):
        contract = round(facts.contract.max_hours_per_week * 60)
        weekly_min = contract if weekly_min is None else min(weekly_min, contract)
    week_start = inputs.book.week_start
    windows: list[solver.MinutesWindow] = []
    if weekly_min is not None:
        day = start - timedelta(days=(start.weekday() - week_start) % 7)
        while day <= last:
            week_end = day + timedelta(days=6)
            used = sum(s.paid_minutes for s in context if day <= s.local_date <= week_end)
            windows.append(
                solver.MinutesWindow(
                    first_day=max(0, (day - start).days),
                    last_day=min(inputs.days - 1, (week_end - start).days),
                    max_minutes=max(0, weekly_min - used),
                )
            )
            day += timedelta(days=7)
    period_hours = strictest(rules.RuleCode.max_hours_per_period, "hours")
    max_minutes = None
    if period_hours is not None:
        used = sum(s.paid_minutes for s in context if start <= s.local_date <= last)
        max_minutes = max(0, round(period_hours * 60) - used)

    consecutive = strictest(rules.RuleCode.max_consecutive_days, "days")
    worked = {s.local_date for s in context}
    before = 0
    while start - timedelta(days=before + 1) in worked:
        before += 1
    days_off = strictest(rules.RuleCode.min_consecutive_days_off, "days")

    weekends_allowed = strictest(rules.RuleCode.max_weekends, "weekends")
    weekend_days: list[int] = []
    max_weekends = None
    cfg = rule_sets[0][rules.RuleCode.max_weekends]
    raw_days = cfg.params.get("weekend_days")
    if weekends_allowed is not None and isinstance(raw_days, list):
        weekend_days = [int(d) for d in raw_days if isinstance(d, int)]
        weeks = cfg.number("weeks") or 0
        margin = timedelta(weeks=weeks)
        first = weekend_days[0] if weekend_days else 5
        ctx_weekends = {
            d - timedelta(days=(d.weekday() - first) % 7)
            for d in worked
            if d.weekday() in weekend_days and start - margin <= d <= last + margin
        }
        max_weekends = max(0, int(weekends_allowed) - len(ctx_weekends))

    limits = solver.Limits(
        max_minutes=max_minutes,
        windows=tuple(windows),
        max_consecutive_days=None if consecutive is None else int(consecutive),
        min_consecutive_days_off=None if days_off is None else int(days_off),
        max_weekends=max_weekends,
        consecutive_days_before=before,
    )
    return limits, rest, pairs, weekend_days
