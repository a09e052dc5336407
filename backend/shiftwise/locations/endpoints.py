from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from shiftwise.auth.dependencies import AdminSubject, CurrentSubject
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep
from shiftwise.kit.idempotency import IdempotencyDep
from shiftwise.locations import schemas, service
from shiftwise.locations.repository import LocationRepository

router = APIRouter(tags=["locations"])


@router.get("/locations", response_model=list[schemas.Location], responses=error_responses(401))
async def list_locations(
    subject: CurrentSubject, session: SessionDep, include_archived: bool = False
) -> list[schemas.Location]:
    """List the organisation's locations."""
    repo = LocationRepository(session, subject.organisation_id)
    return await service.to_read(repo, await repo.all(include_archived=include_archived))


@router.post(
    "/locations",
    response_model=schemas.Location,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 409, 422),
)
async def create_location(
    body: schemas.LocationCreate,
    subject: AdminSubject,
    session: SessionDep,
    idempotency: IdempotencyDep,
) -> schemas.Location:
    """Create a location with its time zone and coordinators."""
    created = await service.create(session, subject, body)
    idempotency.remember(created)
    return created


@router.get(
    "/locations/{location_id}",
    response_model=schemas.Location,
    responses=error_responses(401, 404),
)
async def get_location(
    location_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.Location:
    """One location."""
    repo = LocationRepository(session, subject.organisation_id)
    return (await service.to_read(repo, [await repo.get_or_404(location_id)]))[0]


@router.patch(
    "/locations/{location_id}",
    response_model=schemas.Location,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def update_location(
    location_id: uuid.UUID, body: schemas.LocationUpdate, subject: AdminSubject, session: SessionDep
) -> schemas.Location:
    """Change a location's name, address, time zone, coordinators or archive it."""
    return await service.update(session, subject, location_id, body)
