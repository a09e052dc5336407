"""Expanding a shift template's RFC 5545 RRULE into real shifts. Pure: no database, no web.

A template says "on these local dates, from start_time to end_time in the location's
zone". Each occurrence's start and end are resolved to UTC separately, so a 22:00–06:00
night lasts 7 real hours when the clocks spring forward and 9 when they fall back.

Local times that do not exist or exist twice are resolved the PEP 495 way, with
fold=0 (see `to_utc`):

- a time inside a spring-forward gap is read with the offset from before the change,
  which moves it forward by the gap: 01:30 in London on the last Sunday of March is
  02:30 BST (01:30 UTC);
- a time that happens twice on a fall-back night is the first of the two (the
  daylight-saving one): 01:30 in London on the last Sunday of October is 01:30 BST
  (00:30 UTC).

An occurrence that would have no real length (start and end both inside one gap) is
reported as skipped rather than created.

Rules are restricted to what a shift pattern needs: FREQ of DAILY, WEEKLY, MONTHLY or
YEARLY, no time-of-day parts (the template's times say when), UNTIL read as a local date.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrule, rrulestr

# More occurrences than this in one generation is a mistake, not a roster.
MAX_OCCURRENCES = 1000

_FREQS = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
_PARTS = frozenset(
    {
        "FREQ",
        "INTERVAL",
        "COUNT",
        "UNTIL",
        "BYDAY",
        "BYMONTHDAY",
        "BYMONTH",
        "BYYEARDAY",
        "BYWEEKNO",
        "BYSETPOS",
        "WKST",
    }
)
_MAX_INTERVAL = 1000
_MAX_COUNT = 100_000
# An impossible rule (e.g. 30 February) would make dateutil search up to year 9999;
# it is refused when nothing matches within this many years of a probe.
_PROBE_YEARS = 60


class RecurrenceError(ValueError):
    """The rule cannot be used; `code` is stable, the message says why."""

    def __init__(self, message: str, code: str = "invalid_rrule") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class TooManyOccurrences(RecurrenceError):
    def __init__(self, limit: int) -> None:
        super().__init__(
            f"The rule makes more than {limit} shifts in this period; choose a shorter period.",
            "too_many_occurrences",
        )


@dataclass(frozen=True)
class Pattern:
    """A template's timing, as plain data."""

    rrule: str
    starts_on_date: date
    until_date: date | None
    start_time: time
    end_time: time
    time_zone: str


@dataclass(frozen=True)
class Occurrence:
    local_date: date
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC

    @property
    def length(self) -> timedelta:
        return self.ends_at - self.starts_at


@dataclass(frozen=True)
class Expansion:
    occurrences: list[Occurrence]
    # Local dates the rule names but which cannot be a shift (no real length).
    skipped: list[date]


def _split(text: str) -> dict[str, str]:
    raw = text.strip()
    if raw.upper().startswith("RRULE:"):
        raw = raw[len("RRULE:") :]
    if not raw:
        raise RecurrenceError("The rule is empty; e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR.")
    if any(c in raw for c in "\r\n"):
        raise RecurrenceError("Give one RRULE line, without DTSTART, EXDATE or other lines.")
    parts: dict[str, str] = {}
    for chunk in raw.split(";"):
        key, sep, value = chunk.partition("=")
        key = key.strip().upper()
        if not sep or not key or not value.strip():
            raise RecurrenceError(f"'{chunk}' is not a KEY=VALUE part.")
        if key not in _PARTS:
            raise RecurrenceError(f"{key} is not supported in a shift pattern.")
        if key in parts:
            raise RecurrenceError(f"{key} is given twice.")
        parts[key] = value.strip().upper()
    return parts


def normalise_rule(text: str) -> str:
    """The rule in canonical `KEY=VALUE;...` form, or RecurrenceError saying what is wrong."""
    parts = _split(text)
    if parts.get("FREQ") not in _FREQS:
        raise RecurrenceError("FREQ must be one of DAILY, WEEKLY, MONTHLY or YEARLY.")
    for key, top in (("INTERVAL", _MAX_INTERVAL), ("COUNT", _MAX_COUNT)):
        if key in parts and not (parts[key].isdigit() and 1 <= int(parts[key]) <= top):
            raise RecurrenceError(f"{key} must be a whole number from 1 to {top}.")
    if "COUNT" in parts and "UNTIL" in parts:
        raise RecurrenceError("Give COUNT or UNTIL, not both.")
    if "UNTIL" in parts:
        # Read as a local date: the time of day comes from the template, not the rule.
        until = parts["UNTIL"][:8]
        if not until.isdigit() or _parse_date(until) is None:
            raise RecurrenceError("UNTIL must be a date such as 20261231.")
        parts["UNTIL"] = until
    canonical = ";".join(f"{k}={v}" for k, v in parts.items())
    _build(canonical, date(2001, 1, 1))  # dateutil's own checks (BYDAY names...)
    return canonical


def check(rule_text: str, starts_on_date: date) -> str:
    """The canonical rule, after checking it matches at least one date from its start."""
    canonical = normalise_rule(rule_text)
    parts = _split(canonical)
    parts.pop("COUNT", None)
    parts.pop("UNTIL", None)
    rule = _build(";".join(f"{k}={v}" for k, v in parts.items()), starts_on_date)
    _probe(rule, parts["FREQ"], int(parts.get("INTERVAL", "1")), starts_on_date)
    return canonical


def _parse_date(text: str) -> date | None:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def _build(rule: str, dtstart: date) -> rrule:
    try:
        built = rrulestr(rule, dtstart=datetime.combine(dtstart, time(0)))
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise RecurrenceError(f"The rule is not valid RFC 5545: {exc}.") from exc
    if not isinstance(built, rrule):
        raise RecurrenceError("Give one RRULE.")
    return built


def _probe(rule: rrule, freq: str, interval: int, start: date) -> None:
    """Refuse rules that never match, without letting dateutil search to year 9999.

    The start is moved near the end of dateutil's range by whole periods (so INTERVAL
    keeps its phase and defaults taken from the start keep their meaning), then any
    match within the remaining years is looked for.
    """
    years = 9999 - _PROBE_YEARS - start.year
    if freq == "DAILY":
        moved = start + timedelta(days=interval * (years * 365 // interval))
    elif freq == "WEEKLY":
        moved = start + timedelta(weeks=interval * (years * 52 // interval))
    elif freq == "MONTHLY":
        # Whole multiples of four years keep the day of month (29 February included).
        step = math.lcm(interval, 48)
        if step > years * 12:
            return
        moved = start + relativedelta(months=step * (years * 12 // step))
    else:  # YEARLY: searching to 9999 takes a few thousand steps, cheap enough
        return
    probe = rule.replace(dtstart=datetime.combine(moved, time(0)), count=None, until=None)
    if next(iter(probe), None) is None:
        raise RecurrenceError("The rule never matches a date (e.g. 30 February).", "rrule_never")


def to_utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a local wall time; gaps move forward, repeats take the first."""
    return datetime.combine(day, at.replace(fold=0), tzinfo=zone).astimezone(UTC)


def occurrence(day: date, start: time, end: time, zone: ZoneInfo) -> Occurrence:
    """One occurrence; an end at or before the start is on the next local day."""
    end_day = day + timedelta(days=1) if end <= start else day
    return Occurrence(day, to_utc(day, start, zone), to_utc(end_day, end, zone))


def expand(
    pattern: Pattern, start_date: date, end_date: date, *, limit: int = MAX_OCCURRENCES
) -> Expansion:
    """Occurrences whose local date is within [start_date, end_date], in date order.

    Raises TooManyOccurrences when there would be more than `limit`.
    """
    parts = _split(check(pattern.rrule, pattern.starts_on_date))
    count = int(parts.pop("COUNT")) if "COUNT" in parts else None
    until = _parse_date(parts.pop("UNTIL")) if "UNTIL" in parts else None
    rule = _build(";".join(f"{k}={v}" for k, v in parts.items()), pattern.starts_on_date)
    last = end_date
    for bound in (pattern.until_date, until):
        if bound is not None:
            last = min(last, bound)
    if last < max(start_date, pattern.starts_on_date):
        return Expansion([], [])
    # COUNT counts from the template's start: the first COUNT dates of the rule cut at
    # `last` are the first COUNT dates of the rule, cut at `last`.
    bounded = rule.replace(until=datetime.combine(last, time(0)))
    dates: Iterator[date] = (d.date() for d in bounded)
    if count is not None:
        dates = islice(dates, count)
    zone = ZoneInfo(pattern.time_zone)
    found: list[Occurrence] = []
    skipped: list[date] = []
    for day in dates:
        if day < start_date:
            continue
        made = occurrence(day, pattern.start_time, pattern.end_time, zone)
        if made.ends_at <= made.starts_at:
            skipped.append(day)
            continue
        found.append(made)
        if len(found) > limit:
            raise TooManyOccurrences(limit)
    return Expansion(found, skipped)


def nominal_length(start: time, end: time) -> timedelta:
    """Wall-clock length, ignoring clock changes: 22:00–06:00 is 8 hours."""
    begin = datetime.combine(date(2001, 1, 1), start)
    finish = datetime.combine(date(2001, 1, 2) if end <= start else date(2001, 1, 1), end)
    return finish - begin
