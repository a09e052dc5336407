"""Deciding and cancelling one request at once leaves one consistent outcome."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence

import httpx
import pytest
from sqlalchemy import select

from shiftwise.db import Database
from shiftwise.models import Assignment, AssignmentState, OutboxEvent, ShiftState
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.time_off.helpers import URL, audit_actions, day, file, period


def answered(results: Sequence[httpx.Response | BaseException]) -> list[httpx.Response]:
    errors = [r for r in results if isinstance(r, BaseException)]
    assert errors == [], errors[:3]
    return [r for r in results if isinstance(r, httpx.Response)]


@pytest.mark.parametrize("round_", range(4))
async def test_approval_racing_cancellation(
    clients: Clients, world: World, database: Database, round_: int
) -> None:
    async with database.session(write=True) as s:
        shift = await factories.shift(
            s, world.loc, day(1).replace(hour=9), state=ShiftState.published
        )
        assignment = await factories.assignment(s, shift, world.staff)
    staff = await clients.as_user(world.staff_user)
    request_id = (await file(staff, period(0, 3)))["id"]
    coord = await clients.as_user(world.coordinator)
    approve = coord.post(f"{URL}/{request_id}/approve", json={"release_assignments": True})
    cancel = staff.post(f"{URL}/{request_id}/cancel")
    pair = (cancel, approve) if round_ % 2 else (approve, cancel)
    results = answered(await asyncio.gather(*pair, return_exceptions=True))
    approved, cancelled = (results[1], results[0]) if round_ % 2 else (results[0], results[1])

    # Either order is fine: cancel after approval (before the time off starts) is
    # allowed; approval after cancellation is refused. Both end cancelled.
    assert cancelled.status_code == 200, cancelled.text
    assert approved.status_code in (200, 409), approved.text
    final = (await staff.get(f"{URL}/{request_id}")).json()
    assert final["state"] == "cancelled"
    actions = await audit_actions(database, request_id)
    async with database.sessionmaker() as s:
        a = await s.get_one(Assignment, assignment.id)
        released = (
            await s.scalars(select(OutboxEvent).where(OutboxEvent.topic == "assignment.released"))
        ).all()
    if approved.status_code == 200:
        assert actions == ["time_off.requested", "time_off.approved", "time_off.cancelled"]
        assert a.state is AssignmentState.cancelled
        assert len(released) == 1
    else:
        assert approved.json()["error"] == "request_already_decided"
        assert actions == ["time_off.requested", "time_off.cancelled"]
        assert a.state is AssignmentState.assigned
        assert released == []


@pytest.mark.parametrize("round_", range(3))
async def test_concurrent_decisions_one_wins(
    clients: Clients, world: World, database: Database, round_: int
) -> None:
    staff = await clients.as_user(world.staff_user)
    request_id = (await file(staff, period(0, 3)))["id"]
    coord = await clients.as_user(world.coordinator)
    admin = await clients.as_user(world.admin)
    results = answered(
        await asyncio.gather(
            coord.post(f"{URL}/{request_id}/approve", json={}),
            admin.post(f"{URL}/{request_id}/deny", json={}),
            coord.post(f"{URL}/{request_id}/approve", json={}),
            admin.post(f"{URL}/{request_id}/deny", json={}),
            return_exceptions=True,
        )
    )
    assert Counter(r.status_code for r in results) == Counter({200: 1, 409: 3})
    assert {r.json()["error"] for r in results if r.status_code == 409} == {
        "request_already_decided"
    }
    winner = next(r for r in results if r.status_code == 200).json()
    state = winner["request"]["state"] if "request" in winner else winner["state"]
    assert (await staff.get(f"{URL}/{request_id}")).json()["state"] == state
    async with database.sessionmaker() as s:
        decided = (
            await s.scalars(select(OutboxEvent).where(OutboxEvent.topic == "time_off.decided"))
        ).all()
    assert len(decided) == 1
    assert len(await audit_actions(database, request_id)) == 2
