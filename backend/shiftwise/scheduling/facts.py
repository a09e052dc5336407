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
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.models import (
    Assignment,
    AssignmentState,
    AvailabilityException,
    AvailabilitySlot,
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

# Rules look this far around the judged period (rest, runs of days, weekly totals).
CONTEXT = timedelta(days=14)


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


async def load_people_facts(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    person_ids: Iterable[uuid.UUID],
    start: datetime,
    end: datetime,
    *,
    exclude_assignment_ids: Iterable[uuid.UUID] = (),
) -> dict[uuid.UUID, rules.PersonFacts]:
    """Facts for each person around [start, end): six statements whatever the head count.

    `exclude_assignment_ids` leaves assignments out, e.g. the one a swap gives away.
    """
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return {}
    lo, hi = start - CONTEXT, end + CONTEXT
    excluded = set(exclude_assignment_ids)

    people = (
        await session.scalars(
            select(Person).where(Person.organisation_id == organisation_id, Person.id.in_(ids))
        )
    ).all()
    skills: dict[uuid.UUID, dict[uuid.UUID, Any]] = defaultdict(dict)
    for ps in await session.scalars(select(PersonSkill).where(PersonSkill.person_id.in_(ids))):
        skills[ps.person_id][ps.skill_id] = ps.expires_date

    assigned: dict[uuid.UUID, list[rules.ShiftFact]] = defaultdict(list)
    rows = await session.execute(
        select(Assignment.id, Assignment.person_id, Shift, Location.time_zone)
        .join(Shift, Shift.id == Assignment.shift_id)
        .join(Location, Location.id == Shift.location_id)
        .where(
            Assignment.person_id.in_(ids),
            Assignment.state == AssignmentState.assigned,
            Assignment.starts_at < hi,
            Assignment.ends_at > lo,
        )
    )
    for assignment_id, person_id, shift, zone in rows:
        if assignment_id not in excluded:
            assigned[person_id].append(shift_fact(shift, zone))

    slots: dict[uuid.UUID, list[rules.AvailabilitySlot]] = defaultdict(list)
    for slot in await session.scalars(
        select(AvailabilitySlot).where(AvailabilitySlot.person_id.in_(ids))
    ):
        slots[slot.person_id].append(
            rules.AvailabilitySlot(
                weekday=slot.weekday,
                start=slot.start_time,
                end=slot.end_time,
                status=rules.Availability(slot.status.value),
            )
        )
    exceptions: dict[uuid.UUID, list[rules.AvailabilityException]] = defaultdict(list)
    for exc in await session.scalars(
        select(AvailabilityException).where(
            AvailabilityException.person_id.in_(ids),
            AvailabilityException.exception_date >= (lo - timedelta(days=1)).date(),
            AvailabilityException.exception_date <= (hi + timedelta(days=1)).date(),
        )
    ):
        exceptions[exc.person_id].append(
            rules.AvailabilityException(
                day=exc.exception_date,
                status=rules.Availability(exc.status.value),
                start=exc.start_time,
                end=exc.end_time,
            )
        )
    time_off: dict[uuid.UUID, list[rules.TimeOff]] = defaultdict(list)
    for t in await session.scalars(
        select(TimeOffRequest).where(
            TimeOffRequest.person_id.in_(ids),
            TimeOffRequest.state == TimeOffState.approved,
            TimeOffRequest.starts_at < hi,
            TimeOffRequest.ends_at > lo,
        )
    ):
        time_off[t.person_id].append(rules.TimeOff(t.id, t.starts_at, t.ends_at))

    return {
        p.id: rules.PersonFacts(
            person_id=p.id,
            active=p.is_active,
            skills=skills.get(p.id, {}),
            contract=rules.Contract(
                contracted_hours_per_week=p.contracted_hours_per_week,
                max_hours_per_week=p.max_hours_per_week,
                hourly_rate=p.hourly_rate,
            ),
            assignments=tuple(assigned.get(p.id, ())),
            availability=tuple(slots.get(p.id, ())),
            availability_exceptions=tuple(exceptions.get(p.id, ())),
            time_off=tuple(time_off.get(p.id, ())),
        )
        for p in people
    }


@dataclass
class RuleBook:
    """The organisation's rule layers, resolved per (location, person) on demand."""

    week_start: int
    organisation: dict[str, Any]
    locations: dict[uuid.UUID, dict[str, Any]]
    people: dict[uuid.UUID, dict[str, Any]]
    _cache: dict[tuple[uuid.UUID | None, uuid.UUID | None], rules.RuleSet] = field(
        default_factory=dict
    )

    def for_(self, location_id: uuid.UUID | None, person_id: uuid.UUID | None) -> rules.RuleSet:
        key = (location_id, person_id)
        if key not in self._cache:
            self._cache[key] = rules.resolve_rules(
                self.organisation,
                self.locations.get(location_id) if location_id else None,
                self.people.get(person_id) if person_id else None,
                week_start=self.week_start,
            )
        return self._cache[key]


async def load_rule_book(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    *,
    location_ids: Iterable[uuid.UUID] | None = None,
    person_ids: Iterable[uuid.UUID] | None = None,
) -> RuleBook:
    """The organisation's rule layers (two statements).

    With `location_ids` / `person_ids`, only those locations' and people's layers are
    read (plus the organisation's): a single check then reads a handful of rows
    however many people have their own settings. None reads them all.
    """
    org = await session.get_one(Organisation, organisation_id)
    book = RuleBook(week_start=org.week_start, organisation={}, locations={}, people={})
    stmt = select(ComplianceRuleSetting).where(
        ComplianceRuleSetting.organisation_id == organisation_id
    )
    if location_ids is not None or person_ids is not None:
        keys = ["organisation"]
        keys += [f"location:{i}" for i in location_ids or ()]
        keys += [f"person:{i}" for i in person_ids or ()]
        stmt = stmt.where(ComplianceRuleSetting.scope_key.in_(keys))
    for layer in await session.scalars(stmt):
        if layer.person_id is not None:
            book.people[layer.person_id] = layer.rules
        elif layer.location_id is not None:
            book.locations[layer.location_id] = layer.rules
        else:
            book.organisation = layer.rules
    return book
