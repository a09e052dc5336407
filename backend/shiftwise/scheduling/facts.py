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

from sqlalchemy import and_, select
from sqlalchemy.exc import NoResultFound
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
    """Facts for each person around [start, end): five statements whatever the head count.

    Plain columns, not ORM entities: the same facts are loaded for every check, and
    hydrating entities would cost more than the rules. `exclude_assignment_ids` leaves
    assignments out, e.g. the one a swap gives away.
    """
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return {}
    lo, hi = start - CONTEXT, end + CONTEXT
    excluded = set(exclude_assignment_ids)

    people: dict[uuid.UUID, tuple[bool, rules.Contract]] = {}
    skills: dict[uuid.UUID, dict[uuid.UUID, date | None]] = defaultdict(dict)
    for pid, active, contracted, max_week, rate, skill_id, expires in await session.execute(
        select(
            Person.id,
            Person.is_active,
            Person.contracted_hours_per_week,
            Person.max_hours_per_week,
            Person.hourly_rate,
            PersonSkill.skill_id,
            PersonSkill.expires_date,
        )
        .outerjoin(PersonSkill, PersonSkill.person_id == Person.id)
        .where(Person.organisation_id == organisation_id, Person.id.in_(ids))
    ):
        people[pid] = (active, rules.Contract(contracted, max_week, rate))
        if skill_id is not None:
            skills[pid][skill_id] = expires

    assigned: dict[uuid.UUID, list[rules.ShiftFact]] = defaultdict(list)
    rows = await session.execute(
        select(
            Assignment.id,
            Assignment.person_id,
            Shift.id,
            Shift.location_id,
            Shift.starts_at,
            Shift.ends_at,
            Shift.skill_id,
            Shift.break_minutes,
            Location.time_zone,
        )
        .join(Shift, Shift.id == Assignment.shift_id)
        .join(Location, Location.id == Shift.location_id)
        .where(
            Assignment.person_id.in_(ids),
            Assignment.state == AssignmentState.assigned,
            Assignment.starts_at < hi,
            Assignment.ends_at > lo,
        )
    )
    for assignment_id, person_id, sid, loc, starts, ends, skill, brk, zone in rows:
        if assignment_id not in excluded:
            assigned[person_id].append(
                rules.ShiftFact(
                    id=sid,
                    location_id=loc,
                    starts_at=starts,
                    ends_at=ends,
                    time_zone=zone,
                    skill_id=skill,
                    break_minutes=brk,
                )
            )

    slots: dict[uuid.UUID, list[rules.AvailabilitySlot]] = defaultdict(list)
    for pid, weekday, slot_start, slot_end, status in await session.execute(
        select(
            AvailabilitySlot.person_id,
            AvailabilitySlot.weekday,
            AvailabilitySlot.start_time,
            AvailabilitySlot.end_time,
            AvailabilitySlot.status,
        ).where(AvailabilitySlot.person_id.in_(ids))
    ):
        slots[pid].append(
            rules.AvailabilitySlot(
                weekday=weekday,
                start=slot_start,
                end=slot_end,
                status=rules.Availability(status.value),
            )
        )
    exceptions: dict[uuid.UUID, list[rules.AvailabilityException]] = defaultdict(list)
    for pid, day, exc_start, exc_end, status in await session.execute(
        select(
            AvailabilityException.person_id,
            AvailabilityException.exception_date,
            AvailabilityException.start_time,
            AvailabilityException.end_time,
            AvailabilityException.status,
        ).where(
            AvailabilityException.person_id.in_(ids),
            AvailabilityException.exception_date >= (lo - timedelta(days=1)).date(),
            AvailabilityException.exception_date <= (hi + timedelta(days=1)).date(),
        )
    ):
        exceptions[pid].append(
            rules.AvailabilityException(
                day=day, status=rules.Availability(status.value), start=exc_start, end=exc_end
            )
        )
    time_off: dict[uuid.UUID, list[rules.TimeOff]] = defaultdict(list)
    for t_id, pid, off_start, off_end in await session.execute(
        select(
            TimeOffRequest.id,
            TimeOffRequest.person_id,
            TimeOffRequest.starts_at,
            TimeOffRequest.ends_at,
        ).where(
            TimeOffRequest.person_id.in_(ids),
            TimeOffRequest.state == TimeOffState.approved,
            TimeOffRequest.starts_at < hi,
            TimeOffRequest.ends_at > lo,
        )
    ):
        time_off[pid].append(rules.TimeOff(t_id, off_start, off_end))

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
    """The organisation's week start and rule layers, in one statement.

    With `location_ids` / `person_ids`, only those locations' and people's layers are
    read (plus the organisation's): a single check then reads a handful of rows
    however many people have their own settings. None reads them all.
    """
    joined = ComplianceRuleSetting.organisation_id == Organisation.id
    if location_ids is not None or person_ids is not None:
        keys = ["organisation"]
        keys += [f"location:{i}" for i in location_ids or ()]
        keys += [f"person:{i}" for i in person_ids or ()]
        joined = and_(joined, ComplianceRuleSetting.scope_key.in_(keys))
    rows = (
        await session.execute(
            select(
                Organisation.week_start,
                ComplianceRuleSetting.location_id,
                ComplianceRuleSetting.person_id,
                ComplianceRuleSetting.rules,
                ComplianceRuleSetting.id,
            )
            .select_from(Organisation)
            .outerjoin(ComplianceRuleSetting, joined)
            .where(Organisation.id == organisation_id)
        )
    ).all()
    if not rows:
        raise NoResultFound(f"no organisation {organisation_id}")
    book = RuleBook(week_start=rows[0][0], organisation={}, locations={}, people={})
    for _, location_id, person_id, layer, layer_id in rows:
        if layer_id is None:
            continue  # the organisation has no layers at all
        if person_id is not None:
            book.people[person_id] = layer
        elif location_id is not None:
            book.locations[location_id] = layer
        else:
            book.organisation = layer
    return book
