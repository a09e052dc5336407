"""Dead letters: what the workers gave up on, for admins to inspect and send again."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status
from sqlalchemy import select

from shiftwise.audit import service as audit
from shiftwise.auth.dependencies import AdminSubject
from shiftwise.errors import Conflict, NotFound, error_responses
from shiftwise.kit.deps import SessionDep
from shiftwise.kit.pagination import PageDep, paginate
from shiftwise.kit.schemas import Page
from shiftwise.kit.time import utcnow
from shiftwise.models import OutboxEvent
from shiftwise.worker import schemas

router = APIRouter(tags=["jobs"])


@router.get(
    "/dead-letters",
    response_model=Page[schemas.DeadLetter],
    responses=error_responses(401, 403, 422),
)
async def list_dead_letters(
    subject: AdminSubject, session: SessionDep, page: PageDep
) -> Page[schemas.DeadLetter]:
    """The organisation's dead-lettered jobs and messages, most recent first."""
    stmt = (
        select(OutboxEvent)
        .where(
            OutboxEvent.organisation_id == subject.organisation_id,
            OutboxEvent.dead_at.is_not(None),
        )
        .order_by(OutboxEvent.dead_at.desc(), OutboxEvent.id)
    )
    rows, next_offset = await paginate(session, stmt, page)
    return Page(items=[schemas.DeadLetter.model_validate(r) for r in rows], next_offset=next_offset)


@router.post(
    "/dead-letters/{event_id}/retry",
    response_model=schemas.DeadLetter,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def retry_dead_letter(
    event_id: uuid.UUID, subject: AdminSubject, session: SessionDep
) -> schemas.DeadLetter:
    """Send a dead letter again with a fresh set of attempts (audited)."""
    row = await session.scalar(
        select(OutboxEvent)
        .where(OutboxEvent.id == event_id, OutboxEvent.organisation_id == subject.organisation_id)
        .with_for_update()
    )
    if row is None:
        raise NotFound("No such dead letter.", code="dead_letter_not_found")
    if row.dead_at is None:
        raise Conflict("This job is not dead; it is pending or done.", code="not_dead")
    before = {"dead_at": row.dead_at.isoformat(), "attempts": row.attempts}
    row.dead_at = None
    row.attempts = 0
    row.dispatched_at = None
    row.lease_until = None
    row.available_at = utcnow()
    await session.flush()
    await audit.record(
        session, subject, "dead_letter.retried", row, before=before, after={"attempts": 0}
    )
    return schemas.DeadLetter.model_validate(row)
