"""Rules on paid hours summed per local day, organisation week and period.

A shift counts wholly on its local date (its start in the location's zone),
with its real elapsed length minus the unpaid break, so a night across a DST
change counts 7 or 9 hours. Weeks begin on the organisation's week start.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

from shiftwise.scheduling.rules.config import RuleCode, RuleConfig
from shiftwise.scheduling.rules.timeline import Found, Timeline
from shiftwise.scheduling.rules.violations import (
    Record,
    RecordKind,
    fmt_day,
    fmt_hours,
    hours,
    money,
)


def _by_day(tl: Timeline) -> dict[date, list[int]]:
    if tl.focus is None:
        return {day: indices for day, indices in tl.by_day.items() if tl.wants(indices)}
    day = tl.shifts[tl.focus].local_date
    return {day: tl.by_day[day]}


def _by_week(tl: Timeline) -> dict[date, list[int]]:
    """Shift positions per organisation week; only the proposed shift's week
    when there is one."""
    weeks = tl.weeks
    if tl.focus is not None:
        target = weeks[tl.focus]
        return {target: [i for i, week in enumerate(weeks) if week == target]}
    buckets: dict[date, list[int]] = {}
    for i, week in enumerate(weeks):
        buckets.setdefault(week, []).append(i)
    return {week: indices for week, indices in buckets.items() if tl.wants(indices)}


def _paid(tl: Timeline, indices: list[int]) -> int:
    return sum(tl.shifts[i].paid_minutes for i in indices)


def max_hours_per_day(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    limit = cfg.minutes("hours")
    if limit is None:
        return
    for day, indices in _by_day(tl).items():
        total = _paid(tl, indices)
        if total > limit:
            yield tl.found(
                RuleCode.max_hours_per_day,
                cfg,
                f"{fmt_hours(total)} of work on {fmt_day(day)} (maximum {fmt_hours(limit)}).",
                indices,
                local_date=day,
                amount=hours(total),
                limit=hours(limit),
            )


def _weekly_limit(tl: Timeline, cfg: RuleConfig) -> int | None:
    limit = cfg.minutes("hours")
    contract_max = tl.person.contract.max_hours_per_week
    if contract_max is not None:
        # A contract can tighten the limit; loosening it is a person override.
        contract_minutes = round(contract_max * 60)
        limit = contract_minutes if limit is None else min(limit, contract_minutes)
    return limit


def max_hours_per_week(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    limit = _weekly_limit(tl, cfg)
    if limit is None:
        return
    for week, indices in _by_week(tl).items():
        total = _paid(tl, indices)
        if total > limit:
            yield tl.found(
                RuleCode.max_hours_per_week,
                cfg,
                f"{fmt_hours(total)} of work in the week starting {fmt_day(week)} "
                f"(maximum {fmt_hours(limit)}).",
                indices,
                local_date=week,
                amount=hours(total),
                limit=hours(limit),
            )


def overtime(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    threshold = cfg.minutes("hours_per_week")
    if threshold is None:
        return
    multiplier = Decimal(str(cfg.number("multiplier") or 1))
    rate = tl.person.contract.hourly_rate
    for week, indices in _by_week(tl).items():
        total = _paid(tl, indices)
        if total <= threshold:
            continue
        extra = hours(total - threshold)
        cost = None if rate is None else money(extra * rate * multiplier)
        cost_text = "" if cost is None else f", costing {cost} at {multiplier}×"
        yield tl.found(
            RuleCode.overtime,
            cfg,
            f"{fmt_hours(total - threshold)} of overtime in the week starting {fmt_day(week)} "
            f"({fmt_hours(total)} over the {fmt_hours(threshold)} threshold{cost_text}).",
            indices,
            local_date=week,
            amount=extra,
            limit=hours(threshold),
            cost=cost,
        )


def max_hours_per_period(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    limit = cfg.minutes("hours")
    if limit is None:
        return
    for (start, end), indices in tl.period_groups():
        total = _paid(tl, indices)
        if total > limit:
            yield tl.found(
                RuleCode.max_hours_per_period,
                cfg,
                f"{fmt_hours(total)} of work from {fmt_day(start)} to {fmt_day(end)} "
                f"(maximum {fmt_hours(limit)}).",
                indices,
                local_date=start,
                amount=hours(total),
                limit=hours(limit),
            )


def min_hours_per_period(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    """A whole-period rule: judged by check_schedule only, never per change
    (one more shift can only bring the person closer to the minimum).

    Judging a view that ends before its rule period does (a week early in the month),
    the minimum is pro rata to the view's last day: every hour planned in the period
    counts, but weeks not yet reached ask for nothing, so a month still being planned
    does not flag everyone. At the period's end it is the whole minimum."""
    if tl.focus is not None:
        return
    per_week = cfg.number("hours_per_week")
    if per_week is None and tl.person.contract.contracted_hours_per_week is not None:
        per_week = float(tl.person.contract.contracted_hours_per_week)
    if not per_week:
        return
    view_last = tl.period[1] if tl.period is not None and tl.rule_period is not None else None
    for (start, end), indices in tl.period_groups():
        due = end if view_last is None or view_last >= end else view_last
        days = (due - start + timedelta(days=1)).days
        target = round(per_week * 60 * days / 7)
        total = _paid(tl, indices)
        if total < target:
            whole = due == end
            yield tl.found(
                RuleCode.min_hours_per_period,
                cfg,
                f"Only {fmt_hours(total)} of work from {fmt_day(start)} to {fmt_day(end)} "
                + (
                    f"(minimum {fmt_hours(target)})."
                    if whole
                    else f"(minimum {fmt_hours(target)} by {fmt_day(due)}, pro rata)."
                ),
                indices,
                extra=(Record(RecordKind.person, tl.person.person_id),),
                local_date=start,
                amount=hours(total),
                limit=hours(target),
            )
