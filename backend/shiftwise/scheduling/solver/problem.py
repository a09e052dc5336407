"""What the solver is asked: plain, frozen data, no database and no web types.

Times are whole minutes counted from the start of the planning period (UTC); days are
0-based indices into the period, in the organisation's local calendar. The adapter that
maps the product's rows onto these types owns the conversion (`period_start + minutes`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

MINUTES_PER_DAY = 1440


@dataclass(frozen=True)
class Demand:
    """One shift (or one skill line of a shift) with `need` seats to fill.

    Seats of one demand are interchangeable, so they are counted, not enumerated: the
    solver decides who takes them, `need - assigned` of them stay open. Up to
    `max_extra` people beyond the need may be added, each costing the over-staffing
    weight. A person takes at most one seat of a demand.
    """

    id: str
    shift_id: str
    day: int
    kind: str
    start: int
    end: int
    need: int = 1
    skill: str | None = None
    location: str | None = None
    max_extra: int = 0
    under_weight: int | None = None  # per open seat; None = Weights.unfilled
    over_weight: int | None = None  # per person beyond the need; None = Weights.over_staffing
    unpopular: bool = False  # nights, weekends...: spread fairly (Weights.unpopular_spread)
    paid_minutes: int | None = None  # what counts towards hour limits; None = end - start

    @property
    def minutes(self) -> int:
        """Minutes counted by the hour limits, fairness and cost (clashes use start/end)."""
        return self.end - self.start if self.paid_minutes is None else self.paid_minutes


@dataclass(frozen=True)
class SkillGrant:
    skill: str
    valid_until: int | None = None  # minute the qualification expires; None = never


@dataclass(frozen=True)
class Preference:
    """A wish about one day: a shift kind on it (kind) or any work at all (kind None)."""

    day: int
    wanted: bool
    weight: int = 1
    kind: str | None = None


@dataclass(frozen=True)
class MinutesWindow:
    """Worked minutes within days first_day..last_day (inclusive), e.g. one week."""

    first_day: int
    last_day: int
    min_minutes: int | None = None
    max_minutes: int | None = None


@dataclass(frozen=True)
class Limits:
    """Contract and rule limits of one person (all hard). None = no limit.

    Sequence rules follow the usual rostering convention (and the Curtois & Qu
    benchmark's): a stretch of work or rest touching the start or end of the period is
    never too short, because it continues into the neighbouring period.
    `consecutive_days_before` carries a work stretch in from the previous period for the
    maximum-consecutive rule.
    """

    max_shifts_by_kind: Mapping[str, int] = field(default_factory=dict)
    min_minutes: int | None = None
    max_minutes: int | None = None
    windows: tuple[MinutesWindow, ...] = ()
    max_shifts_per_day: int = 1
    max_consecutive_days: int | None = None
    min_consecutive_days: int | None = None
    min_consecutive_days_off: int | None = None
    max_weekends: int | None = None
    consecutive_days_before: int = 0


@dataclass(frozen=True)
class Person:
    id: str
    skills: tuple[SkillGrant, ...] = ()
    time_off_days: frozenset[int] = frozenset()  # approved leave: no work at all
    unavailable_days: frozenset[int] = frozenset()  # declared unavailability: same effect
    unavailable_periods: tuple[tuple[int, int], ...] = ()  # [start, end) minutes
    unavailable_shifts: frozenset[str] = frozenset()  # shift ids
    preferences: tuple[Preference, ...] = ()
    limits: Limits = field(default_factory=Limits)
    target_minutes: int | None = None  # contract hours: fairness spreads against it
    cost_per_hour: int = 0
    overtime_after_minutes: int | None = None
    overtime_cost_per_hour: int = 0

    def has_skill(self, skill: str | None, at: int) -> bool:
        if skill is None:
            return True
        return any(
            g.skill == skill and (g.valid_until is None or at <= g.valid_until) for g in self.skills
        )


@dataclass(frozen=True)
class Existing:
    """An assignment already made. Fixed ones are kept; others may move at a cost."""

    person_id: str
    demand_id: str
    fixed: bool = False
    change_weight: int | None = None  # None = Weights.change


@dataclass(frozen=True)
class Succession:
    """Kind `first` on day d forbids kind `then` on day d + 1."""

    first: str
    then: str


@dataclass(frozen=True)
class Weights:
    """Organisation weights of the soft terms (objective = sum of weighted penalties)."""

    unfilled: int = 1000  # per open seat
    over_staffing: int = 10  # per person beyond a demand's need
    preference: int = 1  # multiplies each Preference.weight
    fairness: int = 0  # per hour away from a person's target_minutes
    unpopular_spread: int = 0  # per unpopular shift between the most and least loaded
    cost: int = 0  # multiplies cost_per_hour / overtime_cost_per_hour
    change: int = 50  # per existing (not fixed) assignment removed


@dataclass(frozen=True)
class Problem:
    days: int
    demands: tuple[Demand, ...]
    people: tuple[Person, ...]
    successions: tuple[Succession, ...] = ()
    min_rest_minutes: int = 0
    weekends: tuple[tuple[int, ...], ...] = ()  # day indices of each weekend
    existing: tuple[Existing, ...] = ()
    weights: Weights = field(default_factory=Weights)
