"""The rule engine sees approved time off and availability when assigning."""

from __future__ import annotations

from typing import Any

from shiftwise.db import Database
from shiftwise.models import ShiftState
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.time_off.helpers import URL, day, file, period


async def assign(clients: Clients, world: World, database: Database, hour: float) -> Any:
    async with database.session(write=True) as s:
        shift = await factories.shift(
            s, world.loc, day(hour / 24), skill=world.skill, state=ShiftState.published
        )
    coord = await clients.as_user(world.coordinator)
    return await coord.post(
        f"/api/v1/shifts/{shift.id}/assignments", json={"person_id": str(world.staff.id)}
    )


def rules_of(body: dict[str, Any]) -> dict[str, str]:
    return {v["rule"]: v["severity"] for v in body.get("violations", [])}


async def test_approved_time_off_refuses_assignments_in_the_period(
    clients: Clients, world: World, database: Database
) -> None:
    staff = await clients.as_user(world.staff_user)
    request_id = (await file(staff, period(0, 3)))["id"]
    # Pending time off is a request, not a rule.
    r = await assign(clients, world, database, 24 + 9)
    assert r.status_code == 201, r.text
    coord = await clients.as_user(world.coordinator)
    r = await coord.post(f"{URL}/{request_id}/approve", json={"release_assignments": True})
    assert r.status_code == 200, r.text
    r = await assign(clients, world, database, 48 + 9)
    assert r.status_code == 409, r.text
    assert r.json()["error"] == "rule_violation"
    assert rules_of(r.json()).get("time_off") == "hard"
    [violation] = [v for v in r.json()["violations"] if v["rule"] == "time_off"]
    assert violation["records"]["time_off_ids"] == [request_id]
    # Outside the period the person is free.
    assert (await assign(clients, world, database, 72 + 9)).status_code == 201
    # Cancelled before it starts, the time off no longer blocks.
    assert (await staff.post(f"{URL}/{request_id}/cancel")).status_code == 200
    assert (await assign(clients, world, database, 48 + 9)).status_code == 201


async def test_unavailability_refuses_and_exceptions_replace_the_pattern(
    clients: Clients, world: World, database: Database
) -> None:
    staff = await clients.as_user(world.staff_user)
    # Unavailable every Tuesday (day 1 is a Tuesday) from 00:00 to 12:00 local time.
    slots = [{"weekday": 1, "start_time": "00:00", "end_time": "12:00", "status": "unavailable"}]
    r = await staff.put(f"/api/v1/availability/{world.staff.id}/pattern", json={"slots": slots})
    assert r.status_code == 200, r.text
    r = await assign(clients, world, database, 24 + 9)
    assert r.status_code == 409, r.text
    assert rules_of(r.json()).get("unavailable") == "hard"
    # An exception on the following Tuesday replaces that day's pattern.
    r = await staff.post(
        f"/api/v1/availability/{world.staff.id}/exceptions",
        json={"exception_date": "2030-03-12", "status": "available"},
    )
    assert r.status_code == 201, r.text
    assert (await assign(clients, world, database, 8 * 24 + 9)).status_code == 201
