"""Rules between two of a person's shifts: overlap, rest, successions.

Intervals are half-open, so a shift ending at 15:00 and one starting at 15:00
do not overlap (though the rest between them is zero).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from shiftwise.scheduling.rules.config import RuleCode, RuleConfig
from shiftwise.scheduling.rules.timeline import Found, Timeline, span
from shiftwise.scheduling.rules.violations import fmt_hours, fmt_local, hours

_NO_WINDOW = timedelta(0)


def overlap(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    shifts = tl.shifts
    for i, j in tl.pairs(_NO_WINDOW):
        first, second = shifts[i], shifts[j]
        if first.id == second.id:
            message = f"The person is already assigned to the shift {span(first)}."
        else:
            message = f"The shift {span(first)} overlaps the shift {span(second)}."
        yield tl.found(RuleCode.overlap, cfg, message, (i, j), local_date=second.local_date)


def min_rest(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    limit = cfg.minutes("hours")
    if not limit:
        return
    shifts = tl.shifts
    for i, j in tl.pairs(timedelta(minutes=limit)):
        first, second = shifts[i], shifts[j]
        if second.starts_at < first.ends_at:
            continue  # an overlap, not a short rest
        rest = int((second.starts_at - first.ends_at).total_seconds()) // 60
        yield tl.found(
            RuleCode.min_rest,
            cfg,
            f"Only {fmt_hours(rest)} rest between the shift ending "
            f"{fmt_local(first.local_end)} and the shift starting "
            f"{fmt_local(second.local_start)} (minimum {fmt_hours(limit)}).",
            (i, j),
            local_date=second.local_date,
            amount=hours(rest),
            limit=hours(limit),
        )


def forbidden_succession(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    raw = cfg.params.get("pairs") or []
    forbidden: set[tuple[str, str]] = set()
    if isinstance(raw, list):
        forbidden = {(str(p[0]), str(p[1])) for p in raw if isinstance(p, list) and len(p) == 2}
    window = cfg.minutes("within_hours")
    if not forbidden or not window:
        return
    shifts = tl.shifts
    for i, j in tl.pairs(timedelta(minutes=window)):
        first, second = shifts[i], shifts[j]
        if second.starts_at < first.ends_at:
            continue
        if (first.effective_kind, second.effective_kind) in forbidden:
            yield tl.found(
                RuleCode.forbidden_succession,
                cfg,
                f"{_a(second.effective_kind).capitalize()} shift ({span(second)}) may not "
                f"follow {_a(first.effective_kind)} shift ({span(first)}) "
                f"within {fmt_hours(window)}.",
                (i, j),
                local_date=second.local_date,
            )


def _a(kind: str) -> str:
    return f"{'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind}"
