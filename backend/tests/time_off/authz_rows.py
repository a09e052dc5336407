"""Authorisation-matrix rows for the time-off endpoints (see tests/authz/matrix.py)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from itertools import count

from shiftwise.models import TimeOffKind, TimeOffRequest, TimeOffState
from tests.authz.matrix import Call, Ctx, Expect, Row, row, static

EVERYONE = Expect(staff=200, coordinator=200, foreign_admin=200)
# The person themself, their home location's coordinator and admins.
OWNER = Expect(staff_own=200, coordinator=200, coordinator_other=403)
# Coordinators of the home location and admins; never staff, not even on their own.
DECIDER = Expect(coordinator=200, coordinator_other=403)

_weeks = count()


def _fresh_period() -> tuple[datetime, datetime]:
    """Far from other rows' shifts, and a week of its own per call: no overlaps."""
    start = datetime(2045, 1, 2, tzinfo=UTC) + timedelta(weeks=next(_weeks))
    return start, start + timedelta(days=2)


async def _create(ctx: Ctx) -> Call:
    start, end = _fresh_period()
    body = {
        "person_id": str(ctx.owner.id),
        "starts_at": start.isoformat(),
        "ends_at": end.isoformat(),
        "kind": "vacation",
    }
    # Another organisation's person in the body is a field error (422), not a 404.
    return Call("/api/v1/time-off-requests", body)


async def _pending(ctx: Ctx) -> uuid.UUID:
    start, end = _fresh_period()
    request = TimeOffRequest(
        id=uuid.uuid4(),
        organisation_id=ctx.owner.organisation_id,
        person_id=ctx.owner.id,
        starts_at=start,
        ends_at=end,
        kind=TimeOffKind.vacation,
        state=TimeOffState.pending,
    )
    ctx.session.add(request)
    return request.id


async def _one(ctx: Ctx) -> Call:
    return Call(f"/api/v1/time-off-requests/{await _pending(ctx)}")


async def _impact(ctx: Ctx) -> Call:
    return Call(f"/api/v1/time-off-requests/{await _pending(ctx)}/impact")


async def _approve(ctx: Ctx) -> Call:
    return Call(f"/api/v1/time-off-requests/{await _pending(ctx)}/approve", {})


async def _deny(ctx: Ctx) -> Call:
    return Call(f"/api/v1/time-off-requests/{await _pending(ctx)}/deny", {})


async def _cancel(ctx: Ctx) -> Call:
    return Call(f"/api/v1/time-off-requests/{await _pending(ctx)}/cancel")


ROWS: list[Row] = [
    row(
        "POST",
        "/api/v1/time-off-requests",
        _create,
        Expect(staff_own=201, coordinator=201, coordinator_other=403, foreign_admin=422, admin=201),
    ),
    row("GET", "/api/v1/time-off-requests", static("/api/v1/time-off-requests"), EVERYONE),
    row("GET", "/api/v1/time-off-requests/{request_id}", _one, OWNER),
    row("GET", "/api/v1/time-off-requests/{request_id}/impact", _impact, OWNER),
    row("POST", "/api/v1/time-off-requests/{request_id}/approve", _approve, DECIDER),
    row("POST", "/api/v1/time-off-requests/{request_id}/deny", _deny, DECIDER),
    row("POST", "/api/v1/time-off-requests/{request_id}/cancel", _cancel, OWNER),
]
