"""The week grid, candidates, publishing and auto-scheduler runs."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import insert

from shiftwise.models.schedule_run import (
    ScheduleRun,
    ScheduleRunMode,
    ScheduleRunState,
    schedule_run_locations,
)
from tests.authz.matrix import Builder, Call, Ctx, Expect, Row, bump, row

PLANNER = Expect(coordinator=200, coordinator_other=403)


def _period() -> date:
    return date(2033, 1, 3) + timedelta(weeks=bump())


async def _grid(ctx: Ctx) -> Call:
    return Call(f"/api/v1/schedule?location_id={ctx.world.loc.id}&start_date=2033-01-03&days=7")


async def _candidates(ctx: Ctx) -> Call:
    return Call(f"/api/v1/shifts/{(await ctx.published_shift()).id}/candidates")


async def _publish(ctx: Ctx) -> Call:
    body = {"location_id": str(ctx.world.loc.id), "start_date": _period().isoformat(), "days": 7}
    return Call("/api/v1/schedule/publish", body)


async def _new_run(ctx: Ctx) -> Call:
    return Call(
        "/api/v1/schedule-runs",
        {
            "location_ids": [str(ctx.world.loc.id)],
            "start_date": _period().isoformat(),
            "days": 1,
            "time_limit_s": 1,
        },
    )


async def _runs(ctx: Ctx) -> Call:
    return Call(f"/api/v1/schedule-runs?location_id={ctx.world.loc.id}")


async def _queued_run(ctx: Ctx) -> ScheduleRun:
    run = ScheduleRun(
        id=uuid.uuid4(),
        organisation_id=ctx.world.org.id,
        start_date=_period(),
        days=1,
        time_limit_s=1,
        mode=ScheduleRunMode.fill,
        state=ScheduleRunState.queued,
    )
    ctx.session.add(run)
    await ctx.session.flush()
    await ctx.session.execute(
        insert(schedule_run_locations).values(run_id=run.id, location_id=ctx.world.loc.id)
    )
    return run


def _run_action(suffix: str) -> Builder:
    async def build(ctx: Ctx) -> Call:
        return Call(f"/api/v1/schedule-runs/{(await _queued_run(ctx)).id}{suffix}")

    return build


ROWS: list[Row] = [
    row("GET", "/api/v1/schedule", _grid, PLANNER),
    row("GET", "/api/v1/shifts/{shift_id}/candidates", _candidates, PLANNER),
    row("POST", "/api/v1/schedule/publish", _publish, PLANNER),
    row(
        "POST",
        "/api/v1/schedule-runs",
        _new_run,
        Expect(coordinator=202, coordinator_other=403, admin=202),
    ),
    row("GET", "/api/v1/schedule-runs", _runs, PLANNER),
    row("GET", "/api/v1/schedule-runs/{run_id}", _run_action(""), PLANNER),
    row("POST", "/api/v1/schedule-runs/{run_id}/cancel", _run_action("/cancel"), PLANNER),
    # A queued run has no proposal yet: those allowed to decide are told so (409).
    row(
        "POST",
        "/api/v1/schedule-runs/{run_id}/accept",
        _run_action("/accept"),
        Expect(coordinator=409, coordinator_other=403, admin=409),
    ),
    row(
        "POST",
        "/api/v1/schedule-runs/{run_id}/discard",
        _run_action("/discard"),
        Expect(coordinator=409, coordinator_other=403, admin=409),
    ),
]
