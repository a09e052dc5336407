"""Availability times as intervals: the overnight rule and overlap checks (pure).

The rule, shared with the rule engine (shiftwise.scheduling.rules.AvailabilitySlot):
times are local wall times of the location where a shift is; an end at or before the
start runs into the next day (22:00–06:00 is an 8-hour night). 00:00–00:00 is the
whole day. Any other slot whose end equals its start is refused as a likely typo.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

DAY = 24 * 60
WEEK = 7 * DAY


def minutes(at: time) -> int:
    return at.hour * 60 + at.minute


def length(start: time, end: time) -> int:
    """Minutes from start to end under the overnight rule (1..1440)."""
    span = (minutes(end) - minutes(start)) % DAY
    return span or DAY


def time_problem(start: time, end: time) -> tuple[str, str] | None:
    """(field, message) when the pair is not a slot; field is start_time or end_time."""
    for name, value in (("start_time", start), ("end_time", end)):
        if value.tzinfo is not None:
            return name, "Give a local wall time without an offset, e.g. 09:00."
        if value.second or value.microsecond:
            return name, "Give whole minutes, e.g. 09:30."
    if start == end and start != time(0):
        return (
            "end_time",
            "end_time equals start_time; for the whole day use 00:00–00:00, "
            "for a night slot an end before the start (22:00–06:00).",
        )
    return None


@dataclass(frozen=True)
class Span:
    """A half-open interval in minutes; `period` > 0 makes it repeat (the weekly pattern)."""

    start: int
    end: int

    def overlaps(self, other: Span, period: int = 0) -> bool:
        shifts = (-period, 0, period) if period else (0,)
        return any(max(self.start, other.start + k) < min(self.end, other.end + k) for k in shifts)

    def contains(self, point: int, period: int = 0) -> bool:
        shifts = (-period, 0, period) if period else (0,)
        return any(self.start <= point + k < self.end for k in shifts)


def weekly_span(weekday: int, start: time, end: time) -> Span:
    begin = weekday * DAY + minutes(start)
    return Span(begin, begin + length(start, end))


def dated_span(day: date, start: time | None, end: time | None) -> Span:
    begin = day.toordinal() * DAY
    if start is None or end is None:
        return Span(begin, begin + DAY)
    return Span(begin + minutes(start), begin + minutes(start) + length(start, end))


@dataclass(frozen=True)
class Clash:
    index: int
    other: int
    field: str


def first_clashes(spans: Sequence[Span], period: int = 0) -> list[Clash]:
    """For each span overlapping an earlier one: which, and the field to blame — its
    start_time when it starts inside the earlier span, else its end_time."""
    found: list[Clash] = []
    for i, span in enumerate(spans):
        for j in range(i):
            if span.overlaps(spans[j], period):
                blame = "start_time" if spans[j].contains(span.start, period) else "end_time"
                found.append(Clash(i, j, blame))
                break
    return found
