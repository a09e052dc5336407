"""Statements about schedule runs, scoped to one organisation."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import exists, insert, select

from shiftwise.kit.pagination import PageParams, paginate
from shiftwise.kit.repository import Repository
from shiftwise.models import Location, ScheduleRun, schedule_run_locations


class ScheduleRunRepository(Repository[ScheduleRun]):
    model = ScheduleRun
    noun = "schedule_run"

    async def locations(self, ids: Collection[uuid.UUID]) -> list[Location]:
        rows = await self.session.scalars(
            select(Location).where(
                Location.organisation_id == self.organisation_id, Location.id.in_(list(ids))
            )
        )
        return list(rows.all())

    async def set_locations(self, run_id: uuid.UUID, location_ids: list[uuid.UUID]) -> None:
        await self.session.execute(
            insert(schedule_run_locations),
            [{"run_id": run_id, "location_id": loc} for loc in location_ids],
        )

    async def locations_of(self, run_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
        found: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        rows = await self.session.execute(
            select(schedule_run_locations.c.run_id, schedule_run_locations.c.location_id).where(
                schedule_run_locations.c.run_id.in_(run_ids)
            )
        )
        for run_id, location_id in rows:
            found[run_id].append(location_id)
        return {k: sorted(v, key=str) for k, v in found.items()}

    async def page(
        self,
        page: PageParams,
        *,
        location_id: uuid.UUID | None,
        within: frozenset[uuid.UUID] | None,
    ) -> tuple[list[ScheduleRun], int | None]:
        """Newest first; `location_id` runs planning it; `within` only runs whose every
        location is in the set (a coordinator's)."""
        links = schedule_run_locations.c
        stmt = self.scoped().order_by(ScheduleRun.created_at.desc(), ScheduleRun.id)
        if location_id is not None:
            stmt = stmt.where(
                exists().where(links.run_id == ScheduleRun.id, links.location_id == location_id)
            )
        if within is not None:
            stmt = stmt.where(
                ~exists().where(
                    links.run_id == ScheduleRun.id, links.location_id.not_in(list(within))
                )
            )
        return await paginate(self.session, stmt, page)
