"""Small builders for rule-engine tests: local wall times in, facts out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from shiftwise.scheduling.rules import (
    DEFAULT_RULE_SET,
    Contract,
    PersonFacts,
    RuleCode,
    RuleSet,
    ShiftFact,
    Violation,
    check_assignment,
)

LONDON = "Europe/London"
NEW_YORK = "America/New_York"
LOCATION = "loc-1"


def shift(
    id: str,
    day: date,
    start: str,
    end: str,
    *,
    zone: str = LONDON,
    skill: str | None = None,
    break_minutes: int = 0,
    kind: str | None = None,
) -> ShiftFact:
    """A shift from local 'HH:MM' times; an end at or before the start is next day."""
    return ShiftFact.from_local(
        id,
        LOCATION,
        day,
        time.fromisoformat(start),
        time.fromisoformat(end),
        zone,
        skill_id=skill,
        break_minutes=break_minutes,
        kind=kind,
    )


def local(day: date, at: str, zone: str = LONDON) -> datetime:
    return datetime.combine(day, time.fromisoformat(at), tzinfo=ZoneInfo(zone))


def person(
    *assignments: ShiftFact,
    rate: str | None = None,
    contracted: str | None = None,
    max_week: str | None = None,
    **kwargs: Any,
) -> PersonFacts:
    contract = Contract(
        contracted_hours_per_week=None if contracted is None else Decimal(contracted),
        max_hours_per_week=None if max_week is None else Decimal(max_week),
        hourly_rate=None if rate is None else Decimal(rate),
    )
    return PersonFacts("person-1", contract=contract, assignments=assignments, **kwargs)


def only(*codes: RuleCode, rules: RuleSet = DEFAULT_RULE_SET) -> RuleSet:
    return rules.only(*codes)


def codes(violations: Iterable[Violation]) -> list[RuleCode]:
    return [v.code for v in violations]


def check(
    new: ShiftFact,
    *existing: ShiftFact,
    rules: RuleSet = DEFAULT_RULE_SET,
    period: tuple[date, date] | None = None,
    **person_kwargs: Any,
) -> list[Violation]:
    return check_assignment(new, person(*existing, **person_kwargs), rules, period)
