from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from shiftwise.auth.dependencies import PlannerSubject
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep
from shiftwise.kit.idempotency import IdempotencyDep
from shiftwise.kit.pagination import PageDep
from shiftwise.templates import schemas, service

router = APIRouter(tags=["templates"])


@router.get(
    "/shift-templates",
    response_model=schemas.TemplatePage,
    responses=error_responses(401, 403, 404, 422),
)
async def list_shift_templates(
    subject: PlannerSubject,
    session: SessionDep,
    page: PageDep,
    location_id: uuid.UUID | None = None,
    include_archived: bool = False,
) -> schemas.TemplatePage:
    """List the shift templates of the locations you coordinate, by name."""
    return await service.list_templates(session, subject, location_id, include_archived, page)


@router.post(
    "/shift-templates",
    response_model=schemas.Template,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 409, 422),
)
async def create_shift_template(
    body: schemas.TemplateCreate,
    subject: PlannerSubject,
    session: SessionDep,
    idempotency: IdempotencyDep,
) -> schemas.Template:
    """Create a recurring shift pattern (RFC 5545 RRULE) at a location you coordinate."""
    created = await service.create(session, subject, body)
    idempotency.remember(created)
    return created


@router.get(
    "/shift-templates/{template_id}",
    response_model=schemas.Template,
    responses=error_responses(401, 403, 404),
)
async def get_shift_template(
    template_id: uuid.UUID, subject: PlannerSubject, session: SessionDep
) -> schemas.Template:
    """One shift template."""
    return await service.get(session, subject, template_id)


@router.patch(
    "/shift-templates/{template_id}",
    response_model=schemas.TemplateUpdated,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def update_shift_template(
    template_id: uuid.UUID,
    body: schemas.TemplateUpdate,
    subject: PlannerSubject,
    session: SessionDep,
) -> schemas.TemplateUpdated:
    """Change a template; with apply_from_date, realign its future draft shifts too."""
    return await service.update(session, subject, template_id, body)


@router.post(
    "/shift-templates/{template_id}/archive",
    response_model=schemas.Template,
    responses=error_responses(401, 403, 404, 409),
)
async def archive_shift_template(
    template_id: uuid.UUID, subject: PlannerSubject, session: SessionDep
) -> schemas.Template:
    """Archive a template so it generates no more shifts; its shifts stay."""
    return await service.archive(session, subject, template_id)


@router.post(
    "/shift-templates/{template_id}/generate",
    response_model=schemas.GenerateResult,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def generate_shifts(
    template_id: uuid.UUID,
    body: schemas.GenerateRequest,
    subject: PlannerSubject,
    session: SessionDep,
    idempotency: IdempotencyDep,
) -> schemas.GenerateResult:
    """Create draft shifts for the template's occurrences in a period not yet generated."""
    result = await service.generate(session, subject, template_id, body)
    idempotency.remember(result, status_code=200)
    return result
