from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select

from shiftwise.kit.repository import Repository
from shiftwise.models import Assignment, AssignmentState, Location, Shift, ShiftState, Skill


class PlanningRepository(Repository[Shift]):
    model = Shift
    noun = "shift"

    async def locations(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Location]:
        rows = await self.session.scalars(
            select(Location).where(
                Location.organisation_id == self.organisation_id, Location.id.in_(set(ids))
            )
        )
        return {loc.id: loc for loc in rows.all()}

    async def skill_ids(self, ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
        rows = await self.session.scalars(
            select(Skill.id).where(
                Skill.organisation_id == self.organisation_id, Skill.id.in_(set(ids))
            )
        )
        return set(rows.all())

    async def starting_in(
        self, location_id: uuid.UUID, start: datetime, end: datetime, *, lock: bool = False
    ) -> list[Shift]:
        """The location's live (not cancelled) shifts starting in [start, end)."""
        stmt = (
            self.scoped()
            .where(
                Shift.location_id == location_id,
                Shift.starts_at >= start,
                Shift.starts_at < end,
                Shift.state != ShiftState.cancelled,
            )
            .order_by(Shift.starts_at, Shift.id)
        )
        if lock:
            stmt = stmt.with_for_update()
        return list((await self.session.scalars(stmt)).all())

    async def live_assignments(self, shift_ids: list[uuid.UUID]) -> list[Assignment]:
        if not shift_ids:
            return []
        rows = await self.session.scalars(
            select(Assignment)
            .where(
                Assignment.organisation_id == self.organisation_id,
                Assignment.shift_id.in_(shift_ids),
                Assignment.state == AssignmentState.assigned,
            )
            .order_by(Assignment.shift_id, Assignment.person_id)
            .with_for_update()
        )
        return list(rows.all())
