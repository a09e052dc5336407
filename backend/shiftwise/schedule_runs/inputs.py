"""What a run reads from the database: the period's shifts, seats, people and rule facts.

Read in one short transaction before the search starts (the search holds no
transaction), and again, the same way, when a proposal is re-checked.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.kit.time import local_day_bounds
from shiftwise.models import Assignment, AssignmentState, Location, Person, Shift, ShiftState
from shiftwise.scheduling import rules
from shiftwise.scheduling.facts import (
    NO_CONTEXT,
    RuleBook,
    load_people_facts,
    load_rule_book,
    shift_fact,
)


@dataclass(frozen=True)
class RunShift:
    shift: Shift
    fact: rules.ShiftFact
    location_name: str


@dataclass(frozen=True)
class LiveAssignment:
    id: uuid.UUID
    shift_id: uuid.UUID
    person_id: uuid.UUID


@dataclass
class Inputs:
    organisation_id: uuid.UUID
    start_date: date
    last_date: date
    period_start: datetime  # UTC: the earliest local midnight of start_date
    period_end: datetime
    location_ids: list[uuid.UUID]
    shifts: dict[uuid.UUID, RunShift]  # live shifts whose local date is in the period
    live: list[LiveAssignment]  # live assignments on those shifts
    names: dict[uuid.UUID, str]  # candidate people (and anyone on the shifts)
    facts: dict[uuid.UUID, rules.PersonFacts]  # live assignments over book.window(...)
    book: RuleBook

    @property
    def days(self) -> int:
        return (self.last_date - self.start_date).days + 1

    def period(self) -> rules.Period:
        return self.start_date, self.last_date


async def load_inputs(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    location_ids: list[uuid.UUID],
    start_date: date,
    days: int,
) -> Inputs:
    """The period's shifts at the run's locations and the people who may work them:
    active people whose home is one of the locations, and anyone already on a shift."""
    locations = list(
        (
            await session.scalars(
                select(Location).where(
                    Location.organisation_id == organisation_id, Location.id.in_(location_ids)
                )
            )
        ).all()
    )
    bounds = {loc.id: local_day_bounds(start_date, days, loc.time_zone) for loc in locations}
    period_start = min((b[0] for b in bounds.values()), default=datetime.now().astimezone())
    period_end = max((b[1] for b in bounds.values()), default=period_start)
    last_date = start_date + timedelta(days=days - 1)
    by_id = {loc.id: loc for loc in locations}
    shifts: dict[uuid.UUID, RunShift] = {}
    if locations:
        rows = await session.scalars(
            select(Shift)
            .where(
                Shift.organisation_id == organisation_id,
                Shift.location_id.in_(list(by_id)),
                Shift.state != ShiftState.cancelled,
                Shift.starts_at >= period_start - timedelta(days=1),
                Shift.starts_at < period_end + timedelta(days=1),
            )
            .order_by(Shift.starts_at, Shift.id)
        )
        for shift in rows.all():
            loc = by_id[shift.location_id]
            fact = shift_fact(shift, loc.time_zone)
            if start_date <= fact.local_date <= last_date:
                shifts[shift.id] = RunShift(shift, fact, loc.name)
    live = [
        LiveAssignment(a, s, p)
        for a, s, p in await session.execute(
            select(Assignment.id, Assignment.shift_id, Assignment.person_id).where(
                Assignment.shift_id.in_(list(shifts)),
                Assignment.state == AssignmentState.assigned,
            )
        )
    ]
    on_shifts = {a.person_id for a in live}
    names: dict[uuid.UUID, str] = {}
    for pid, name in await session.execute(
        select(Person.id, Person.display_name).where(
            Person.organisation_id == organisation_id,
            or_(
                (Person.is_active.is_(True)) & Person.home_location_id.in_(list(by_id)),
                Person.id.in_(list(on_shifts)),
            ),
        )
    ):
        names[pid] = name
    book = await load_rule_book(
        session, organisation_id, location_ids=list(by_id), person_ids=list(names)
    )
    # The facts the rules need: the period with their context around it and every rule
    # period it touches, whole (as the grid and accept's re-check read them), so hours
    # already worked earlier in a four-week or monthly rule period count in the run.
    windows = [book.window(start_date, last_date, loc.time_zone) for loc in locations]
    if windows:
        first = min(w[0] for w in windows)
        last = max(w[1] for w in windows)
        facts = await load_people_facts(
            session, organisation_id, names, first, last, context=NO_CONTEXT
        )
    else:
        facts = await load_people_facts(session, organisation_id, names, period_start, period_end)
    return Inputs(
        organisation_id=organisation_id,
        start_date=start_date,
        last_date=last_date,
        period_start=period_start,
        period_end=period_end,
        location_ids=list(by_id),
        shifts=shifts,
        live=live,
        names=names,
        facts=facts,
        book=book,
    )
