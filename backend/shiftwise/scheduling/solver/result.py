"""What the solver answers: assignments, the objective by term, reasons for open seats."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Rule(StrEnum):
    """Hard rules, named as they appear in violations and open-seat reasons."""

    SKILL = "skill"
    TIME_OFF = "time_off"
    UNAVAILABLE = "unavailable"
    KIND_NOT_ALLOWED = "kind_not_allowed"
    OVERLAP = "overlap"
    SHIFTS_PER_DAY = "shifts_per_day"
    MIN_REST = "min_rest"
    SUCCESSION = "succession"
    MAX_SHIFTS_OF_KIND = "max_shifts_of_kind"
    MAX_MINUTES = "max_minutes"
    MIN_MINUTES = "min_minutes"
    WINDOW_MAX_MINUTES = "window_max_minutes"
    WINDOW_MIN_MINUTES = "window_min_minutes"
    MAX_CONSECUTIVE_DAYS = "max_consecutive_days"
    MIN_CONSECUTIVE_DAYS = "min_consecutive_days"
    MIN_CONSECUTIVE_DAYS_OFF = "min_consecutive_days_off"
    MAX_WEEKENDS = "max_weekends"
    DUPLICATE = "duplicate"  # one person twice on one demand
    OVER_CAPACITY = "over_capacity"  # more people than need + max_extra
    FIXED = "fixed"  # a fixed existing assignment is missing


class Status(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"  # a solution, not proven optimal (time limit or cancel)
    INFEASIBLE = "infeasible"  # the hard rules and fixed assignments contradict
    UNKNOWN = "unknown"  # no solution found in time
    INVALID = "invalid"  # the input is inconsistent (unknown ids...)


class OpenReason(StrEnum):
    NO_ONE_QUALIFIED = "no_one_qualified"  # nobody has the (unexpired) skill for it
    ALL_BLOCKED = "all_blocked"  # everyone qualified is blocked by a hard rule
    TOO_COSTLY = "too_costly"  # someone could take it, but other terms cost more
    NOT_PROVEN = "not_proven"  # someone could take it cheaply: the search ran out of time


@dataclass(frozen=True)
class Violation:
    rule: Rule
    person_id: str | None
    message: str
    demand_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Blocker:
    person_id: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class OpenSeats:
    demand_id: str
    shift_id: str
    count: int
    reason: OpenReason
    blocked: tuple[Blocker, ...] = ()  # each qualified person and what stops them


@dataclass(frozen=True)
class Assignment:
    person_id: str
    demand_id: str
    shift_id: str


@dataclass(frozen=True)
class Progress:
    objective: int
    bound: int
    elapsed_s: float
    solutions: int

    @property
    def gap(self) -> float:
        return 0.0 if self.objective == 0 else abs(self.objective - self.bound) / self.objective


@dataclass(frozen=True)
class Solution:
    status: Status
    assignments: tuple[Assignment, ...] = ()
    objective: int | None = None
    bound: int | None = None
    terms: Mapping[str, int] = field(default_factory=dict)
    open_seats: tuple[OpenSeats, ...] = ()
    wall_time_s: float = 0.0
    time_to_best_s: float = 0.0
    cancelled: bool = False
    message: str = ""
