"""The week grid: a location's period in a fixed number of statements, whatever its size.

Statements: the location, the organisation's week start (with the rule layers, two),
the shifts, their seats, the people shown, and the rule engine's facts about them
(six, from the gateway). Violations come from the one rule engine
(`rules.check_schedule`), judged over the period with the gateway's context around it.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import ensure_can_manage_location
from shiftwise.errors import NotFound
from shiftwise.kit.time import local_day_bounds
from shiftwise.models import Location, Person, Shift
from shiftwise.schedule import schemas
from shiftwise.schedule.repository import ScheduleRepository, Seat
from shiftwise.scheduling import rules
from shiftwise.scheduling.facts import RuleBook, load_people_facts, load_rule_book, shift_fact
from shiftwise.scheduling.verdict import to_api

_CENT = Decimal("0.01")


def hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(_CENT, rounding=ROUND_HALF_UP)


async def managed_location(
    repo: ScheduleRepository, subject: Subject, location_id: uuid.UUID
) -> Location:
    """The location (404 outside the organisation), if the caller plans it (else 403)."""
    location = await repo.location(location_id)
    if location is None:
        raise NotFound(f"No location with id {location_id}.", code="location_not_found")
    ensure_can_manage_location(subject, location.id)
    return location


def _shift(shift: Shift, fact: rules.ShiftFact, seats: list[Seat]) -> schemas.GridShift:
    return schemas.GridShift(
        id=shift.id,
        skill_id=shift.skill_id,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        local_date=fact.local_date,
        break_minutes=shift.break_minutes,
        paid_minutes=fact.paid_minutes,
        headcount=shift.headcount,
        state=shift.state,
        published_at=shift.published_at,
        notes=shift.notes,
        template_id=shift.template_id,
        open_seats=max(0, shift.headcount - len(seats)),
        assignments=[
            schemas.GridAssignee(
                id=s.assignment_id, person_id=s.person_id, display_name=s.display_name
            )
            for s in seats
        ],
    )


def rule_set(book: RuleBook, location_id: uuid.UUID, person: rules.PersonFacts) -> rules.RuleSet:
    """The person's effective rules; everyone without a layer of their own shares one
    RuleSet, so a location of hundreds resolves its rules once, not once a person."""
    own = person.person_id if person.person_id in book.people else None
    return book.for_(location_id, uuid.UUID(str(own)) if own is not None else None)


def paid_minutes_in(facts: rules.PersonFacts, first: date, last: date) -> int:
    """Paid minutes of the person's live assignments whose local date is in [first, last]."""
    return sum(a.paid_minutes for a in facts.assignments if first <= a.local_date <= last)


def _person(
    person: Person, facts: rules.PersonFacts | None, first: date, last: date
) -> schemas.GridPerson:
    minutes = paid_minutes_in(facts, first, last) if facts else 0
    weekly = person.contracted_hours_per_week
    days = (last - first).days + 1
    skills = sorted(
        (facts.skills.items() if facts else ()),
        key=lambda item: str(item[0]),
    )
    return schemas.GridPerson(
        id=person.id,
        display_name=person.display_name,
        home_location_id=person.home_location_id,
        employment_type=person.employment_type,
        is_active=person.is_active,
        skills=[
            schemas.PersonSkillRead(skill_id=uuid.UUID(str(skill_id)), expires_date=expires)
            for skill_id, expires in skills
        ],
        paid_minutes=minutes,
        paid_hours=hours(minutes),
        contracted_hours_per_week=weekly,
        contracted_hours=None if weekly is None else (weekly * days / 7).quantize(_CENT),
        max_hours_per_week=person.max_hours_per_week,
    )


async def week_grid(
    session: AsyncSession, subject: Subject, location_id: uuid.UUID, start_date: date, days: int
) -> schemas.ScheduleGrid:
    repo = ScheduleRepository(session, subject.organisation_id)
    location = await managed_location(repo, subject, location_id)
    start, end = local_day_bounds(start_date, days, location.time_zone)
    last_date = start_date + timedelta(days=days - 1)

    shifts = await repo.shifts(location.id, start, end)
    seats: dict[uuid.UUID, list[Seat]] = defaultdict(list)
    for seat in await repo.seats(location.id, start, end):
        seats[seat.shift_id].append(seat)
    people = await repo.people_shown(location.id, start, end)
    # The gateway reads the period plus its context (rest, runs of days, weekly totals).
    facts = await load_people_facts(
        session, subject.organisation_id, [p.id for p in people], start, end
    )
    book = await load_rule_book(
        session, subject.organisation_id, location_ids=[location.id], person_ids=list(facts)
    )
    found = rules.check_schedule(
        facts.values(), lambda person: rule_set(book, location.id, person), (start_date, last_date)
    )
    found.sort(key=lambda v: (not v.is_hard, v.local_date or date.min, str(v.person_id)))

    grid_shifts = [
        _shift(s, shift_fact(s, location.time_zone), seats.get(s.id, [])) for s in shifts
    ]
    return schemas.ScheduleGrid(
        location=schemas.GridLocation(
            id=location.id, name=location.name, time_zone=location.time_zone
        ),
        start_date=start_date,
        end_date=last_date,
        days=days,
        starts_at=start,
        ends_at=end,
        shifts=grid_shifts,
        people=[_person(p, facts.get(p.id), start_date, last_date) for p in people],
        violations=[to_api(v) for v in found],
        open_seats=sum(s.open_seats for s in grid_shifts),
    )
