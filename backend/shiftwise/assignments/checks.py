"""Everything a placement checks before it inserts, shared by place() and the dry-run.

The rules themselves are the engine's (shiftwise.scheduling.rules), reached through
the one gateway every path uses (shiftwise.scheduling.verdict.check_people_on_shift);
this module adds the checks that are about the seat rather than the person's rules:
the shift is not cancelled, the person exists, is not already on it, and a seat is free.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.assignments.repository import AssignmentRepository
from shiftwise.errors import Conflict, NotFound, field_error
from shiftwise.models import Location, Person, Shift, ShiftState
from shiftwise.scheduling import rules
from shiftwise.scheduling.verdict import check_people_on_shift

# The refusals about the seat, not the rules: a dry-run reports them instead of raising.
SEAT_REFUSALS = frozenset({"shift_cancelled", "already_assigned", "shift_full"})


@dataclass(frozen=True)
class Assessment:
    person: Person
    location: Location
    violations: list[rules.Violation]  # hard ones first


async def assess(
    session: AsyncSession,
    shift: Shift,
    person_id: uuid.UUID,
    *,
    lock_person: bool,
    exclude_assignment_ids: Collection[uuid.UUID] = (),
) -> Assessment:
    """Check placing `person_id` on `shift`; raise the seat's refusals, return the rules'.

    `lock_person` takes the person's row FOR UPDATE (after the shift's, always in that
    order), which serialises every change to one person's schedule.
    """
    if shift.state is ShiftState.cancelled:
        raise Conflict("This shift is cancelled.", code="shift_cancelled")
    repo = AssignmentRepository(session, shift.organisation_id)
    person = await repo.person(person_id, for_update=lock_person)
    if person is None:
        raise field_error(
            "body.person_id", "No person with this id in your organisation.", "person_not_found"
        )
    excluded = list(exclude_assignment_ids)
    if await repo.is_on_shift(shift.id, person.id, exclude=excluded):
        raise Conflict("This person is already on this shift.", code="already_assigned")
    if await repo.live_count(shift.id, exclude=excluded) >= shift.headcount:
        raise Conflict("This shift has no open seats.", code="shift_full")
    location = await session.get(Location, shift.location_id)
    if location is None:  # cannot happen: the foreign key and the shift's scope agree
        raise NotFound("The shift's location is gone.", code="location_not_found")
    verdicts = await check_people_on_shift(
        session,
        shift.organisation_id,
        shift,
        location.time_zone,
        [person.id],
        exclude_assignment_ids=excluded,
    )
    return Assessment(person, location, verdicts.get(person.id, []))
