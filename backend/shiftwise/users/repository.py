from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import Select, delete, func, insert, select

from shiftwise.kit.repository import Repository
from shiftwise.models import Location, Person, Role, User, location_coordinators


class UserRepository(Repository[User]):
    model = User
    noun = "user"

    def search(self, *, role: Role | None, active: bool | None) -> Select[Any]:
        stmt = self.scoped()
        if role is not None:
            stmt = stmt.where(User.role == role)
        if active is not None:
            stmt = stmt.where(User.is_active.is_(active))
        return stmt.order_by(User.created_at, User.id)

    async def people_of(self, user_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
        rows = await self.session.execute(
            select(Person.user_id, Person.id).where(Person.user_id.in_(user_ids))
        )
        return {user_id: person_id for user_id, person_id in rows if user_id is not None}

    async def locations_of(self, user_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
        rows = await self.session.execute(
            select(location_coordinators.c.user_id, location_coordinators.c.location_id).where(
                location_coordinators.c.user_id.in_(user_ids)
            )
        )
        found: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        for user_id, location_id in rows:
            found[user_id].append(location_id)
        return found

    async def set_locations(self, user_id: uuid.UUID, location_ids: list[uuid.UUID]) -> None:
        await self.session.execute(
            delete(location_coordinators).where(location_coordinators.c.user_id == user_id)
        )
        if location_ids:
            await self.session.execute(
                insert(location_coordinators),
                [{"location_id": loc, "user_id": user_id} for loc in location_ids],
            )

    async def own_location_ids(self, ids: list[uuid.UUID]) -> set[uuid.UUID]:
        rows = await self.session.scalars(
            select(Location.id).where(
                Location.id.in_(ids), Location.organisation_id == self.organisation_id
            )
        )
        return set(rows.all())

    async def person(self, person_id: uuid.UUID) -> Person | None:
        found: Person | None = await self.session.scalar(
            select(Person).where(
                Person.id == person_id, Person.organisation_id == self.organisation_id
            )
        )
        return found

    async def other_active_admins(self, user_id: uuid.UUID) -> int:
        count = await self.session.scalar(
            select(func.count())
            .select_from(User)
            .where(
                User.organisation_id == self.organisation_id,
                User.role == Role.admin,
                User.is_active.is_(True),
                User.id != user_id,
            )
        )
        return int(count or 0)
