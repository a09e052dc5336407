from __future__ import annotations

import uuid

from fastapi import APIRouter

from shiftwise.auth.dependencies import AdminSubject, CurrentSubject, PlannerSubject
from shiftwise.compliance import schemas, service
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep

router = APIRouter(tags=["compliance"])


@router.get(
    "/compliance-rules",
    response_model=schemas.ComplianceRules,
    responses=error_responses(401, 403, 404, 422),
)
async def get_compliance_rules(
    subject: PlannerSubject,
    session: SessionDep,
    location_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None,
) -> schemas.ComplianceRules:
    """Default rules, the organisation's settings and the effective rules for a location/person."""
    return await service.overview(session, subject, location_id, person_id)


@router.get(
    "/compliance-rules/organisation",
    response_model=schemas.RuleLayer,
    responses=error_responses(401, 403),
)
async def get_organisation_rules(subject: PlannerSubject, session: SessionDep) -> schemas.RuleLayer:
    """The organisation's rule settings and the effective result."""
    return await service.get_organisation(session, subject)


@router.put(
    "/compliance-rules/organisation",
    response_model=schemas.RuleLayer,
    responses=error_responses(401, 403, 409, 422),
)
async def put_organisation_rules(
    body: schemas.RuleLayerUpdate, subject: AdminSubject, session: SessionDep
) -> schemas.RuleLayer:
    """Replace the organisation's rule settings (audited)."""
    return await service.put_organisation(session, subject, body)


@router.get(
    "/compliance-rules/locations/{location_id}",
    response_model=schemas.RuleLayer,
    responses=error_responses(401, 403, 404),
)
async def get_location_rules(
    location_id: uuid.UUID, subject: AdminSubject, session: SessionDep
) -> schemas.RuleLayer:
    """A location's rule overrides and the effective result there."""
    return await service.get_location(session, subject, location_id)


@router.put(
    "/compliance-rules/locations/{location_id}",
    response_model=schemas.RuleLayer,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def put_location_rules(
    location_id: uuid.UUID,
    body: schemas.RuleLayerUpdate,
    subject: AdminSubject,
    session: SessionDep,
) -> schemas.RuleLayer:
    """Replace a location's rule overrides (audited)."""
    return await service.put_location(session, subject, location_id, body)


@router.get(
    "/compliance-rules/people/{person_id}",
    response_model=schemas.RuleLayer,
    responses=error_responses(401, 403, 404),
)
async def get_person_rules(
    person_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> schemas.RuleLayer:
    """A person's rule overrides and the effective result at their home location."""
    return await service.get_person(session, subject, person_id)


@router.put(
    "/compliance-rules/people/{person_id}",
    response_model=schemas.RuleLayer,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def put_person_rules(
    person_id: uuid.UUID,
    body: schemas.RuleLayerUpdate,
    subject: CurrentSubject,
    session: SessionDep,
) -> schemas.RuleLayer:
    """Replace a person's rule overrides (audited)."""
    return await service.put_person(session, subject, person_id, body)
