from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import AwareDatetime

from shiftwise.auth.dependencies import CurrentSubject
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep
from shiftwise.kit.idempotency import IdempotencyDep
from shiftwise.kit.pagination import PageDep
from shiftwise.models import ShiftState
from shiftwise.shifts import schemas, service
from shiftwise.shifts.repository import ShiftFilters

router = APIRouter(tags=["shifts"])


@router.post(
    "/shifts",
    response_model=schemas.Shift,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 409, 422),
)
async def create_shift(
    body: schemas.ShiftCreate,
    subject: CurrentSubject,
    session: SessionDep,
    idempotency: IdempotencyDep,
) -> schemas.Shift:
    """Create a draft shift at a location you coordinate."""
    created = await service.create(session, subject, body)
    idempotency.remember(created)
    return created


@router.get("/shifts", response_model=schemas.ShiftPage, responses=error_responses(401, 403, 422))
async def list_shifts(
    subject: CurrentSubject,
    session: SessionDep,
    page: PageDep,
    location_id: uuid.UUID | None = None,
    start: Annotated[AwareDatetime | None, Query(description="Shifts ending after")] = None,
    end: Annotated[AwareDatetime | None, Query(description="Shifts starting before")] = None,
    state: ShiftState | None = None,
) -> schemas.ShiftPage:
    """List the shifts you may see, overlapping a period, with their assignments."""
    filters = ShiftFilters(location_id=location_id, start=start, end=end, state=state)
    return await service.list_shifts(session, subject, filters, page)


@router.get(
    "/shifts/{shift_id}", response_model=schemas.Shift, responses=error_responses(401, 403, 404)
)
async def get_shift(
    shift_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.Shift:
    """One shift with its live assignments."""
    return await service.get(session, subject, shift_id)


@router.patch(
    "/shifts/{shift_id}",
    response_model=schemas.ShiftUpdated,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def update_shift(
    shift_id: uuid.UUID, body: schemas.ShiftUpdate, subject: CurrentSubject, session: SessionDep
) -> schemas.ShiftUpdated:
    """Change a shift; its people move with it and are re-checked against the rules."""
    return await service.update(session, subject, shift_id, body)


@router.post(
    "/shifts/{shift_id}/publish",
    response_model=schemas.Shift,
    responses=error_responses(401, 403, 404, 409),
)
async def publish_shift(
    shift_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.Shift:
    """Publish a draft shift so staff can see it."""
    return await service.publish(session, subject, shift_id)


@router.post(
    "/shifts/{shift_id}/cancel",
    response_model=schemas.Shift,
    responses=error_responses(401, 403, 404, 409),
)
async def cancel_shift(
    shift_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.Shift:
    """Cancel a shift and every live assignment on it."""
    return await service.cancel(session, subject, shift_id)
