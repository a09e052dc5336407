from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, status

from shiftwise.auth.dependencies import CurrentSubject
from shiftwise.availability import schemas, service
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep
from shiftwise.kit.idempotency import IdempotencyDep

router = APIRouter(tags=["availability"])


@router.get(
    "/availability",
    response_model=schemas.Availability,
    responses=error_responses(401, 403, 404, 422),
)
async def get_availability(
    subject: CurrentSubject,
    session: SessionDep,
    person_id: Annotated[uuid.UUID | None, Query(description="Default: yourself")] = None,
    start_date: Annotated[date | None, Query(description="Default: today")] = None,
    end_date: Annotated[
        date | None, Query(description="Inclusive; default 4 weeks; at most 366 days")
    ] = None,
) -> schemas.Availability:
    """A person's weekly availability pattern and their exceptions in a date range."""
    return await service.read(session, subject, person_id, start_date, end_date)


@router.put(
    "/availability/{person_id}/pattern",
    response_model=schemas.Pattern,
    responses=error_responses(401, 403, 404, 422),
)
async def replace_pattern(
    person_id: uuid.UUID, body: schemas.PatternReplace, subject: CurrentSubject, session: SessionDep
) -> schemas.Pattern:
    """Replace a person's whole weekly availability pattern."""
    return await service.replace_pattern(session, subject, person_id, body)


@router.post(
    "/availability/{person_id}/exceptions",
    response_model=schemas.AvailabilityExceptionRead,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def create_exception(
    person_id: uuid.UUID,
    body: schemas.ExceptionCreate,
    subject: CurrentSubject,
    session: SessionDep,
    idempotency: IdempotencyDep,
) -> schemas.AvailabilityExceptionRead:
    """Add a dated exception that replaces the weekly pattern on its date."""
    created = await service.add_exception(session, subject, person_id, body)
    idempotency.remember(created)
    return created


@router.delete(
    "/availability/{person_id}/exceptions/{exception_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404, 422),
)
async def delete_exception(
    person_id: uuid.UUID, exception_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> None:
    """Remove a dated availability exception."""
    await service.delete_exception(session, subject, person_id, exception_id)
