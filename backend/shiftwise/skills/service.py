from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.errors import Conflict
from shiftwise.models import Skill
from shiftwise.skills import schemas
from shiftwise.skills.repository import SkillRepository


async def _name_free(repo: SkillRepository, name: str, except_id: uuid.UUID | None) -> None:
    existing = await repo.named(name)
    if existing is not None and existing.id != except_id:
        raise Conflict(f"A skill named '{name}' already exists.", code="duplicate_name")


async def create(
    session: AsyncSession, subject: Subject, data: schemas.SkillCreate
) -> schemas.Skill:
    repo = SkillRepository(session, subject.organisation_id)
    await _name_free(repo, data.name, None)
    skill = repo.add(Skill(id=uuid.uuid4(), name=data.name, description=data.description))
    await session.flush()
    await audit.record(session, subject, "skill.created", skill)
    return schemas.Skill.model_validate(skill)


async def update(
    session: AsyncSession, subject: Subject, skill_id: uuid.UUID, data: schemas.SkillUpdate
) -> schemas.Skill:
    repo = SkillRepository(session, subject.organisation_id)
    skill = await repo.get_or_404(skill_id)
    before = audit.snapshot(skill)
    changes = data.model_dump(exclude_unset=True)
    if "name" in changes:
        await _name_free(repo, changes["name"], skill.id)
        skill.name = changes["name"]
    if "description" in changes:
        skill.description = changes["description"]
    await session.flush()
    await audit.record(session, subject, "skill.updated", skill, before=before)
    return schemas.Skill.model_validate(skill)


async def delete(session: AsyncSession, subject: Subject, skill_id: uuid.UUID) -> None:
    repo = SkillRepository(session, subject.organisation_id)
    skill = await repo.get_or_404(skill_id)
    shifts = await repo.required_by_shifts(skill.id)
    if shifts:
        raise Conflict(
            f"The skill '{skill.name}' is still required by {shifts} shift(s); "
            "change those shifts first.",
            code="skill_in_use",
        )
    before = audit.snapshot(skill) | {
        "holder_person_ids": sorted(str(p) for p in await repo.holders(skill.id))
    }
    await audit.record(session, subject, "skill.deleted", skill, before=before, after=None)
    await repo.remove(skill)
