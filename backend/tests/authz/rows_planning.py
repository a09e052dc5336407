from __future__ import annotations

import uuid
from datetime import date, time, timedelta

from shiftwise.models import ShiftTemplate
from tests.authz.matrix import Call, Ctx, Expect, Row, bump, row

PLANNER = Expect(coordinator=200, coordinator_other=403)


def _far_monday() -> date:
    """A distinct week per call, years ahead, so periods never collide."""
    return date(2031, 1, 6) + timedelta(weeks=2 * bump())


async def _template(ctx: Ctx) -> ShiftTemplate:
    template = ShiftTemplate(
        id=uuid.uuid4(),
        organisation_id=ctx.world.org.id,
        location_id=ctx.world.loc.id,
        name="Weekday early",
        rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        starts_on_date=_far_monday(),
        start_time=time(7),
        end_time=time(15),
    )
    ctx.session.add(template)
    await ctx.session.flush()
    return template


def _template_body(ctx: Ctx) -> dict[str, object]:
    return {
        "location_id": str(ctx.world.loc.id),
        "name": "Nights",
        "rrule": "FREQ=DAILY",
        "starts_on_date": _far_monday().isoformat(),
        "start_time": "22:00",
        "end_time": "06:00",
    }


async def _list_templates(ctx: Ctx) -> Call:
    return Call(f"/api/v1/shift-templates?location_id={ctx.world.loc.id}")


async def _new_template(ctx: Ctx) -> Call:
    return Call("/api/v1/shift-templates", _template_body(ctx))


async def _get_template(ctx: Ctx) -> Call:
    return Call(f"/api/v1/shift-templates/{(await _template(ctx)).id}")


async def _patch_template(ctx: Ctx) -> Call:
    return Call(f"/api/v1/shift-templates/{(await _template(ctx)).id}", {"notes": "Keys at desk"})


async def _archive_template(ctx: Ctx) -> Call:
    return Call(f"/api/v1/shift-templates/{(await _template(ctx)).id}/archive")


async def _generate(ctx: Ctx) -> Call:
    template = await _template(ctx)
    start = template.starts_on_date
    return Call(
        f"/api/v1/shift-templates/{template.id}/generate",
        {"start_date": start.isoformat(), "end_date": (start + timedelta(days=2)).isoformat()},
    )


async def _bulk(ctx: Ctx) -> Call:
    day = _far_monday()
    return Call(
        "/api/v1/shifts/bulk",
        {
            "shifts": [
                {
                    "location_id": str(ctx.world.loc.id),
                    "starts_at": f"{day.isoformat()}T09:00:00+00:00",
                    "ends_at": f"{day.isoformat()}T17:00:00+00:00",
                }
            ]
        },
    )


async def _copy(ctx: Ctx) -> Call:
    day = _far_monday()
    return Call(
        "/api/v1/shifts/copy",
        {
            "location_id": str(ctx.world.loc.id),
            "from_start_date": day.isoformat(),
            "to_start_date": (day + timedelta(days=7)).isoformat(),
            "days": 7,
            "include_assignments": False,
        },
    )


async def _cancel_period(ctx: Ctx) -> Call:
    return Call(
        "/api/v1/shifts/cancel-period",
        {"location_id": str(ctx.world.loc.id), "start_date": _far_monday().isoformat(), "days": 7},
    )


ROWS: list[Row] = [
    row(
        "GET",
        "/api/v1/shift-templates",
        _list_templates,
        Expect(coordinator=200, coordinator_other=403),
    ),
    row(
        "POST",
        "/api/v1/shift-templates",
        _new_template,
        Expect(coordinator=201, coordinator_other=403, foreign_admin=422, admin=201),
    ),
    row("GET", "/api/v1/shift-templates/{template_id}", _get_template, PLANNER),
    row("PATCH", "/api/v1/shift-templates/{template_id}", _patch_template, PLANNER),
    row("POST", "/api/v1/shift-templates/{template_id}/archive", _archive_template, PLANNER),
    row("POST", "/api/v1/shift-templates/{template_id}/generate", _generate, PLANNER),
    row(
        "POST",
        "/api/v1/shifts/bulk",
        _bulk,
        Expect(coordinator=201, coordinator_other=403, foreign_admin=422, admin=201),
    ),
    row(
        "POST",
        "/api/v1/shifts/copy",
        _copy,
        Expect(coordinator=201, coordinator_other=403, admin=201),
    ),
    row("POST", "/api/v1/shifts/cancel-period", _cancel_period, PLANNER),
]
