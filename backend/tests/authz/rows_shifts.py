from __future__ import annotations

from tests.authz.matrix import Call, Ctx, Expect, Row, row, static

EVERYONE = Expect(staff=200, coordinator=200, foreign_admin=200)
PLANNER = Expect(coordinator=200, coordinator_other=403)


async def _new_shift(ctx: Ctx) -> Call:
    shift = await ctx.published_shift()
    await ctx.session.delete(shift)  # only its times are borrowed
    return Call(
        "/api/v1/shifts",
        {
            "location_id": str(ctx.world.loc.id),
            "starts_at": shift.starts_at.isoformat(),
            "ends_at": shift.ends_at.isoformat(),
            "headcount": 1,
        },
    )


async def _shift(ctx: Ctx) -> Call:
    return Call(f"/api/v1/shifts/{(await ctx.published_shift()).id}")


async def _shift_patch(ctx: Ctx) -> Call:
    return Call(f"/api/v1/shifts/{(await ctx.published_shift()).id}", {"notes": "Bring keys"})


async def _publish(ctx: Ctx) -> Call:
    shift = await ctx.published_shift()
    shift.state = shift.state.draft
    return Call(f"/api/v1/shifts/{shift.id}/publish")


async def _cancel(ctx: Ctx) -> Call:
    return Call(f"/api/v1/shifts/{(await ctx.published_shift()).id}/cancel")


async def _assign_owner(ctx: Ctx) -> Call:
    shift = await ctx.published_shift()
    return Call(f"/api/v1/shifts/{shift.id}/assignments", {"person_id": str(ctx.owner.id)})


async def _shift_assignments(ctx: Ctx) -> Call:
    return Call(f"/api/v1/shifts/{(await ctx.assignment_of_owner()).shift_id}/assignments")


async def _assignment(ctx: Ctx) -> Call:
    return Call(f"/api/v1/assignments/{(await ctx.assignment_of_owner()).id}")


async def _assignment_cancel(ctx: Ctx) -> Call:
    return Call(f"/api/v1/assignments/{(await ctx.assignment_of_owner()).id}/cancel")


ROWS: list[Row] = [
    # Another organisation's location in the body is a field error, not a hidden 404.
    row(
        "POST",
        "/api/v1/shifts",
        _new_shift,
        Expect(coordinator=201, coordinator_other=403, foreign_admin=422, admin=201),
    ),
    row("GET", "/api/v1/shifts", static("/api/v1/shifts"), EVERYONE),
    row(
        "GET",
        "/api/v1/shifts/{shift_id}",
        _shift,
        Expect(staff=200, coordinator=200, coordinator_other=403),
    ),
    row("PATCH", "/api/v1/shifts/{shift_id}", _shift_patch, PLANNER),
    row("POST", "/api/v1/shifts/{shift_id}/publish", _publish, PLANNER),
    row("POST", "/api/v1/shifts/{shift_id}/cancel", _cancel, PLANNER),
    row(
        "POST",
        "/api/v1/shifts/{shift_id}/assignments",
        _assign_owner,
        Expect(coordinator=201, coordinator_other=403, admin=201),
    ),
    row("GET", "/api/v1/shifts/{shift_id}/assignments", _shift_assignments, PLANNER),
    row("GET", "/api/v1/assignments", static("/api/v1/assignments"), EVERYONE),
    row(
        "GET",
        "/api/v1/assignments/{assignment_id}",
        _assignment,
        Expect(staff_own=200, coordinator=200, coordinator_other=403),
    ),
    row("POST", "/api/v1/assignments/{assignment_id}/cancel", _assignment_cancel, PLANNER),
]
