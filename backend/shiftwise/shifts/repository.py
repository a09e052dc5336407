from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select

from shiftwise.auth.subject import Subject
from shiftwise.kit.pagination import PageParams, paginate
from shiftwise.kit.repository import Repository, overlapping
from shiftwise.models import (
    Assignment,
    AssignmentState,
    Location,
    Person,
    Shift,
    ShiftState,
    Skill,
)


@dataclass(frozen=True)
class ShiftFilters:
    location_id: uuid.UUID | None = None
    start: datetime | None = None
    end: datetime | None = None
    state: ShiftState | None = None


@dataclass(frozen=True)
class Assignee:
    shift_id: uuid.UUID
    id: uuid.UUID
    person_id: uuid.UUID
    display_name: str


class ShiftRepository(Repository[Shift]):
    model = Shift
    noun = "shift"

    def visible_to(self, subject: Subject) -> Select[Any]:
        """The organisation's shifts this subject may see (see shifts.policies)."""
        stmt = self.scoped()
        if subject.is_admin:
            return stmt
        if subject.is_coordinator:
            return stmt.where(Shift.location_id.in_(subject.location_ids))
        return stmt.where(Shift.state == ShiftState.published)

    async def page(
        self, subject: Subject, filters: ShiftFilters, page: PageParams
    ) -> tuple[list[Shift], int | None]:
        stmt = self.visible_to(subject)
        if filters.location_id is not None:
            stmt = stmt.where(Shift.location_id == filters.location_id)
        if filters.start is not None:
            stmt = stmt.where(
                overlapping(Shift.starts_at, Shift.ends_at, filters.start, filters.end)
            )
        elif filters.end is not None:
            stmt = stmt.where(Shift.starts_at < filters.end)
        if filters.state is not None:
            stmt = stmt.where(Shift.state == filters.state)
        return await paginate(self.session, stmt.order_by(Shift.starts_at, Shift.id), page)

    async def assignees(self, shift_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Assignee]]:
        """Live assignments of these shifts with the people's names, in one statement."""
        if not shift_ids:
            return {}
        rows = await self.session.execute(
            select(Assignment.shift_id, Assignment.id, Assignment.person_id, Person.display_name)
            .join(Person, Person.id == Assignment.person_id)
            .where(
                Assignment.organisation_id == self.organisation_id,
                Assignment.shift_id.in_(shift_ids),
                Assignment.state == AssignmentState.assigned,
            )
            .order_by(Person.display_name, Assignment.id)
        )
        found: dict[uuid.UUID, list[Assignee]] = defaultdict(list)
        for shift_id, assignment_id, person_id, name in rows:
            found[shift_id].append(Assignee(shift_id, assignment_id, person_id, name))
        return found

    async def location(self, location_id: uuid.UUID) -> Location | None:
        result: Location | None = await self.session.scalar(
            select(Location).where(
                Location.id == location_id, Location.organisation_id == self.organisation_id
            )
        )
        return result

    async def skill_exists(self, skill_id: uuid.UUID) -> bool:
        found = await self.session.scalar(
            select(Skill.id).where(
                Skill.id == skill_id, Skill.organisation_id == self.organisation_id
            )
        )
        return found is not None

    async def live_assignments(self, shift_id: uuid.UUID) -> list[Assignment]:
        rows = await self.session.scalars(
            select(Assignment)
            .where(
                Assignment.organisation_id == self.organisation_id,
                Assignment.shift_id == shift_id,
                Assignment.state == AssignmentState.assigned,
            )
            .order_by(Assignment.person_id)
        )
        return list(rows.all())
