"""One person's shifts in start order, as every rule sees them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from shiftwise.scheduling.rules.config import RuleCode, RuleConfig, RuleSet
from shiftwise.scheduling.rules.facts import PersonFacts, ShiftFact
from shiftwise.scheduling.rules.period import Period, RulePeriod
from shiftwise.scheduling.rules.violations import Record, RecordKind, Violation, fmt_span

_DAYS = tuple(timedelta(days=n) for n in range(7))


def span(shift: ShiftFact) -> str:
    """The shift's local start and end, for messages."""
    return fmt_span(shift.local_start, shift.local_end)


@dataclass(frozen=True)
class Found:
    """A violation and the timeline positions of the shifts it involves."""

    indices: tuple[int, ...]
    violation: Violation


@dataclass
class Timeline:
    person: PersonFacts
    shifts: Sequence[ShiftFact]  # sorted by (starts_at, ends_at)
    rules: RuleSet
    period: tuple[date, date] | None = None
    # The proposed shift's position in check_assignment; None judges everything.
    focus: int | None = None
    # The organisation's rule period; None = `period` is the one period judged.
    rule_period: RulePeriod | None = None
    _week_start: int = field(init=False)
    _by_day: dict[date, list[int]] | None = field(init=False, default=None)
    _weeks: list[date] | None = field(init=False, default=None)
    _period_indices: list[int] | None = field(init=False, default=None)
    _in_view: set[int] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self._week_start = self.rules.week_start

    def wants(self, indices: Iterable[int]) -> bool:
        """Whether a violation over `indices` is to be reported: it involves the
        proposed shift, if any, else a shift of the judged period, if any (what
        check_schedule keeps). Checked before a message is built."""
        if self.focus is not None:
            return self.focus in indices
        if self.period is None:
            return True
        view = self.in_view
        return any(i in view for i in indices)

    @property
    def in_view(self) -> set[int]:
        """Positions of the shifts in the judged period."""
        if self._in_view is None:
            self._in_view = set(self.period_indices)
        return self._in_view

    # Shared by several rules; computed on first use (plain attributes, because
    # functools.cached_property takes a lock on every first access in 3.11).
    @property
    def by_day(self) -> dict[date, list[int]]:
        if self._by_day is None:
            days: dict[date, list[int]] = {}
            for i, shift in enumerate(self.shifts):
                days.setdefault(shift.local_date, []).append(i)
            self._by_day = days
        return self._by_day

    @property
    def weeks(self) -> list[date]:
        """The organisation week (its first local date) of each shift."""
        if self._weeks is None:
            ws = self._week_start
            self._weeks = [
                s.local_date - _DAYS[(s.local_date.weekday() - ws) % 7] for s in self.shifts
            ]
        return self._weeks

    @property
    def period_indices(self) -> list[int]:
        if self._period_indices is None:
            first, last = self.period or (date.max, date.min)
            self._period_indices = [
                i for i, s in enumerate(self.shifts) if first <= s.local_date <= last
            ]
        return self._period_indices

    def targets(self) -> Iterable[int]:
        """Shifts a per-shift rule must judge: the proposed one, else those in the
        period (a per-shift violation outside it would be filtered out anyway), else all."""
        if self.focus is not None:
            return (self.focus,)
        if self.period is not None:
            return self.period_indices
        return range(len(self.shifts))

    def period_groups(self) -> list[tuple[Period, list[int]]]:
        """The periods the per-period rules judge, each with its shifts' positions.

        With a rule period: the one holding the proposed shift; else those the
        judged `period` overlaps; else every one holding a shift. Without: `period`
        itself (with a proposed shift, only if the shift is in it)."""
        rp = self.rule_period
        if rp is None:
            if self.period is None:
                return []
            if self.focus is not None and not self.in_period(self.shifts[self.focus]):
                return []
            return [(self.period, self.period_indices)]
        periods: list[Period]
        if self.focus is not None:
            periods = [rp.containing(self.shifts[self.focus].local_date)]
        elif self.period is not None:
            periods = []
            day, last = self.period
            while day <= last:
                periods.append(rp.containing(day))
                day = periods[-1][1] + _DAYS[1]
        else:
            periods = sorted({rp.containing(s.local_date) for s in self.shifts})
        return [
            (p, [i for i, s in enumerate(self.shifts) if p[0] <= s.local_date <= p[1]])
            for p in periods
        ]

    def in_period(self, shift: ShiftFact) -> bool:
        return self.period is not None and self.period[0] <= shift.local_date <= self.period[1]

    def found(
        self,
        code: RuleCode,
        config: RuleConfig,
        message: str,
        indices: Iterable[int],
        *,
        extra: Iterable[Record] = (),
        local_date: date | None = None,
        amount: Decimal | None = None,
        limit: Decimal | None = None,
        cost: Decimal | None = None,
    ) -> Found:
        ordered = tuple(sorted(set(indices)))
        records = tuple(Record(RecordKind.shift, self.shifts[i].id) for i in ordered)
        return Found(
            ordered,
            Violation(
                code=code,
                severity=config.severity,
                message=message,
                person_id=self.person.person_id,
                records=records + tuple(extra),
                local_date=local_date,
                amount=amount,
                limit=limit,
                cost=cost,
            ),
        )

    def pairs(self, window: timedelta) -> Iterator[tuple[int, int]]:
        """Index pairs (i, j), i before j, where j starts before i ends + window.

        With a focus only the pairs that include it; otherwise a forward scan
        that stops at the window, so the work grows with neighbours, not n², and
        with a judged period only pairs with a shift in it.
        """
        shifts = self.shifts
        if self.focus is not None:
            f = self.focus
            for k in range(len(shifts)):
                if k == f:
                    continue
                i, j = (k, f) if k < f else (f, k)
                if shifts[j].starts_at < shifts[i].ends_at + window:
                    yield i, j
            return
        n = len(shifts)
        view = self.in_view if self.period is not None else set(range(n))
        for i in range(n):
            horizon = shifts[i].ends_at + window
            i_seen = i in view
            for j in range(i + 1, n):
                if shifts[j].starts_at >= horizon:
                    break
                if i_seen or j in view:
                    yield i, j
