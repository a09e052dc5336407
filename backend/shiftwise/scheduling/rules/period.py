"""The organisation's rule period: the span the per-period rules judge.

`max_hours_per_period` and `min_hours_per_period` total the paid hours of one rule
period, the same on every path (a single check judges the period holding the shift;
the week grid the periods its days fall in). The period is either the calendar month
(the default) or a run of `weeks` weeks counted from an anchor date, as a pay period
is. Stored in the organisation's settings as `rule_period`; see
docs/adr/0005-rule-period.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from shiftwise.scheduling.rules.resolve import RuleConfigError

Period = tuple[date, date]  # local dates, both inclusive

MAX_WEEKS = 8


@dataclass(frozen=True)
class RulePeriod:
    """A calendar month (`weeks` None) or `weeks` weeks from `anchor_date`."""

    weeks: int | None = None
    anchor_date: date | None = None
    _cache: dict[date, Period] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.weeks is not None:
            if not 1 <= self.weeks <= MAX_WEEKS:
                raise ValueError(f"weeks must be 1..{MAX_WEEKS}")
            if self.anchor_date is None:
                raise ValueError("a period of weeks needs an anchor date")

    def containing(self, day: date) -> Period:
        """The period (first and last local date) holding `day`."""
        found = self._cache.get(day)
        if found is None:
            found = self._cache[day] = self._compute(day)
        return found

    def _compute(self, day: date) -> Period:
        if self.weeks is None or self.anchor_date is None:
            first = day.replace(day=1)
            following = (first + timedelta(days=32)).replace(day=1)
            return first, following - timedelta(days=1)
        length = 7 * self.weeks
        first = day - timedelta(days=(day - self.anchor_date).days % length)
        return first, first + timedelta(days=length - 1)

    def covering(self, first: date, last: date) -> Period:
        """From the start of the period holding `first` to the end of the one holding
        `last`: the dates whose shifts the per-period rules of [first, last] add up."""
        return self.containing(first)[0], self.containing(last)[1]

    def as_setting(self) -> dict[str, object]:
        if self.weeks is None or self.anchor_date is None:
            return {"months": 1}
        return {"weeks": self.weeks, "anchor_date": self.anchor_date.isoformat()}


CALENDAR_MONTH = RulePeriod()


def parse_rule_period(raw: object, *, path: str = "rule_period") -> RulePeriod:
    """The organisation setting: absent or {"months": 1} is the calendar month;
    {"weeks": 1..8, "anchor_date": "YYYY-MM-DD"} a run of weeks from that date.
    Invalid settings raise RuleConfigError naming the path."""
    if raw is None:
        return CALENDAR_MONTH
    if not isinstance(raw, Mapping):
        raise RuleConfigError(path, 'must be {"months": 1} or {"weeks": n, "anchor_date": ...}')
    unknown = set(raw) - {"months", "weeks", "anchor_date"}
    if unknown:
        raise RuleConfigError(f"{path}.{sorted(unknown)[0]}", "unknown field")
    if "months" in raw:
        if set(raw) != {"months"} or raw["months"] != 1 or isinstance(raw["months"], bool):
            raise RuleConfigError(f"{path}.months", "only 1 (the calendar month) is supported")
        return CALENDAR_MONTH
    weeks = raw.get("weeks")
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= MAX_WEEKS:
        raise RuleConfigError(f"{path}.weeks", f"must be a whole number of weeks, 1 to {MAX_WEEKS}")
    anchor = raw.get("anchor_date")
    try:
        anchor_date = date.fromisoformat(anchor) if isinstance(anchor, str) else None
    except ValueError:
        anchor_date = None
    if anchor_date is None:
        raise RuleConfigError(
            f"{path}.anchor_date", "must be the first day of any period, as YYYY-MM-DD"
        )
    return RulePeriod(weeks, anchor_date)
