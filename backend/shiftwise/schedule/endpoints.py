from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Response

from shiftwise.auth.dependencies import PlannerSubject
from shiftwise.db import Database
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep, get_database
from shiftwise.schedule import candidates, grid, publishing, schemas

router = APIRouter(tags=["schedule"])


@router.get(
    "/schedule",
    response_model=schemas.ScheduleGrid,
    responses=error_responses(401, 403, 404, 422),
)
async def get_schedule(
    subject: PlannerSubject,
    session: SessionDep,
    database: Annotated[Database, Depends(get_database)],
    location_id: uuid.UUID,
    start_date: Annotated[date, Query(description="First local date of the period")],
    days: Annotated[int, Query(ge=1, le=schemas.MAX_DAYS)] = 7,
    if_none_match: Annotated[str | None, Header(include_in_schema=False)] = None,
    accept_encoding: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    """A location's period: shifts, assignments, open seats, people's hours and violations."""
    return await grid.grid_response(
        session,
        database,
        subject,
        location_id,
        start_date,
        days,
        if_none_match=if_none_match,
        accept_encoding=accept_encoding,
    )


@router.get(
    "/shifts/{shift_id}/candidates",
    response_model=schemas.CandidateList,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def list_candidates(
    shift_id: uuid.UUID,
    subject: PlannerSubject,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> schemas.CandidateList:
    """Qualified people for a seat on the shift, best first, with the reasons."""
    return await candidates.candidates(session, subject, shift_id, limit)


@router.post(
    "/schedule/publish",
    response_model=schemas.PublishSummary,
    responses=error_responses(401, 403, 404, 422),
)
async def publish_schedule(
    body: schemas.PublishRequest,
    subject: PlannerSubject,
    session: SessionDep,
    dry_run: Annotated[bool, Query(description="Say who would be told; change nothing")] = False,
) -> schemas.PublishSummary:
    """Publish a location's draft shifts in a local period and tell each person assigned."""
    return await publishing.publish(session, subject, body, dry_run=dry_run)
