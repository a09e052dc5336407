from __future__ import annotations

import uuid

from sqlalchemy import delete, func, select

from shiftwise.kit.repository import Repository
from shiftwise.models import PersonSkill, Shift, Skill


class SkillRepository(Repository[Skill]):
    model = Skill
    noun = "skill"

    async def all(self) -> list[Skill]:
        return list((await self.session.scalars(self.scoped().order_by(Skill.name))).all())

    async def named(self, name: str) -> Skill | None:
        """The skill with this name, ignoring case."""
        found: Skill | None = await self.session.scalar(
            self.scoped().where(func.lower(Skill.name) == name.lower())
        )
        return found

    async def required_by_shifts(self, skill_id: uuid.UUID) -> int:
        count = await self.session.scalar(
            select(func.count()).select_from(Shift).where(Shift.skill_id == skill_id)
        )
        return int(count or 0)

    async def holders(self, skill_id: uuid.UUID) -> list[uuid.UUID]:
        rows = await self.session.scalars(
            select(PersonSkill.person_id).where(PersonSkill.skill_id == skill_id)
        )
        return list(rows.all())

    async def remove(self, skill: Skill) -> None:
        await self.session.execute(delete(PersonSkill).where(PersonSkill.skill_id == skill.id))
        await self.session.delete(skill)
        await self.session.flush()
