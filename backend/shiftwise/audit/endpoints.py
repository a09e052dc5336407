from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import AwareDatetime

from shiftwise.audit import schemas
from shiftwise.audit import service as audit
from shiftwise.auth.dependencies import AdminSubject
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep
from shiftwise.kit.pagination import PageDep
from shiftwise.kit.schemas import Page

router = APIRouter(tags=["audit"])


@router.get(
    "/audit-entries",
    response_model=Page[schemas.AuditEntry],
    responses=error_responses(401, 403, 422),
)
async def list_audit_entries(
    subject: AdminSubject,
    session: SessionDep,
    page: PageDep,
    record_type: Annotated[str | None, Query(max_length=50, examples=["people"])] = None,
    record_id: uuid.UUID | None = None,
    actor_user_id: uuid.UUID | None = None,
    action: Annotated[str | None, Query(max_length=100, examples=["person.updated"])] = None,
    from_: Annotated[AwareDatetime | None, Query(alias="from", description="Inclusive")] = None,
    to: Annotated[AwareDatetime | None, Query(description="Exclusive")] = None,
) -> Page[schemas.AuditEntry]:
    """The organisation's audit trail, newest first."""
    return await audit.search(
        session,
        subject,
        page,
        record_type=record_type,
        record_id=record_id,
        actor_user_id=actor_user_id,
        action=action,
        since=from_,
        until=to,
    )
