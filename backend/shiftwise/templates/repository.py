from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from shiftwise.auth.subject import Subject
from shiftwise.kit.pagination import PageParams, paginate
from shiftwise.kit.repository import Repository
from shiftwise.models import Assignment, AssignmentState, Shift, ShiftTemplate


class TemplateRepository(Repository[ShiftTemplate]):
    model = ShiftTemplate
    noun = "shift_template"

    async def page(
        self,
        subject: Subject,
        location_id: uuid.UUID | None,
        include_archived: bool,
        page: PageParams,
    ) -> tuple[list[ShiftTemplate], int | None]:
        stmt = self.scoped()
        if location_id is not None:
            stmt = stmt.where(ShiftTemplate.location_id == location_id)
        if not subject.is_admin:
            stmt = stmt.where(ShiftTemplate.location_id.in_(subject.location_ids))
        if not include_archived:
            stmt = stmt.where(ShiftTemplate.archived_at.is_(None))
        stmt = stmt.order_by(ShiftTemplate.name, ShiftTemplate.id)
        return await paginate(self.session, stmt, page)

    async def generated(
        self, template_id: uuid.UUID, start: date, end: date | None = None
    ) -> list[Shift]:
        """Every shift made from the template for local dates in [start, end], any state."""
        stmt = select(Shift).where(
            Shift.organisation_id == self.organisation_id,
            Shift.template_id == template_id,
            Shift.occurrence_date >= start,
        )
        if end is not None:
            stmt = stmt.where(Shift.occurrence_date <= end)
        rows = await self.session.scalars(
            stmt.order_by(Shift.occurrence_date, Shift.id).with_for_update()
        )
        return list(rows.all())

    async def staffed(self, shift_ids: list[uuid.UUID]) -> set[uuid.UUID]:
        """Which of these shifts have any assignment at all (live or cancelled)."""
        if not shift_ids:
            return set()
        rows = await self.session.scalars(
            select(Assignment.shift_id)
            .where(
                Assignment.organisation_id == self.organisation_id,
                Assignment.shift_id.in_(shift_ids),
            )
            .distinct()
        )
        return set(rows.all())

    async def live_staffed(self, shift_ids: list[uuid.UUID]) -> set[uuid.UUID]:
        if not shift_ids:
            return set()
        rows = await self.session.scalars(
            select(Assignment.shift_id)
            .where(
                Assignment.organisation_id == self.organisation_id,
                Assignment.shift_id.in_(shift_ids),
                Assignment.state == AssignmentState.assigned,
            )
            .distinct()
        )
        return set(rows.all())
