from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import AwareDatetime

from shiftwise.assignments import schemas, service
from shiftwise.assignments.repository import AssignmentFilters
from shiftwise.auth.dependencies import CurrentSubject
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep
from shiftwise.kit.idempotency import IdempotencyDep
from shiftwise.kit.pagination import PageDep
from shiftwise.models import AssignmentState

router = APIRouter(tags=["assignments"])


@router.post(
    "/shifts/{shift_id}/assignments",
    response_model=schemas.AssignmentCreated,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def create_assignment(
    shift_id: uuid.UUID,
    body: schemas.AssignmentCreate,
    subject: CurrentSubject,
    session: SessionDep,
    idempotency: IdempotencyDep,
) -> schemas.AssignmentCreated:
    """Assign a person to a shift, checked against every rule."""
    created = await service.create(session, subject, shift_id, body)
    idempotency.remember(created)
    return created


@router.post(
    "/assignments/check",
    response_model=schemas.AssignmentCheckResult,
    responses=error_responses(401, 403, 404, 422),
)
async def check_assignment(
    body: schemas.AssignmentCheck, subject: CurrentSubject, session: SessionDep
) -> schemas.AssignmentCheckResult:
    """Dry-run an assignment: the violations and whether it would succeed, changing nothing."""
    return await service.check(session, subject, body)


@router.get(
    "/shifts/{shift_id}/assignments",
    response_model=schemas.AssignmentPage,
    responses=error_responses(401, 403, 404),
)
async def list_shift_assignments(
    shift_id: uuid.UUID, subject: CurrentSubject, session: SessionDep, page: PageDep
) -> schemas.AssignmentPage:
    """List a shift's assignments, live and cancelled."""
    return await service.list_for_shift(session, subject, shift_id, page)


@router.get(
    "/assignments",
    response_model=schemas.AssignmentPage,
    responses=error_responses(401, 403, 422),
)
async def list_assignments(
    subject: CurrentSubject,
    session: SessionDep,
    page: PageDep,
    person_id: uuid.UUID | None = None,
    location_id: uuid.UUID | None = None,
    start: Annotated[AwareDatetime | None, Query(description="Assignments ending after")] = None,
    end: Annotated[AwareDatetime | None, Query(description="Assignments starting before")] = None,
    state: AssignmentState | None = None,
) -> schemas.AssignmentPage:
    """List the assignments you may see (staff: their own), overlapping a period."""
    filters = AssignmentFilters(
        person_id=person_id, location_id=location_id, start=start, end=end, state=state
    )
    return await service.list_assignments(session, subject, filters, page)


@router.get(
    "/assignments/{assignment_id}",
    response_model=schemas.Assignment,
    responses=error_responses(401, 403, 404),
)
async def get_assignment(
    assignment_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.Assignment:
    """One assignment."""
    return await service.get(session, subject, assignment_id)


@router.post(
    "/assignments/{assignment_id}/cancel",
    response_model=schemas.Assignment,
    responses=error_responses(401, 403, 404, 409),
)
async def cancel_assignment(
    assignment_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.Assignment:
    """Cancel an assignment, freeing its seat and the person's time."""
    return await service.cancel(session, subject, assignment_id)
