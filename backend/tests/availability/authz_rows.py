"""Authorisation-matrix rows for the availability endpoints (see tests/authz/matrix.py)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from itertools import count

from shiftwise.models import AvailabilityException, AvailabilityStatus
from tests.authz.matrix import Call, Ctx, Expect, Row, row

# The person themself, their home location's coordinator and admins; nobody else.
OWNER = Expect(staff_own=200, coordinator=200, coordinator_other=403)
OWNER_CREATES = Expect(staff_own=201, coordinator=201, coordinator_other=403, admin=201)
OWNER_DELETES = Expect(staff_own=204, coordinator=204, coordinator_other=403, admin=204)

_days = count()


def _fresh_date() -> str:
    """A date of its own per call, so created exceptions never overlap each other."""
    return (date(2040, 1, 1) + timedelta(days=next(_days))).isoformat()


async def _read(ctx: Ctx) -> Call:
    return Call(f"/api/v1/availability?person_id={ctx.owner.id}")


async def _pattern(ctx: Ctx) -> Call:
    slots = [{"weekday": 0, "start_time": "09:00", "end_time": "17:00", "status": "available"}]
    return Call(f"/api/v1/availability/{ctx.owner.id}/pattern", {"slots": slots})


async def _add_exception(ctx: Ctx) -> Call:
    body = {"exception_date": _fresh_date(), "status": "unavailable"}
    return Call(f"/api/v1/availability/{ctx.owner.id}/exceptions", body)


async def _delete_exception(ctx: Ctx) -> Call:
    exception = AvailabilityException(
        id=uuid.uuid4(),
        organisation_id=ctx.owner.organisation_id,
        person_id=ctx.owner.id,
        exception_date=date.fromisoformat(_fresh_date()),
        status=AvailabilityStatus.unavailable,
    )
    ctx.session.add(exception)
    return Call(f"/api/v1/availability/{ctx.owner.id}/exceptions/{exception.id}")


ROWS: list[Row] = [
    row("GET", "/api/v1/availability", _read, OWNER),
    row("PUT", "/api/v1/availability/{person_id}/pattern", _pattern, OWNER),
    row("POST", "/api/v1/availability/{person_id}/exceptions", _add_exception, OWNER_CREATES),
    row(
        "DELETE",
        "/api/v1/availability/{person_id}/exceptions/{exception_id}",
        _delete_exception,
        OWNER_DELETES,
    ),
]
