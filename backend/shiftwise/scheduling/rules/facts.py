"""The facts the rule engine judges: plain frozen dataclasses, no ORM.

Instants are aware datetimes normalised to UTC; local dates and times are
always those of the shift's location zone. Derived values (local start, paid
minutes, kind, sorted assignments) are computed once at construction, because
the same facts are checked many times (candidates, the week grid, solver output).
"""

from __future__ import annotations

import bisect
import enum
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import cast
from zoneinfo import ZoneInfo

Id = uuid.UUID | str


class Availability(enum.StrEnum):
    available = "available"
    preferred = "preferred"
    unavailable = "unavailable"


# Kind of a shift from its local start hour, when the shift does not say:
# (first hour inclusive, kind). Hours before the first band belong to the last.
KIND_BANDS: tuple[tuple[int, str], ...] = ((4, "early"), (10, "day"), (14, "late"), (20, "night"))


def derive_kind(local_start: time) -> str:
    """'early' 04–10, 'day' 10–14, 'late' 14–20, 'night' 20–04 (local start)."""
    kind = KIND_BANDS[-1][1]
    for first_hour, name in KIND_BANDS:
        if local_start.hour >= first_hour:
            kind = name
    return kind


def _utc(value: datetime, name: str) -> datetime:
    if value.tzinfo is UTC:
        return value
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")
    return value.astimezone(UTC)


_ZONES: dict[str, ZoneInfo] = {}


def _zone(name: str) -> ZoneInfo:
    """ZoneInfo by name, looked up once (facts are built by the thousand)."""
    found = _ZONES.get(name)
    if found is None:
        found = _ZONES[name] = ZoneInfo(name)
    return found


@dataclass(frozen=True, eq=False)
class ShiftFact:
    """One shift as the rules see it. Equality is identity: two facts with the
    same id are still two seats to judge (a double assignment is an overlap)."""

    id: Id
    location_id: Id
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    skill_id: Id | None = None
    break_minutes: int = 0
    kind: str | None = None
    # Premium on the person's rate for this shift (nights, holidays); 1 = none.
    rate_multiplier: Decimal = Decimal(1)

    # Derived once at construction (the same facts are judged many times).
    zone: ZoneInfo = field(init=False, repr=False, compare=False)
    local_start: datetime = field(init=False, repr=False, compare=False)
    local_end: datetime = field(init=False, repr=False, compare=False)
    local_date: date = field(init=False, repr=False, compare=False)  # its start's local date
    elapsed_minutes: int = field(init=False, repr=False, compare=False)  # real, DST-true
    paid_minutes: int = field(init=False, repr=False, compare=False)  # minus the unpaid break
    effective_kind: str = field(init=False, repr=False, compare=False)
    sort_key: tuple[datetime, datetime, str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts_at = _utc(self.starts_at, "starts_at")
        ends_at = _utc(self.ends_at, "ends_at")
        if ends_at <= starts_at:
            raise ValueError("a shift must end after it starts")
        elapsed = int((ends_at - starts_at).total_seconds()) // 60
        if self.break_minutes < 0 or self.break_minutes >= elapsed:
            raise ValueError("break_minutes must be >= 0 and shorter than the shift")
        zone = _zone(self.time_zone)
        local_start = starts_at.astimezone(zone)
        kind = self.kind if self.kind is not None else derive_kind(local_start.time())
        # Straight into __dict__: the frozen dataclass's own setter is for callers.
        self.__dict__.update(
            starts_at=starts_at,
            ends_at=ends_at,
            zone=zone,
            local_start=local_start,
            local_end=ends_at.astimezone(zone),
            local_date=local_start.date(),
            elapsed_minutes=elapsed,
            paid_minutes=elapsed - self.break_minutes,
            effective_kind=kind,
            sort_key=(starts_at, ends_at, self.time_zone, str(self.id)),
        )

    @classmethod
    def from_local(
        cls,
        id: Id,
        location_id: Id,
        day: date,
        start: time,
        end: time,
        time_zone: str,
        **kwargs: object,
    ) -> ShiftFact:
        """A shift entered as local wall times; an end at or before the start is
        on the next day. Its true length follows from the zone's offsets."""
        tz = _zone(time_zone)
        end_day = day + timedelta(days=1) if end <= start else day
        return cls(
            id,
            location_id,
            datetime.combine(day, start, tzinfo=tz),
            datetime.combine(end_day, end, tzinfo=tz),
            time_zone,
            **kwargs,  # type: ignore[arg-type]
        )


@dataclass(frozen=True)
class AvailabilitySlot:
    """A weekly slot in local wall time of the shift's location. An end at or
    before the start runs into the next day (time(0) = midnight)."""

    weekday: int  # 0 = Monday … 6 = Sunday
    start: time
    end: time
    status: Availability

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError("weekday must be 0..6")


@dataclass(frozen=True)
class AvailabilityException:
    """A dated override. Any exception on a date replaces the weekly pattern
    of that date; start/end None means the whole day."""

    day: date
    status: Availability
    start: time | None = None
    end: time | None = None

    def __post_init__(self) -> None:
        if (self.start is None) != (self.end is None):
            raise ValueError("give both start and end, or neither")


# A slot or exception as UTC instants (half-open) with its status.
Interval = tuple[datetime, datetime, Availability]


@dataclass(frozen=True)
class TimeOff:
    """An approved time-off period, as UTC instants (half-open)."""

    id: Id
    starts_at: datetime
    ends_at: datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts_at", _utc(self.starts_at, "starts_at"))
        object.__setattr__(self, "ends_at", _utc(self.ends_at, "ends_at"))
        if self.ends_at <= self.starts_at:
            raise ValueError("time off must end after it starts")


@dataclass(frozen=True)
class Contract:
    contracted_hours_per_week: Decimal | None = None
    max_hours_per_week: Decimal | None = None
    hourly_rate: Decimal | None = None


@dataclass(frozen=True, eq=False)
class PersonFacts:
    """Everything about one person the rules need, including their other live
    assignments (never the proposed one)."""

    person_id: Id
    active: bool = True
    # skill id → last valid local date (None = never expires)
    skills: Mapping[uuid.UUID, date | None] | Mapping[str, date | None] = field(
        default_factory=dict
    )
    contract: Contract = field(default_factory=Contract)
    assignments: tuple[ShiftFact, ...] = ()
    availability: tuple[AvailabilitySlot, ...] = ()
    availability_exceptions: tuple[AvailabilityException, ...] = ()
    time_off: tuple[TimeOff, ...] = ()

    # Derived once at construction.
    skill_expiry: Mapping[Id, date | None] = field(init=False, repr=False)
    sorted_assignments: tuple[ShiftFact, ...] = field(init=False, repr=False)
    pattern_by_weekday: Mapping[int, tuple[AvailabilitySlot, ...]] = field(init=False, repr=False)
    exceptions_by_day: Mapping[date, tuple[AvailabilityException, ...]] = field(
        init=False, repr=False
    )
    # The statuses used anywhere in the pattern or the exceptions: a rule about a
    # status nobody set has nothing to look up.
    availability_statuses: frozenset[Availability] = field(init=False, repr=False)
    # A local day's slots as UTC intervals, per (date, zone name): filled by the rules
    # on first use, since neighbouring shifts look up the same days.
    day_intervals: dict[tuple[date, str], tuple[Interval, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        for name in ("assignments", "availability", "availability_exceptions", "time_off"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))
        pattern: dict[int, list[AvailabilitySlot]] = {}
        for slot in self.availability:
            pattern.setdefault(slot.weekday, []).append(slot)
        exceptions: dict[date, list[AvailabilityException]] = {}
        for exc in self.availability_exceptions:
            exceptions.setdefault(exc.day, []).append(exc)
        for name, value in (
            ("skill_expiry", cast(Mapping[Id, date | None], self.skills)),
            ("sorted_assignments", tuple(sorted(self.assignments, key=timeline_key))),
            ("pattern_by_weekday", {d: tuple(v) for d, v in pattern.items()}),
            ("exceptions_by_day", {d: tuple(v) for d, v in exceptions.items()}),
            (
                "availability_statuses",
                frozenset(
                    [s.status for s in self.availability]
                    + [e.status for e in self.availability_exceptions]
                ),
            ),
            ("day_intervals", {}),
        ):
            object.__setattr__(self, name, value)

    def with_assignments(self, assignments: Iterable[ShiftFact]) -> PersonFacts:
        return PersonFacts(
            self.person_id,
            self.active,
            self.skills,
            self.contract,
            tuple(assignments),
            self.availability,
            self.availability_exceptions,
            self.time_off,
        )

    def timeline_with(self, shift: ShiftFact) -> tuple[list[ShiftFact], int]:
        """The person's shifts in start order with `shift` inserted; its index."""
        shifts = list(self.sorted_assignments)
        index = bisect.bisect_right(shifts, timeline_key(shift), key=timeline_key)
        shifts.insert(index, shift)
        return shifts, index


def timeline_key(shift: ShiftFact) -> tuple[datetime, datetime, str, str]:
    """Start order, with a stable tie-break so every path orders shifts alike."""
    return shift.sort_key
