from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from shiftwise.auth.dependencies import CurrentSubject
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep
from shiftwise.kit.pagination import PageDep
from shiftwise.schedule_runs import schemas, service

router = APIRouter(tags=["schedule-runs"])


@router.post(
    "/schedule-runs",
    response_model=schemas.ScheduleRun,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(401, 403, 404, 422),
)
async def create_schedule_run(
    body: schemas.ScheduleRunCreate, subject: CurrentSubject, session: SessionDep
) -> schemas.ScheduleRun:
    """Start an auto-scheduler run for locations and a period (runs as a background job)."""
    return await service.create(session, subject, body)


@router.get(
    "/schedule-runs",
    response_model=schemas.ScheduleRunPage,
    responses=error_responses(401, 403, 404, 422),
)
async def list_schedule_runs(
    subject: CurrentSubject,
    session: SessionDep,
    page: PageDep,
    location_id: uuid.UUID | None = None,
) -> schemas.ScheduleRunPage:
    """List schedule runs, newest first, optionally of one location."""
    return await service.list_runs(session, subject, location_id, page)


@router.get(
    "/schedule-runs/{run_id}",
    response_model=schemas.ScheduleRun,
    responses=error_responses(401, 403, 404, 422),
)
async def get_schedule_run(
    run_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.ScheduleRun:
    """One schedule run: its state, progress and, when done, its proposal."""
    return await service.get(session, subject, run_id)


@router.post(
    "/schedule-runs/{run_id}/cancel",
    response_model=schemas.ScheduleRun,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def cancel_schedule_run(
    run_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.ScheduleRun:
    """Cancel a queued or running schedule run; nothing it found is kept."""
    return await service.cancel(session, subject, run_id)


@router.post(
    "/schedule-runs/{run_id}/accept",
    response_model=schemas.AcceptResult,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def accept_schedule_run(
    run_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.AcceptResult:
    """Apply a run's proposal in one transaction, or nothing if it went stale (409)."""
    return await service.accept(session, subject, run_id)


@router.post(
    "/schedule-runs/{run_id}/discard",
    response_model=schemas.ScheduleRun,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def discard_schedule_run(
    run_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.ScheduleRun:
    """Discard a run's proposal; only the audit entry remains."""
    return await service.discard(session, subject, run_id)
