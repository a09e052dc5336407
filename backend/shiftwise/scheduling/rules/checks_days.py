"""Rules on the pattern of worked days: runs of work, days off, weekends.

A day is worked when a shift starts on it (local date in the shift's zone).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

from shiftwise.scheduling.rules.config import RuleCode, RuleConfig
from shiftwise.scheduling.rules.timeline import Found, Timeline
from shiftwise.scheduling.rules.violations import fmt_day

_DAY = timedelta(days=1)


def _runs(days: list[date]) -> Iterator[list[date]]:
    """Maximal runs of consecutive dates in a sorted list."""
    run: list[date] = []
    for day in days:
        if run and day - run[-1] != _DAY:
            yield run
            run = []
        run.append(day)
    if run:
        yield run


def max_consecutive_days(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    limit = cfg.number("days")
    if limit is None:
        return
    by_day = tl.by_day
    for run in _runs(sorted(by_day)):
        if len(run) > limit:
            indices = [i for day in run for i in by_day[day]]
            if not tl.wants(indices):
                continue
            yield tl.found(
                RuleCode.max_consecutive_days,
                cfg,
                f"{len(run)} working days in a row, {fmt_day(run[0])} to {fmt_day(run[-1])} "
                f"(maximum {limit:g}).",
                indices,
                local_date=run[0],
                amount=Decimal(len(run)),
                limit=Decimal(str(limit)),
            )


def min_consecutive_days_off(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    minimum = cfg.number("days")
    if minimum is None:
        return
    by_day = tl.by_day
    days = sorted(by_day)
    for before, after in itertools.pairwise(days):
        off = (after - before).days - 1
        if 0 < off < minimum:
            indices = [*by_day[before], *by_day[after]]
            if not tl.wants(indices):
                continue
            yield tl.found(
                RuleCode.min_consecutive_days_off,
                cfg,
                f"Only {off} day{'s' if off != 1 else ''} off between {fmt_day(before)} and "
                f"{fmt_day(after)} (minimum {minimum:g}).",
                indices,
                local_date=before + _DAY,
                amount=Decimal(off),
                limit=Decimal(str(minimum)),
            )


def max_weekends(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    """At most `weekends` worked in any `weeks` consecutive weekends (rolling),
    so the rule holds whatever period is being looked at."""
    allowed = cfg.number("weekends")
    weeks = cfg.number("weeks")
    raw_days = cfg.params.get("weekend_days")
    if allowed is None or not weeks or not isinstance(raw_days, list) or not raw_days:
        return
    weekend_days = {int(d) for d in raw_days if isinstance(d, int)}
    first = int(raw_days[0]) if isinstance(raw_days[0], int) else 5
    # A weekend is named by the date of its first day.
    worked: dict[date, list[int]] = {}
    for i, shift in enumerate(tl.shifts):
        day = shift.local_date
        weekday = day.weekday()
        if weekday in weekend_days:
            key = day - timedelta(days=(weekday - first) % 7)
            worked.setdefault(key, []).append(i)
    if len(worked) <= allowed:
        return
    keys = sorted(worked)
    span = timedelta(weeks=weeks)
    reported: list[set[date]] = []
    for n, start in enumerate(keys):
        window = [k for k in keys[n:] if k < start + span]
        if len(window) <= allowed:
            continue
        members = set(window)
        if any(members <= earlier for earlier in reported):
            continue
        reported.append(members)
        indices = [i for k in window for i in worked[k]]
        if not tl.wants(indices):
            continue
        yield tl.found(
            RuleCode.max_weekends,
            cfg,
            f"{len(window)} weekends worked in the {weeks:g} weeks from {fmt_day(start)} "
            f"(maximum {allowed:g}).",
            indices,
            local_date=start,
            amount=Decimal(len(window)),
            limit=Decimal(str(allowed)),
        )
