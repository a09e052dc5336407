from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from shiftwise.auth.dependencies import CurrentSubject
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep
from shiftwise.kit.idempotency import IdempotencyDep
from shiftwise.kit.pagination import PageDep
from shiftwise.models import ShiftRequestKind, ShiftRequestState
from shiftwise.swaps import decisions, schemas, service
from shiftwise.swaps.repository import RequestFilters

router = APIRouter(tags=["swaps"])


@router.post(
    "/shift-requests",
    response_model=schemas.ShiftRequest,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 409, 422),
)
async def create_shift_request(
    body: schemas.ShiftRequestCreate,
    subject: CurrentSubject,
    session: SessionDep,
    idempotency: IdempotencyDep,
) -> schemas.ShiftRequest:
    """Ask to swap your shift with a colleague's, offer it to a colleague, or drop it."""
    created = await service.create(session, subject, body)
    idempotency.remember(created)
    return created


@router.get(
    "/shift-requests",
    response_model=schemas.ShiftRequestPage,
    responses=error_responses(401, 403, 422),
)
async def list_shift_requests(
    subject: CurrentSubject,
    session: SessionDep,
    page: PageDep,
    state: ShiftRequestState | None = None,
    kind: ShiftRequestKind | None = None,
    location_id: Annotated[
        uuid.UUID | None, Query(description="Requests moving a shift at this location")
    ] = None,
) -> schemas.ShiftRequestPage:
    """List the requests you may see (staff: yours, those naming you, open drops), newest first."""
    filters = RequestFilters(state=state, kind=kind, location_id=location_id)
    return await service.list_requests(session, subject, filters, page)


@router.get(
    "/shift-requests/{request_id}",
    response_model=schemas.ShiftRequest,
    responses=error_responses(401, 403, 404),
)
async def get_shift_request(
    request_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.ShiftRequest:
    """One swap, offer or drop request."""
    return await service.get(session, subject, request_id)


@router.post(
    "/shift-requests/{request_id}/accept",
    response_model=schemas.ShiftRequestOutcome,
    responses=error_responses(401, 403, 404, 409),
)
async def accept_shift_request(
    request_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.ShiftRequestOutcome:
    """Accept as the named colleague (or take a drop); the rules are checked for both sides."""
    try:
        return await decisions.accept(session, subject, request_id)
    except decisions.RequestVoided:
        await session.commit()  # the request's cancellation outlives the refusal
        raise


@router.post(
    "/shift-requests/{request_id}/approve",
    response_model=schemas.ShiftRequestOutcome,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def approve_shift_request(
    request_id: uuid.UUID,
    subject: CurrentSubject,
    session: SessionDep,
    body: schemas.DecisionBody | None = None,
) -> schemas.ShiftRequestOutcome:
    """Approve an accepted request: re-checks the rules, then moves the shifts at once."""
    try:
        return await decisions.approve(session, subject, request_id, body or schemas.DecisionBody())
    except decisions.RequestVoided:
        await session.commit()  # the request's cancellation outlives the refusal
        raise


@router.post(
    "/shift-requests/{request_id}/deny",
    response_model=schemas.ShiftRequest,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def deny_shift_request(
    request_id: uuid.UUID,
    subject: CurrentSubject,
    session: SessionDep,
    body: schemas.DecisionBody | None = None,
) -> schemas.ShiftRequest:
    """Deny a pending or accepted request, with an optional note for the people in it."""
    return await service.deny(session, subject, request_id, body or schemas.DecisionBody())


@router.post(
    "/shift-requests/{request_id}/cancel",
    response_model=schemas.ShiftRequest,
    responses=error_responses(401, 403, 404, 409),
)
async def cancel_shift_request(
    request_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.ShiftRequest:
    """Withdraw your own request while it is pending or accepted."""
    return await service.cancel(session, subject, request_id)
