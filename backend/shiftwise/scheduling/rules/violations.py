"""What the engine returns: violations as plain data."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from shiftwise.scheduling.rules.config import RuleCode, Severity
from shiftwise.scheduling.rules.facts import Id


class RecordKind(enum.StrEnum):
    shift = "shift"
    time_off = "time_off"
    skill = "skill"
    person = "person"


class Record(NamedTuple):
    kind: RecordKind
    id: Id


@dataclass(frozen=True)
class Violation:
    """One broken rule. `records` names every record involved (the shifts
    first, in start order); `amount` and `limit` are in the rule's unit
    (hours, days, weekends); `cost` is set by the overtime rule."""

    code: RuleCode
    severity: Severity
    message: str
    person_id: Id
    records: tuple[Record, ...]
    local_date: date | None = None  # the day, week start or window start judged
    amount: Decimal | None = None
    limit: Decimal | None = None
    cost: Decimal | None = None

    @property
    def is_hard(self) -> bool:
        return self.severity is Severity.hard

    @property
    def shift_ids(self) -> tuple[Id, ...]:
        return tuple(r.id for r in self.records if r.kind is RecordKind.shift)


_CENT = Decimal("0.01")


def hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(_CENT, rounding=ROUND_HALF_UP)


def money(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def fmt_hours(minutes: int) -> str:
    whole, rest = divmod(minutes, 60)
    return f"{whole} h" if rest == 0 else f"{whole} h {rest} min"


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt_day(value: date) -> str:
    """'Sun 31 Mar 2024' (fixed English names: strftime depends on the locale)."""
    return f"{_WEEKDAYS[value.weekday()]} {value.day} {_MONTHS[value.month - 1]} {value.year}"


def fmt_local(value: datetime) -> str:
    """'Sun 31 Mar 2024 22:00 GMT': a local instant with its zone abbreviation."""
    return f"{fmt_day(value.date())} {value.hour:02d}:{value.minute:02d} {value.tzname()}"


def fmt_span(start: datetime, end: datetime) -> str:
    """'Mon 4 Mar 2024 07:00–15:00 GMT', or both ends in full across days/offsets."""
    if start.date() == end.date() and start.tzname() == end.tzname():
        return (
            f"{fmt_day(start.date())} {start.hour:02d}:{start.minute:02d}–"
            f"{end.hour:02d}:{end.minute:02d} {end.tzname()}"
        )
    return f"{fmt_local(start)} – {fmt_local(end)}"
