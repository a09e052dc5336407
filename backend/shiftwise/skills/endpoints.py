from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from shiftwise.auth.dependencies import AdminSubject, CurrentSubject
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep
from shiftwise.skills import schemas, service
from shiftwise.skills.repository import SkillRepository

router = APIRouter(tags=["skills"])


@router.get("/skills", response_model=list[schemas.Skill], responses=error_responses(401))
async def list_skills(subject: CurrentSubject, session: SessionDep) -> list[schemas.Skill]:
    """List the organisation's skills by name."""
    repo = SkillRepository(session, subject.organisation_id)
    return [schemas.Skill.model_validate(s) for s in await repo.all()]


@router.post(
    "/skills",
    response_model=schemas.Skill,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 409, 422),
)
async def create_skill(
    body: schemas.SkillCreate, subject: AdminSubject, session: SessionDep
) -> schemas.Skill:
    """Create a skill; names are unique within the organisation."""
    return await service.create(session, subject, body)


@router.get(
    "/skills/{skill_id}", response_model=schemas.Skill, responses=error_responses(401, 404, 422)
)
async def get_skill(
    skill_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.Skill:
    """One skill."""
    repo = SkillRepository(session, subject.organisation_id)
    return schemas.Skill.model_validate(await repo.get_or_404(skill_id))


@router.patch(
    "/skills/{skill_id}",
    response_model=schemas.Skill,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def update_skill(
    skill_id: uuid.UUID, body: schemas.SkillUpdate, subject: AdminSubject, session: SessionDep
) -> schemas.Skill:
    """Rename a skill or change its description."""
    return await service.update(session, subject, skill_id, body)


@router.delete(
    "/skills/{skill_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def delete_skill(skill_id: uuid.UUID, subject: AdminSubject, session: SessionDep) -> None:
    """Delete a skill no shift requires; people holding it lose it."""
    await service.delete(session, subject, skill_id)
