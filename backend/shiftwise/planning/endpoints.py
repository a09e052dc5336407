"""Fixed /shifts/... paths; this router is mounted before the shifts router."""

from __future__ import annotations

from fastapi import APIRouter, status

from shiftwise.auth.dependencies import PlannerSubject
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep
from shiftwise.kit.idempotency import IdempotencyDep
from shiftwise.planning import schemas, service

router = APIRouter(tags=["planning"])


@router.post(
    "/shifts/bulk",
    response_model=schemas.BulkCreated,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 422),
)
async def bulk_create_shifts(
    body: schemas.BulkCreate,
    subject: PlannerSubject,
    session: SessionDep,
    idempotency: IdempotencyDep,
) -> schemas.BulkCreated:
    """Create up to 500 draft shifts at once: all of them, or none with every row's errors."""
    created = await service.bulk_create(session, subject, body)
    idempotency.remember(created)
    return created


@router.post(
    "/shifts/copy",
    response_model=schemas.CopyResult,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 404, 422),
)
async def copy_shifts(
    body: schemas.CopyRequest,
    subject: PlannerSubject,
    session: SessionDep,
    idempotency: IdempotencyDep,
) -> schemas.CopyResult:
    """Copy a period's shifts to another period as drafts, at the same local wall times."""
    result = await service.copy_period(session, subject, body)
    idempotency.remember(result)
    return result


@router.post(
    "/shifts/cancel-period",
    response_model=schemas.CancelResult,
    responses=error_responses(401, 403, 404, 422),
)
async def cancel_shifts_in_period(
    body: schemas.CancelPeriod, subject: PlannerSubject, session: SessionDep
) -> schemas.CancelResult:
    """Cancel a location's shifts starting in a period and tell the people on them."""
    return await service.cancel_period(session, subject, body)
