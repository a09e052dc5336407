from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from shiftwise.auth.dependencies import AdminSubject, CurrentSubject, PlannerSubject
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep
from shiftwise.kit.pagination import PageDep
from shiftwise.kit.schemas import Page
from shiftwise.people import own_contact, schemas, service


def no_store(response: Response) -> None:
    """Responses may carry contact details: no cache may keep them."""
    response.headers["Cache-Control"] = "no-store"


router = APIRouter(tags=["people"], dependencies=[Depends(no_store)])


@router.get(
    "/people", response_model=Page[schemas.Person], responses=error_responses(401, 409, 422)
)
async def list_people(
    subject: CurrentSubject,
    session: SessionDep,
    page: PageDep,
    location_id: Annotated[uuid.UUID | None, Query(description="Home location")] = None,
    skill_id: uuid.UUID | None = None,
    active: bool | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of the name")] = None,
) -> Page[schemas.Person]:
    """List people by name; contact details only where the caller may see them."""
    return await service.list_people(
        session, subject, page, location_id=location_id, skill_id=skill_id, active=active, q=q
    )


@router.post(
    "/people",
    response_model=schemas.Person,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 409, 422),
)
async def create_person(
    body: schemas.PersonCreate, subject: AdminSubject, session: SessionDep
) -> schemas.Person:
    """Add a person with their contact details, employment terms and skills."""
    return await service.create(session, subject, body)


@router.post(
    "/people/lookup",
    response_model=schemas.Person,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def lookup_person(
    body: schemas.EmailLookup, subject: PlannerSubject, session: SessionDep
) -> schemas.Person:
    """Find the person with exactly this email (POST keeps emails out of URLs)."""
    return await service.lookup(session, subject, body.email)


@router.get(
    "/people/{person_id}",
    response_model=schemas.Person,
    responses=error_responses(401, 404, 409, 422),
)
async def get_person(
    person_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.Person:
    """One person; contact details only where the caller may see them."""
    return await service.get(session, subject, person_id)


@router.patch(
    "/people/{person_id}",
    response_model=schemas.Person,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def update_person(
    person_id: uuid.UUID, body: schemas.PersonUpdate, subject: AdminSubject, session: SessionDep
) -> schemas.Person:
    """Change a person's profile; is_active=false deactivates them and their login."""
    return await service.update(session, subject, person_id, body)


@router.put(
    "/people/{person_id}/skills",
    response_model=schemas.Person,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def set_person_skills(
    person_id: uuid.UUID,
    body: list[schemas.SkillHolding],
    subject: CurrentSubject,
    session: SessionDep,
) -> schemas.Person:
    """Replace the skills a person holds, each with an optional expiry date."""
    return await service.set_skills(session, subject, person_id, body)


# GET/PATCH /me/contact: a person's own notification contact details.
router.include_router(own_contact.router)
