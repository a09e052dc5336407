from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Select, delete, func, insert, select

from shiftwise.kit.repository import Repository
from shiftwise.models import Location, Person, PersonSkill, Skill, User


class PersonRepository(Repository[Person]):
    model = Person
    noun = "person"

    def search(
        self,
        *,
        location_id: uuid.UUID | None,
        skill_id: uuid.UUID | None,
        active: bool | None,
        q: str | None,
    ) -> Select[Any]:
        stmt = self.scoped()
        if location_id is not None:
            stmt = stmt.where(Person.home_location_id == location_id)
        if skill_id is not None:
            stmt = stmt.where(
                select(PersonSkill.person_id)
                .where(PersonSkill.person_id == Person.id, PersonSkill.skill_id == skill_id)
                .exists()
            )
        if active is not None:
            stmt = stmt.where(Person.is_active.is_(active))
        if q:
            stmt = stmt.where(func.lower(Person.display_name).contains(q.lower(), autoescape=True))
        return stmt.order_by(func.lower(Person.display_name), Person.id)

    async def with_email_hash(self, email_hash: str) -> Person | None:
        found: Person | None = await self.session.scalar(
            self.scoped().where(Person.email_hash == email_hash)
        )
        return found

    async def holdings(
        self, person_ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, list[tuple[uuid.UUID, str, date | None]]]:
        """Skills held per person: (skill id, name, expiry), by skill name."""
        found: dict[uuid.UUID, list[tuple[uuid.UUID, str, date | None]]] = defaultdict(list)
        if not person_ids:
            return found
        rows = await self.session.execute(
            select(PersonSkill.person_id, Skill.id, Skill.name, PersonSkill.expires_date)
            .join(Skill, Skill.id == PersonSkill.skill_id)
            .where(PersonSkill.person_id.in_(person_ids))
            .order_by(Skill.name)
        )
        for person_id, skill_id, name, expires in rows:
            found[person_id].append((skill_id, name, expires))
        return found

    async def replace_holdings(
        self, person_id: uuid.UUID, holdings: list[tuple[uuid.UUID, date | None]]
    ) -> None:
        await self.session.execute(delete(PersonSkill).where(PersonSkill.person_id == person_id))
        if holdings:
            await self.session.execute(
                insert(PersonSkill),
                [{"person_id": person_id, "skill_id": s, "expires_date": e} for s, e in holdings],
            )

    async def own_location_ids(self, ids: list[uuid.UUID]) -> set[uuid.UUID]:
        rows = await self.session.scalars(
            select(Location.id).where(
                Location.id.in_(ids), Location.organisation_id == self.organisation_id
            )
        )
        return set(rows.all())

    async def own_skill_ids(self, ids: list[uuid.UUID]) -> set[uuid.UUID]:
        rows = await self.session.scalars(
            select(Skill.id).where(Skill.id.in_(ids), Skill.organisation_id == self.organisation_id)
        )
        return set(rows.all())

    async def linked_user(self, person: Person) -> User | None:
        if person.user_id is None:
            return None
        return await self.session.get(User, person.user_id)
