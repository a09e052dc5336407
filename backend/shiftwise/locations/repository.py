from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import delete, insert, select

from shiftwise.kit.repository import Repository
from shiftwise.models import Location, Role, User, location_coordinators


class LocationRepository(Repository[Location]):
    model = Location
    noun = "location"

    async def all(self, *, include_archived: bool) -> list[Location]:
        stmt = self.scoped().order_by(Location.name)
        if not include_archived:
            stmt = stmt.where(Location.archived_at.is_(None))
        return list((await self.session.scalars(stmt)).all())

    async def coordinators_of(
        self, location_ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, list[uuid.UUID]]:
        rows = await self.session.execute(
            select(location_coordinators.c.location_id, location_coordinators.c.user_id).where(
                location_coordinators.c.location_id.in_(location_ids)
            )
        )
        found: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        for location_id, user_id in rows:
            found[location_id].append(user_id)
        return found

    async def coordinator_users(self, user_ids: list[uuid.UUID]) -> list[User]:
        """Users of this organisation with the coordinator role among `user_ids`."""
        rows = await self.session.scalars(
            select(User).where(
                User.id.in_(user_ids),
                User.organisation_id == self.organisation_id,
                User.role == Role.coordinator,
            )
        )
        return list(rows.all())

    async def set_coordinators(self, location_id: uuid.UUID, user_ids: list[uuid.UUID]) -> None:
        await self.session.execute(
            delete(location_coordinators).where(location_coordinators.c.location_id == location_id)
        )
        if user_ids:
            await self.session.execute(
                insert(location_coordinators),
                [{"location_id": location_id, "user_id": u} for u in user_ids],
            )
