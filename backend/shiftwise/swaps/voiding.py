"""Open requests die with the assignments they move.

When an assignment is cancelled by any path (by hand, with its shift or a period, by
approved time off, or given away by another request), every pending or accepted request
giving it away or taking it in a swap can no longer happen: it is cancelled at once,
audited and told to its parties, so nobody accepts, approves or takes a drop of a shift
that is no longer theirs to give. (Acting on such a request is refused anyway, with
409 request_invalid; this keeps lists and inboxes honest.)
"""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.models import ShiftRequest, ShiftRequestState
from shiftwise.swaps.context import contexts, others_than, tell
from shiftwise.swaps.repository import OPEN_STATES, ShiftRequestRepository


async def void_requests_for(
    session: AsyncSession,
    actor: Subject | None,
    organisation_id: uuid.UUID,
    assignment_ids: Collection[uuid.UUID],
    *,
    reason: str,
    keep: uuid.UUID | None = None,
) -> list[uuid.UUID]:
    """Cancel the open requests moving any of `assignment_ids` (except `keep`, the
    request doing the moving); return their ids. Only flushes.

    Rows another transaction is deciding are skipped rather than waited for (SKIP
    LOCKED): callers hold shift locks, deciders take the request's lock before the
    shifts', so waiting could deadlock; the decider re-checks the assignments after
    taking the shift locks and refuses with request_invalid.
    """
    ids = list(dict.fromkeys(assignment_ids))
    if not ids:
        return []
    stmt = select(ShiftRequest).where(
        ShiftRequest.organisation_id == organisation_id,
        ShiftRequest.state.in_(OPEN_STATES),
        or_(ShiftRequest.assignment_id.in_(ids), ShiftRequest.counterpart_assignment_id.in_(ids)),
    )
    if keep is not None:
        stmt = stmt.where(ShiftRequest.id != keep)
    rows = list(
        (
            await session.scalars(stmt.order_by(ShiftRequest.id).with_for_update(skip_locked=True))
        ).all()
    )
    if not rows:
        return []
    repo = ShiftRequestRepository(session, organisation_id)
    for ctx in await contexts(repo, rows):
        r = ctx.request
        before = audit.snapshot(r)
        r.state = ShiftRequestState.cancelled
        await session.flush()
        await audit.record(
            session,
            actor,
            "shift_request.cancelled",
            r,
            organisation_id=organisation_id,
            before=before,
            reason=reason,
        )
        people = others_than(actor, r.requester_person_id, r.counterpart_person_id)
        await tell(session, ctx, "shift_request.cancelled", people, reason=reason)
    return [r.id for r in rows]
