from __future__ import annotations

from fastapi import APIRouter

from shiftwise.auth.dependencies import AdminSubject, CurrentSubject
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep
from shiftwise.organisation import schemas, service

router = APIRouter(tags=["organisation"])


@router.get("/organisation", response_model=schemas.Organisation, responses=error_responses(401))
async def get_organisation(subject: CurrentSubject, session: SessionDep) -> schemas.Organisation:
    """The caller's organisation and its settings."""
    return await service.read(session, subject)


@router.patch(
    "/organisation",
    response_model=schemas.Organisation,
    responses=error_responses(401, 403, 422),
)
async def update_organisation(
    body: schemas.OrganisationUpdate, subject: AdminSubject, session: SessionDep
) -> schemas.Organisation:
    """Change the organisation's name, default time zone, week start or settings."""
    return await service.update(session, subject, body)
