"""Availability, time off, compliance rules and the assignment dry-run."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from shiftwise.models import AvailabilityException, AvailabilityStatus, TimeOffKind, TimeOffRequest
from tests.authz.matrix import Builder, Call, Ctx, Expect, Row, bump, row, static

# The owner's record: the person themself, their home location's coordinator, admins.
OWNER = Expect(staff_own=200, coordinator=200, coordinator_other=403)
PLANNER = Expect(coordinator=200, coordinator_other=403)
OWN_ORG = Expect(coordinator=200, foreign_admin=200)


def _day() -> date:
    return date(2032, 1, 5) + timedelta(days=3 * bump())


async def _time_off(ctx: Ctx) -> TimeOffRequest:
    start = datetime.combine(_day(), datetime.min.time(), tzinfo=UTC)
    request = TimeOffRequest(
        id=uuid.uuid4(),
        organisation_id=ctx.world.org.id,
        person_id=ctx.owner.id,
        starts_at=start,
        ends_at=start + timedelta(days=1),
        kind=TimeOffKind.vacation,
    )
    ctx.session.add(request)
    await ctx.session.flush()
    return request


async def _availability(ctx: Ctx) -> Call:
    return Call(f"/api/v1/availability?person_id={ctx.owner.id}")


async def _pattern(ctx: Ctx) -> Call:
    slot = {"weekday": 0, "start_time": "08:00", "end_time": "16:00", "status": "preferred"}
    return Call(f"/api/v1/availability/{ctx.owner.id}/pattern", {"slots": [slot]})


async def _new_exception(ctx: Ctx) -> Call:
    return Call(
        f"/api/v1/availability/{ctx.owner.id}/exceptions",
        {"exception_date": _day().isoformat(), "status": "unavailable"},
    )


async def _delete_exception(ctx: Ctx) -> Call:
    exception = AvailabilityException(
        id=uuid.uuid4(),
        organisation_id=ctx.world.org.id,
        person_id=ctx.owner.id,
        exception_date=_day(),
        status=AvailabilityStatus.unavailable,
    )
    ctx.session.add(exception)
    await ctx.session.flush()
    return Call(f"/api/v1/availability/{ctx.owner.id}/exceptions/{exception.id}")


async def _new_time_off(ctx: Ctx) -> Call:
    start = datetime.combine(_day(), datetime.min.time(), tzinfo=UTC)
    return Call(
        "/api/v1/time-off-requests",
        {
            "person_id": str(ctx.owner.id),
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(days=1)).isoformat(),
            "kind": "vacation",
        },
    )


def _time_off_action(suffix: str, body: object = None) -> Builder:
    async def build(ctx: Ctx) -> Call:
        return Call(f"/api/v1/time-off-requests/{(await _time_off(ctx)).id}{suffix}", body)

    return build


async def _person_rules(ctx: Ctx) -> Call:
    return Call(f"/api/v1/compliance-rules/people/{ctx.owner.id}")


async def _put_person_rules(ctx: Ctx) -> Call:
    rules = {"min_rest": {"params": {"hours": 10}}}
    return Call(f"/api/v1/compliance-rules/people/{ctx.owner.id}", {"rules": rules})


async def _location_rules(ctx: Ctx) -> Call:
    return Call(f"/api/v1/compliance-rules/locations/{ctx.world.loc.id}")


async def _put_location_rules(ctx: Ctx) -> Call:
    rules = {"max_hours_per_week": {"params": {"hours": 50}}}
    return Call(f"/api/v1/compliance-rules/locations/{ctx.world.loc.id}", {"rules": rules})


async def _check(ctx: Ctx) -> Call:
    shift = await ctx.published_shift()
    return Call(
        "/api/v1/assignments/check", {"shift_id": str(shift.id), "person_id": str(ctx.owner.id)}
    )


ORG_RULES = {"rules": {"overtime": {"params": {"hours_per_week": 38}}}}

ROWS: list[Row] = [
    row("GET", "/api/v1/availability", _availability, OWNER),
    row("PUT", "/api/v1/availability/{person_id}/pattern", _pattern, OWNER),
    row(
        "POST",
        "/api/v1/availability/{person_id}/exceptions",
        _new_exception,
        Expect(staff_own=201, coordinator=201, coordinator_other=403, admin=201),
    ),
    row(
        "DELETE",
        "/api/v1/availability/{person_id}/exceptions/{exception_id}",
        _delete_exception,
        Expect(staff_own=204, coordinator=204, coordinator_other=403, admin=204),
    ),
    row(
        "POST",
        "/api/v1/time-off-requests",
        _new_time_off,
        Expect(staff_own=201, coordinator=201, coordinator_other=403, foreign_admin=422, admin=201),
    ),
    row(
        "GET",
        "/api/v1/time-off-requests",
        static("/api/v1/time-off-requests"),
        Expect(staff=200, coordinator=200, foreign_admin=200),
    ),
    row("GET", "/api/v1/time-off-requests/{request_id}", _time_off_action(""), OWNER),
    row("GET", "/api/v1/time-off-requests/{request_id}/impact", _time_off_action("/impact"), OWNER),
    row(
        "POST",
        "/api/v1/time-off-requests/{request_id}/approve",
        _time_off_action("/approve", {"release_assignments": True}),
        PLANNER,
    ),
    row(
        "POST",
        "/api/v1/time-off-requests/{request_id}/deny",
        _time_off_action("/deny", {"note": "Short-staffed"}),
        PLANNER,
    ),
    row(
        "POST",
        "/api/v1/time-off-requests/{request_id}/cancel",
        _time_off_action("/cancel"),
        OWNER,
    ),
    row("GET", "/api/v1/compliance-rules", static("/api/v1/compliance-rules"), OWN_ORG),
    row(
        "GET",
        "/api/v1/compliance-rules/organisation",
        static("/api/v1/compliance-rules/organisation"),
        OWN_ORG,
    ),
    row(
        "PUT",
        "/api/v1/compliance-rules/organisation",
        static("/api/v1/compliance-rules/organisation", ORG_RULES),
        Expect(foreign_admin=200),
    ),
    row("GET", "/api/v1/compliance-rules/locations/{location_id}", _location_rules, Expect()),
    row("PUT", "/api/v1/compliance-rules/locations/{location_id}", _put_location_rules, Expect()),
    row("GET", "/api/v1/compliance-rules/people/{person_id}", _person_rules, PLANNER),
    row("PUT", "/api/v1/compliance-rules/people/{person_id}", _put_person_rules, PLANNER),
    row("POST", "/api/v1/assignments/check", _check, PLANNER),
]
