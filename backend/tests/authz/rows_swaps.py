"""Authorisation-matrix rows for open shifts and shift requests (see tests/authz/matrix.py).

The "own" record of a shift request is one the caller is a party to in the role the
operation needs: the requester for reading and cancelling, the named colleague for
accepting; deciding is never for a party.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from shiftwise.models import (
    Person,
    ShiftRequest,
    ShiftRequestKind,
    ShiftRequestState,
)
from tests.authz.matrix import Call, Ctx, Expect, Row, row, static
from tests.fixtures import factories

EVERYONE = Expect(staff=200, coordinator=200, foreign_admin=200)
# The requester, the location's coordinators and admins may read.
READER = Expect(staff_own=200, coordinator=200, coordinator_other=403)
# Coordinators of the location and admins decide; never a party, never staff.
DECIDER = Expect(coordinator=200, coordinator_other=403)


async def _third(ctx: Ctx) -> Person:
    """A colleague outside the matrix's actors, qualified for the world's shifts."""
    return await factories.person(ctx.session, ctx.world.org, skills={ctx.world.skill: None})


async def _request(
    ctx: Ctx, requester: Person, counterpart: Person, state: ShiftRequestState
) -> uuid.UUID:
    shift = await ctx.published_shift()
    given = await factories.assignment(ctx.session, shift, requester)
    now = datetime.now(UTC)
    r = ShiftRequest(
        id=uuid.uuid4(),
        organisation_id=ctx.world.org.id,
        kind=ShiftRequestKind.offer,
        state=state,
        assignment_id=given.id,
        requester_person_id=requester.id,
        counterpart_person_id=counterpart.id,
        expires_at=now + timedelta(hours=20),
        accepted_at=now if state is ShiftRequestState.accepted else None,
    )
    ctx.session.add(r)
    await ctx.session.flush()
    return r.id


async def _by_owner(ctx: Ctx, state: ShiftRequestState = ShiftRequestState.pending) -> uuid.UUID:
    return await _request(ctx, ctx.owner, await _third(ctx), state)


async def _claim(ctx: Ctx) -> Call:
    return Call(f"/api/v1/open-shifts/{(await ctx.published_shift()).id}/claim")


async def _create(ctx: Ctx) -> Call:
    given = await ctx.assignment_of_owner()
    # Another organisation's assignment in the body is a field error (422), not a 404.
    return Call("/api/v1/shift-requests", {"kind": "drop", "assignment_id": str(given.id)})


async def _one(ctx: Ctx) -> Call:
    return Call(f"/api/v1/shift-requests/{await _by_owner(ctx)}")


async def _accept(ctx: Ctx) -> Call:
    rid = await _request(ctx, await _third(ctx), ctx.owner, ShiftRequestState.pending)
    return Call(f"/api/v1/shift-requests/{rid}/accept")


async def _approve(ctx: Ctx) -> Call:
    return Call(
        f"/api/v1/shift-requests/{await _by_owner(ctx, ShiftRequestState.accepted)}/approve", {}
    )


async def _deny(ctx: Ctx) -> Call:
    return Call(
        f"/api/v1/shift-requests/{await _by_owner(ctx, ShiftRequestState.accepted)}/deny", {}
    )


async def _cancel(ctx: Ctx) -> Call:
    return Call(f"/api/v1/shift-requests/{await _by_owner(ctx)}/cancel")


ROWS: list[Row] = [
    row("GET", "/api/v1/open-shifts", static("/api/v1/open-shifts"), EVERYONE),
    # Claiming is for people with a staff profile (the world's coordinators and admins
    # have none: 403 no_staff_profile); staff claim any open seat they qualify for.
    row(
        "POST",
        "/api/v1/open-shifts/{shift_id}/claim",
        _claim,
        Expect(staff=201, coordinator=403, admin=403),
    ),
    row(
        "POST",
        "/api/v1/shift-requests",
        _create,
        Expect(staff_own=201, staff_other=403, foreign_admin=422, admin=403),
    ),
    row("GET", "/api/v1/shift-requests", static("/api/v1/shift-requests"), EVERYONE),
    row("GET", "/api/v1/shift-requests/{request_id}", _one, READER),
    row(
        "POST",
        "/api/v1/shift-requests/{request_id}/accept",
        _accept,
        Expect(staff_own=200, admin=403),
    ),
    row("POST", "/api/v1/shift-requests/{request_id}/approve", _approve, DECIDER),
    row("POST", "/api/v1/shift-requests/{request_id}/deny", _deny, DECIDER),
    row(
        "POST",
        "/api/v1/shift-requests/{request_id}/cancel",
        _cancel,
        Expect(staff_own=200, admin=403),
    ),
]
