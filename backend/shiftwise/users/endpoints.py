from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, status

from shiftwise.auth.dependencies import AdminSubject
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep
from shiftwise.kit.pagination import PageDep
from shiftwise.kit.schemas import Page
from shiftwise.models import Role
from shiftwise.people.endpoints import no_store
from shiftwise.users import schemas, service

router = APIRouter(tags=["users"], dependencies=[Depends(no_store)])


@router.get(
    "/users", response_model=Page[schemas.User], responses=error_responses(401, 403, 409, 422)
)
async def list_users(
    subject: AdminSubject,
    session: SessionDep,
    page: PageDep,
    role: Role | None = None,
    active: bool | None = None,
) -> Page[schemas.User]:
    """List the organisation's login identities (never their password hashes)."""
    return await service.list_users(session, subject, page, role=role, active=active)


@router.post(
    "/users",
    response_model=schemas.User,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 409, 422),
)
async def create_user(
    body: schemas.UserCreate, subject: AdminSubject, session: SessionDep
) -> schemas.User:
    """Create a login, optionally linked to a person and, for coordinators, locations."""
    return await service.create(session, subject, body)


@router.get(
    "/users/{user_id}",
    response_model=schemas.User,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def get_user(user_id: uuid.UUID, subject: AdminSubject, session: SessionDep) -> schemas.User:
    """One login identity."""
    return await service.get(session, subject, user_id)


@router.patch(
    "/users/{user_id}",
    response_model=schemas.User,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def update_user(
    user_id: uuid.UUID, body: schemas.UserUpdate, subject: AdminSubject, session: SessionDep
) -> schemas.User:
    """Change a user's role, coordinated locations or active flag (false ends sessions)."""
    return await service.update(session, subject, user_id, body)
