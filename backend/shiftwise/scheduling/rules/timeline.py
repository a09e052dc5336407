"""One person's shifts in start order, as every rule sees them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from shiftwise.scheduling.rules.config import RuleCode, RuleConfig, RuleSet
from shiftwise.scheduling.rules.facts import PersonFacts, ShiftFact
from shiftwise.scheduling.rules.violations import Record, RecordKind, Violation, fmt_span


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
    _week_start: int = field(init=False)

    def __post_init__(self) -> None:
        self._week_start = self.rules.week_start

    def targets(self) -> Iterable[int]:
        """Shifts a per-shift rule must judge."""
        return range(len(self.shifts)) if self.focus is None else (self.focus,)

    def week_of(self, day: date) -> date:
        """The first local date of the organisation week containing `day`."""
        return day - timedelta(days=(day.weekday() - self._week_start) % 7)

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
        that stops at the window, so the work grows with neighbours, not n².
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
        for i in range(n):
            horizon = shifts[i].ends_at + window
            for j in range(i + 1, n):
                if shifts[j].starts_at >= horizon:
                    break
                yield i, j
