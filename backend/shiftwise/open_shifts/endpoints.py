from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import AwareDatetime

from shiftwise.assignments import schemas as assignment_schemas
from shiftwise.auth.dependencies import CurrentSubject
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep
from shiftwise.kit.idempotency import IdempotencyDep
from shiftwise.kit.pagination import PageDep
from shiftwise.open_shifts import schemas, service

router = APIRouter(tags=["open-shifts"])


@router.get(
    "/open-shifts",
    response_model=schemas.OpenShiftPage,
    responses=error_responses(401, 403, 422),
)
async def list_open_shifts(
    subject: CurrentSubject,
    session: SessionDep,
    page: PageDep,
    location_id: uuid.UUID | None = None,
    start: Annotated[
        AwareDatetime | None, Query(description="Shifts starting from (default now)")
    ] = None,
    end: Annotated[
        AwareDatetime | None,
        Query(
            description=f"Shifts starting before (default start + {schemas.DEFAULT_DAYS} days; "
            f"at most {schemas.MAX_DAYS} days after start)"
        ),
    ] = None,
) -> schemas.OpenShiftPage:
    """Open seats of future published shifts: staff see those they qualify for, with a verdict."""
    return await service.list_open(
        session, subject, location_id=location_id, start=start, end=end, page=page
    )


@router.post(
    "/open-shifts/{shift_id}/claim",
    response_model=assignment_schemas.AssignmentCreated,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def claim_open_shift(
    shift_id: uuid.UUID,
    subject: CurrentSubject,
    session: SessionDep,
    idempotency: IdempotencyDep,
) -> assignment_schemas.AssignmentCreated:
    """Claim an open seat for yourself; every rule applies (409 naming the rule if refused)."""
    created = await service.claim(session, subject, shift_id)
    idempotency.remember(created)
    return created
