from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select

from shiftwise.auth.subject import Subject
from shiftwise.kit.pagination import PageParams, paginate
from shiftwise.kit.repository import Repository, overlapping
from shiftwise.models import (
    Assignment,
    AssignmentState,
    Person,
    Shift,
    ShiftState,
)


@dataclass(frozen=True)
class AssignmentFilters:
    person_id: uuid.UUID | None = None
    location_id: uuid.UUID | None = None
    shift_id: uuid.UUID | None = None
    start: datetime | None = None
    end: datetime | None = None
    state: AssignmentState | None = None


@dataclass(frozen=True)
class Placement:
    """Where an assignment sits and whom it names, for responses and access checks."""

    location_id: uuid.UUID
    shift_state: ShiftState
    display_name: str


class AssignmentRepository(Repository[Assignment]):
    model = Assignment
    noun = "assignment"

    async def person(self, person_id: uuid.UUID, *, for_update: bool = False) -> Person | None:
        """A person of this organisation; locking their row serialises every change to
        their schedule, so concurrent assignments of one person cannot deadlock."""
        stmt = select(Person).where(
            Person.id == person_id, Person.organisation_id == self.organisation_id
        )
        if for_update:
            stmt = stmt.with_for_update()
        result: Person | None = await self.session.scalar(stmt)
        return result

    async def lock_people(self, person_ids: list[uuid.UUID]) -> None:
        """Lock people rows in id order (a fixed order, so two lockers never deadlock)."""
        if not person_ids:
            return
        await self.session.execute(
            select(Person.id)
            .where(Person.id.in_(person_ids), Person.organisation_id == self.organisation_id)
            .order_by(Person.id)
            .with_for_update()
        )

    async def overlapping(
        self,
        person_ids: list[uuid.UUID],
        starts_at: datetime,
        ends_at: datetime,
        *,
        exclude_shift_id: uuid.UUID | None = None,
    ) -> list[Assignment]:
        """Live assignments of these people overlapping [starts_at, ends_at)."""
        if not person_ids:
            return []
        stmt = select(Assignment).where(
            Assignment.organisation_id == self.organisation_id,
            Assignment.person_id.in_(person_ids),
            Assignment.state == AssignmentState.assigned,
            overlapping(Assignment.starts_at, Assignment.ends_at, starts_at, ends_at),
        )
        if exclude_shift_id is not None:
            stmt = stmt.where(Assignment.shift_id != exclude_shift_id)
        rows = await self.session.scalars(stmt.order_by(Assignment.starts_at))
        return list(rows.all())

    async def live_count(self, shift_id: uuid.UUID, *, exclude: Collection[uuid.UUID] = ()) -> int:
        stmt = (
            select(func.count())
            .select_from(Assignment)
            .where(
                Assignment.organisation_id == self.organisation_id,
                Assignment.shift_id == shift_id,
                Assignment.state == AssignmentState.assigned,
            )
        )
        if exclude:
            stmt = stmt.where(Assignment.id.not_in(list(exclude)))
        return int(await self.session.scalar(stmt) or 0)

    async def is_on_shift(
        self, shift_id: uuid.UUID, person_id: uuid.UUID, *, exclude: Collection[uuid.UUID] = ()
    ) -> bool:
        stmt = select(Assignment.id).where(
            Assignment.organisation_id == self.organisation_id,
            Assignment.shift_id == shift_id,
            Assignment.person_id == person_id,
            Assignment.state == AssignmentState.assigned,
        )
        if exclude:
            stmt = stmt.where(Assignment.id.not_in(list(exclude)))
        found = await self.session.scalar(stmt.limit(1))
        return found is not None

    async def page(
        self, subject: Subject, filters: AssignmentFilters, page: PageParams
    ) -> tuple[list[Assignment], int | None]:
        stmt = self.scoped().join(Shift, Shift.id == Assignment.shift_id)
        if not subject.is_admin:
            # Everyone sees their own schedule once published; coordinators also
            # everything at the locations they run (see assignments.policies).
            own = and_(Assignment.person_id == subject.person_id, Shift.state != ShiftState.draft)
            if subject.is_coordinator:
                own = or_(own, Shift.location_id.in_(subject.location_ids))
            stmt = stmt.where(own)
        if filters.person_id is not None:
            stmt = stmt.where(Assignment.person_id == filters.person_id)
        if filters.location_id is not None:
            stmt = stmt.where(Shift.location_id == filters.location_id)
        if filters.shift_id is not None:
            stmt = stmt.where(Assignment.shift_id == filters.shift_id)
        if filters.start is not None:
            stmt = stmt.where(
                overlapping(Assignment.starts_at, Assignment.ends_at, filters.start, filters.end)
            )
        elif filters.end is not None:
            stmt = stmt.where(Assignment.starts_at < filters.end)
        if filters.state is not None:
            stmt = stmt.where(Assignment.state == filters.state)
        stmt = stmt.order_by(Assignment.starts_at, Assignment.id)
        return await paginate(self.session, stmt, page)

    async def placements(self, assignment_ids: list[uuid.UUID]) -> dict[uuid.UUID, Placement]:
        """Location, shift state and person name of each assignment, in one statement."""
        if not assignment_ids:
            return {}
        rows = await self.session.execute(
            select(Assignment.id, Shift.location_id, Shift.state, Person.display_name)
            .join(Shift, Shift.id == Assignment.shift_id)
            .join(Person, Person.id == Assignment.person_id)
            .where(
                Assignment.organisation_id == self.organisation_id,
                Assignment.id.in_(assignment_ids),
            )
        )
        return {a_id: Placement(loc, state, name) for a_id, loc, state, name in rows}
