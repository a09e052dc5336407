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
from shiftwise.models import TimeOffState
from shiftwise.time_off import schemas, service
from shiftwise.time_off.repository import TimeOffFilters

router = APIRouter(tags=["time-off"])


@router.post(
    "/time-off-requests",
    response_model=schemas.TimeOffRequest,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 409, 422),
)
async def create_time_off_request(
    body: schemas.TimeOffCreate,
    subject: CurrentSubject,
    session: SessionDep,
    idempotency: IdempotencyDep,
) -> schemas.TimeOffRequest:
    """Ask for time off, for yourself or (coordinators, admins) for a person you manage."""
    created = await service.create(session, subject, body)
    idempotency.remember(created)
    return created


@router.get(
    "/time-off-requests",
    response_model=schemas.TimeOffRequestPage,
    responses=error_responses(401, 403, 422),
)
async def list_time_off_requests(
    subject: CurrentSubject,
    session: SessionDep,
    page: PageDep,
    person_id: uuid.UUID | None = None,
    location_id: Annotated[
        uuid.UUID | None, Query(description="The people whose home location this is")
    ] = None,
    state: TimeOffState | None = None,
    start: Annotated[AwareDatetime | None, Query(description="Requests ending after")] = None,
    end: Annotated[AwareDatetime | None, Query(description="Requests starting before")] = None,
) -> schemas.TimeOffRequestPage:
    """List the time-off requests you may see (staff: their own), by start."""
    filters = TimeOffFilters(
        person_id=person_id, location_id=location_id, state=state, start=start, end=end
    )
    return await service.list_requests(session, subject, filters, page)


@router.get(
    "/time-off-requests/{request_id}",
    response_model=schemas.TimeOffRequest,
    responses=error_responses(401, 403, 404, 422),
)
async def get_time_off_request(
    request_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.TimeOffRequest:
    """One time-off request."""
    return await service.get(session, subject, request_id)


@router.get(
    "/time-off-requests/{request_id}/impact",
    response_model=schemas.Impact,
    responses=error_responses(401, 403, 404, 422),
)
async def get_time_off_impact(
    request_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.Impact:
    """The person's assignments in the period, which approval would release."""
    return await service.impact(session, subject, request_id)


@router.post(
    "/time-off-requests/{request_id}/approve",
    response_model=schemas.Approved,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def approve_time_off_request(
    request_id: uuid.UUID, body: schemas.ApproveBody, subject: CurrentSubject, session: SessionDep
) -> schemas.Approved:
    """Approve a pending request, releasing the overlapping assignments if confirmed."""
    return await service.approve(session, subject, request_id, body)


@router.post(
    "/time-off-requests/{request_id}/deny",
    response_model=schemas.TimeOffRequest,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def deny_time_off_request(
    request_id: uuid.UUID, body: schemas.DenyBody, subject: CurrentSubject, session: SessionDep
) -> schemas.TimeOffRequest:
    """Deny a pending request."""
    return await service.deny(session, subject, request_id, body)


@router.post(
    "/time-off-requests/{request_id}/cancel",
    response_model=schemas.TimeOffRequest,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def cancel_time_off_request(
    request_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.TimeOffRequest:
    """Withdraw a pending request, or approved time off that has not begun."""
    return await service.cancel(session, subject, request_id)
