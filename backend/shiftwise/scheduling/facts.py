"""Gathering the rule engine's facts from the database, in a fixed number of queries.

Every path that changes a schedule (manual assignment, claims, swaps, time off,
imports, the auto-scheduler) asks this module for the facts and the effective rules,
then asks the pure engine (`shiftwise.scheduling.rules`) for the verdict.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    String,
    and_,
    bindparam,
    select,
    type_coerce,
)
from sqlalchemy.exc import NoResultFound
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.kit.repository import overlapping_window, window
from shiftwise.kit.time import local_day_bounds
from shiftwise.models import (
    Assignment,
    AssignmentState,
    AvailabilityException,
    AvailabilitySlot,
    AvailabilityStatus,
    ComplianceRuleSetting,
    Location,
    Organisation,
    Person,
    PersonSkill,
    Shift,
    TimeOffRequest,
    TimeOffState,
)
from shiftwise.scheduling import rules

# Rules look this far around the judged days (rest, runs of days, weekly totals);
# `context` widens it to the rolling weekend window.
CONTEXT = timedelta(days=14)
NO_CONTEXT = timedelta(0)


def shift_fact(shift: Shift, time_zone: str) -> rules.ShiftFact:
    return rules.ShiftFact(
        id=shift.id,
        location_id=shift.location_id,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        time_zone=time_zone,
        skill_id=shift.skill_id,
        break_minutes=shift.break_minutes,
    )


class _Ids:
    """UUIDs of repeated ids (people, locations, skills) built once per load.

    SQLite hands UUID columns back as hex text, which the column type would turn into
    a new uuid.UUID on every row; read as text and interned here, a person's id is
    built once however many rows name them. PostgreSQL's driver already returns UUIDs.
    """

    def __init__(self) -> None:
        self._seen: dict[object, uuid.UUID] = {}

    def __call__(self, raw: object) -> uuid.UUID:
        if isinstance(raw, uuid.UUID):
            return raw
        found = self._seen.get(raw)
        if found is None:
            found = self._seen[raw] = uuid.UUID(str(raw))
        return found

    def maybe(self, raw: object) -> uuid.UUID | None:
        return None if raw is None else self(raw)


def _text(column: Any) -> Any:
    return type_coerce(column, String)


# The five statements, built once (building them took ~0.9 ms of a ~8 ms single check);
# each run binds the people, the organisation and the window.
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
_PEOPLE = (
    select(
        _text(Person.id),
        Person.is_active,
        Person.contracted_hours_per_week,
        Person.max_hours_per_week,
        Person.hourly_rate,
        _text(PersonSkill.skill_id),
        PersonSkill.expires_date,
    )
    .outerjoin(PersonSkill, PersonSkill.person_id == Person.id)
    .where(Person.organisation_id == bindparam("organisation_id"), Person.id.in_(_IDS))
)
_ASSIGNED = (
    select(
        _text(Assignment.person_id),
        Shift.id,
        _text(Shift.location_id),
        Shift.starts_at,
        Shift.ends_at,
        _text(Shift.skill_id),
        Shift.break_minutes,
        Location.time_zone,
    )
    .join(Shift, Shift.id == Assignment.shift_id)
    .join(Location, Location.id == Shift.location_id)
    .where(
        Assignment.person_id.in_(_IDS),
        Assignment.state == AssignmentState.assigned,
        overlapping_window(Assignment.starts_at, Assignment.ends_at),
    )
)
_ASSIGNED_BUT = _ASSIGNED.where(Assignment.id.not_in(bindparam("excluded", expanding=True)))
_SLOTS = select(
    _text(AvailabilitySlot.person_id),
    AvailabilitySlot.weekday,
    AvailabilitySlot.start_time,
    AvailabilitySlot.end_time,
    AvailabilitySlot.status,
).where(AvailabilitySlot.person_id.in_(_IDS))
_EXCEPTIONS = select(
    _text(AvailabilityException.person_id),
    AvailabilityException.exception_date,
    AvailabilityException.start_time,
    AvailabilityException.end_time,
    AvailabilityException.status,
).where(
    AvailabilityException.person_id.in_(_IDS),
    AvailabilityException.exception_date >= bindparam("first_day"),
    AvailabilityException.exception_date <= bindparam("last_day"),
)
_TIME_OFF = select(
    TimeOffRequest.id,
    _text(TimeOffRequest.person_id),
    TimeOffRequest.starts_at,
    TimeOffRequest.ends_at,
).where(
    TimeOffRequest.person_id.in_(_IDS),
    TimeOffRequest.state == TimeOffState.approved,
    TimeOffRequest.starts_at < bindparam("window_end"),
    TimeOffRequest.ends_at > bindparam("window_start"),
)


async def load_people_facts(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    person_ids: Iterable[uuid.UUID],
    start: datetime,
    end: datetime,
    *,
    exclude_assignment_ids: Iterable[uuid.UUID] = (),
    context: timedelta = CONTEXT,
) -> dict[uuid.UUID, rules.PersonFacts]:
    """Facts for each person around [start, end): five statements whatever the head count.

    `context` is read on either side (RuleBook.window gives whole bounds, with no
    context to add). Plain rows on the session's
    connection, not ORM entities nor the ORM's row handling: the same facts are loaded
    for every check, and hydrating would cost more than the rules.
    `exclude_assignment_ids` leaves assignments out, e.g. the one a swap gives away.
    """
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return {}
    lo, hi = start - context, end + context
    excluded = list(set(exclude_assignment_ids))
    # Plain connection statements do not autoflush: see the session's pending changes.
    await session.flush()
    conn = await session.connection()
    as_id = _Ids()

    people: dict[uuid.UUID, tuple[bool, rules.Contract]] = {}
    skills: dict[uuid.UUID, dict[uuid.UUID, date | None]] = defaultdict(dict)
    for pid, active, contracted, max_week, rate, skill_id, expires in await conn.execute(
        _PEOPLE, {"ids": ids, "organisation_id": organisation_id}
    ):
        person_id = as_id(pid)
        people[person_id] = (active, rules.Contract(contracted, max_week, rate))
        if skill_id is not None:
            skills[person_id][as_id(skill_id)] = expires

    assigned: dict[uuid.UUID, list[rules.ShiftFact]] = defaultdict(list)
    params: dict[str, Any] = {"ids": ids, **window(lo, hi)}
    if excluded:
        params["excluded"] = excluded
    # A shift with several people on it is one fact for all of them (facts are frozen).
    shared: dict[uuid.UUID, rules.ShiftFact] = {}
    for person_id, sid, loc, starts, ends, skill, brk, zone in await conn.execute(
        _ASSIGNED_BUT if excluded else _ASSIGNED, params
    ):
        fact = shared.get(sid)
        if fact is None:
            fact = shared[sid] = rules.ShiftFact(
                sid, as_id(loc), starts, ends, zone, as_id.maybe(skill), brk
            )
        assigned[as_id(person_id)].append(fact)

    slots: dict[uuid.UUID, list[rules.AvailabilitySlot]] = defaultdict(list)
    statuses = {s.value: rules.Availability(s.value) for s in AvailabilityStatus}
    for pid, weekday, slot_start, slot_end, status in await conn.execute(_SLOTS, {"ids": ids}):
        slots[as_id(pid)].append(
            rules.AvailabilitySlot(weekday, slot_start, slot_end, statuses[status.value])
        )
    exceptions: dict[uuid.UUID, list[rules.AvailabilityException]] = defaultdict(list)
    days = {
        "first_day": (lo - timedelta(days=1)).date(),
        "last_day": (hi + timedelta(days=1)).date(),
    }
    for pid, day, exc_start, exc_end, status in await conn.execute(
        _EXCEPTIONS, {"ids": ids, **days}
    ):
        exceptions[as_id(pid)].append(
            rules.AvailabilityException(day, statuses[status.value], exc_start, exc_end)
        )
    time_off: dict[uuid.UUID, list[rules.TimeOff]] = defaultdict(list)
    for t_id, pid, off_start, off_end in await conn.execute(
        _TIME_OFF, {"ids": ids, "window_start": lo, "window_end": hi}
    ):
        time_off[as_id(pid)].append(rules.TimeOff(t_id, off_start, off_end))

    return {
        pid: rules.PersonFacts(
            person_id=pid,
            active=active,
            skills=skills.get(pid, {}),
            contract=contract,
            assignments=tuple(assigned.get(pid, ())),
            availability=tuple(slots.get(pid, ())),
            availability_exceptions=tuple(exceptions.get(pid, ())),
            time_off=tuple(time_off.get(pid, ())),
        )
        for pid, (active, contract) in people.items()
    }


@dataclass
class RuleBook:
    """The organisation's rule layers, resolved per (location, person) on demand."""

    week_start: int
    organisation: dict[str, Any]
    locations: dict[uuid.UUID, dict[str, Any]]
    people: dict[uuid.UUID, dict[str, Any]]
    # The organisation's rule period (settings.rule_period; docs/adr/0005-rule-period.md).
    rule_period: rules.RulePeriod = rules.CALENDAR_MONTH
    _cache: dict[tuple[uuid.UUID | None, uuid.UUID | None], rules.RuleSet] = field(
        default_factory=dict
    )

    def for_(self, location_id: uuid.UUID | None, person_id: uuid.UUID | None) -> rules.RuleSet:
        # Everyone without a layer of their own shares one RuleSet per location.
        if person_id is not None and person_id not in self.people:
            person_id = None
        key = (location_id, person_id)
        if key not in self._cache:
            self._cache[key] = rules.resolve_rules(
                self.organisation,
                self.locations.get(location_id) if location_id else None,
                self.people.get(person_id) if person_id else None,
                week_start=self.week_start,
            )
        return self._cache[key]

    @property
    def context(self) -> timedelta:
        """How far around the judged days the facts must reach: CONTEXT, or the
        longest rolling weekend window any layer sets (the default's 4 weeks): a
        window holding a judged weekend reaches `weeks - 1` weeks past it, plus the
        weekend's days and a day for zones."""
        weeks = rules.DEFAULT_RULES[rules.RuleCode.max_weekends].number("weeks") or 0
        for layer in [self.organisation, *self.locations.values(), *self.people.values()]:
            raw = (layer.get(rules.RuleCode.max_weekends.value) or {}).get("params") or {}
            value = raw.get("weeks")
            if isinstance(value, int | float) and not isinstance(value, bool):
                weeks = max(weeks, value)
        return max(CONTEXT, timedelta(days=7 * (weeks - 1) + 3))

    def window(self, first: date, last: date, zone: str) -> tuple[datetime, datetime]:
        """The instants whose facts judge local days [first, last] in `zone`: the days
        with `context` around them, and every rule period they touch in whole. Pass
        them to load_people_facts with context=NO_CONTEXT."""
        period_first, period_last = self.rule_period.covering(first, last)
        context = self.context
        start, _ = local_day_bounds(period_first, 1, zone)
        _, end = local_day_bounds(period_last, 1, zone)
        view_start, _ = local_day_bounds(first, 1, zone)
        _, view_end = local_day_bounds(last, 1, zone)
        return min(start, view_start - context), max(end, view_end + context)


def stored_rule_period(settings: dict[str, Any] | None) -> rules.RulePeriod:
    """The organisation's rule period from its settings. Settings are validated when
    written; one stored before that and now invalid reads as the default rather than
    failing every check."""
    try:
        return rules.parse_rule_period((settings or {}).get("rule_period"))
    except rules.RuleConfigError:
        return rules.CALENDAR_MONTH


def _layers(joined: ColumnElement[bool]) -> Select[Any]:
    return (
        select(
            Organisation.week_start,
            Organisation.settings,
            ComplianceRuleSetting.location_id,
            ComplianceRuleSetting.person_id,
            ComplianceRuleSetting.rules,
            ComplianceRuleSetting.id,
        )
        .select_from(Organisation)
        .outerjoin(ComplianceRuleSetting, joined)
        .where(Organisation.id == bindparam("organisation_id"))
    )


_LAYERS_ALL = _layers(ComplianceRuleSetting.organisation_id == Organisation.id)
_LAYERS = _layers(
    and_(
        ComplianceRuleSetting.organisation_id == Organisation.id,
        ComplianceRuleSetting.scope_key.in_(bindparam("keys", expanding=True)),
    )
)


async def load_rule_book(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    *,
    location_ids: Iterable[uuid.UUID] | None = None,
    person_ids: Iterable[uuid.UUID] | None = None,
) -> RuleBook:
    """The organisation's week start, rule period and rule layers, in one statement.

    With `location_ids` / `person_ids`, only those locations' and people's layers are
    read (plus the organisation's): a single check then reads a handful of rows
    however many people have their own settings. None reads them all.
    """
    params: dict[str, Any] = {"organisation_id": organisation_id}
    stmt = _LAYERS_ALL
    if location_ids is not None or person_ids is not None:
        keys = ["organisation"]
        keys += [f"location:{i}" for i in location_ids or ()]
        keys += [f"person:{i}" for i in person_ids or ()]
        stmt, params["keys"] = _LAYERS, keys
    # A plain connection statement does not autoflush: see the session's pending changes.
    await session.flush()
    conn = await session.connection()
    rows = (await conn.execute(stmt, params)).all()
    if not rows:
        raise NoResultFound(f"no organisation {organisation_id}")
    book = RuleBook(
        week_start=rows[0][0],
        organisation={},
        locations={},
        people={},
        rule_period=stored_rule_period(rows[0][1]),
    )
    for _, _, location_id, person_id, layer, layer_id in rows:
        if layer_id is None:
            continue  # the organisation has no layers at all
        if person_id is not None:
            book.people[person_id] = layer
        elif location_id is not None:
            book.locations[location_id] = layer
        else:
            book.organisation = layer
    return book
