"""Concurrent decisions on shift requests leave one consistent outcome."""

from __future__ import annotations

from collections import Counter

import pytest

from shiftwise.db import Database
from tests.conftest import Clients
from tests.fixtures.factories import World
from tests.open_shifts.helpers import at, audit_actions, events, gather, json_of, statuses
from tests.swaps.helpers import URL, act, drop, file, live, offer, pair, staff_member, swap


@pytest.mark.parametrize("round_", range(4))
async def test_approval_racing_cancellation(
    clients: Clients, world: World, database: Database, round_: int
) -> None:
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    coord = await clients.as_user(world.coordinator)
    rid = (await file(staff, swap(p, world)))["id"]
    json_of(await colleague.post(act(rid, "accept")))
    calls = [coord.post(act(rid, "approve")), staff.post(act(rid, "cancel"))]
    if round_ % 2:
        calls.reverse()
    results = await gather(*calls)
    approved, cancelled = results if round_ % 2 == 0 else results[::-1]
    # Exactly one wins; the loser is told the request is already settled.
    assert sorted([approved.status_code, cancelled.status_code]) == [200, 409]
    loser = approved if approved.status_code == 409 else cancelled
    assert loser.json()["error"] == "request_already_decided"
    final = json_of(await staff.get(f"{URL}/{rid}"))["state"]
    actions = await audit_actions(database, rid)
    mine, theirs = await live(database, p.mine.id), await live(database, p.theirs.id)
    if approved.status_code == 200:
        assert final == "approved"
        assert actions[-1] == "shift_request.approved"
        assert (mine, theirs) == ([world.colleague.id], [world.staff.id])
    else:
        assert final == "cancelled"
        assert actions[-1] == "shift_request.cancelled"
        assert (mine, theirs) == ([world.staff.id], [world.colleague.id])
        assert await events(database, "assignment.created") == []
    assert len(actions) == 3


@pytest.mark.parametrize("round_", range(2))
async def test_two_colleagues_race_for_one_drop(
    clients: Clients, world: World, database: Database, round_: int
) -> None:
    p = await pair(database, world, mine_at=at(round_))
    takers = [await staff_member(database, world) for _ in range(4)]
    staff = await clients.as_user(world.staff_user)
    rid = (await file(staff, drop(p)))["id"]
    callers = [await clients.as_user(u) for u, _ in takers]
    results = await gather(*(c.post(act(rid, "accept")) for c in callers))
    assert statuses(results) == Counter({200: 1, 409: 3})
    assert {r.json()["error"] for r in results if r.status_code == 409} == {
        "request_already_accepted"
    }
    winner = next(r for r in results if r.status_code == 200).json()["request"]
    assert (
        json_of(await staff.get(f"{URL}/{rid}"))["counterpart_person_id"]
        == (winner["counterpart_person_id"])
    )


async def test_concurrent_decisions_one_wins(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    rid = (await file(staff, offer(p, world)))["id"]
    json_of(await colleague.post(act(rid, "accept")))
    coord = await clients.as_user(world.coordinator)
    admin = await clients.as_user(world.admin)
    results = await gather(
        coord.post(act(rid, "approve")),
        admin.post(act(rid, "deny")),
        admin.post(act(rid, "approve")),
        coord.post(act(rid, "deny")),
    )
    assert statuses(results) == Counter({200: 1, 409: 3})
    assert {r.json()["error"] for r in results if r.status_code == 409} == {
        "request_already_decided"
    }
    assert len(await audit_actions(database, rid)) == 3


async def test_crossing_approvals_do_not_deadlock(
    clients: Clients, world: World, database: Database
) -> None:
    """Sam offers Cleo his shift while Cleo offers Sam hers; both approved at once."""
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    one = (await file(staff, offer(p, world)))["id"]
    back = {
        "kind": "offer",
        "assignment_id": str(p.their_assignment.id),
        "counterpart_person_id": str(world.staff.id),
    }
    two = (await file(colleague, back))["id"]
    json_of(await colleague.post(act(one, "accept")))
    json_of(await staff.post(act(two, "accept")))
    coord = await clients.as_user(world.coordinator)
    admin = await clients.as_user(world.admin)
    results = await gather(coord.post(act(one, "approve")), admin.post(act(two, "approve")))
    assert statuses(results) == Counter({200: 2}), [r.text for r in results]
    assert await live(database, p.mine.id) == [world.colleague.id]
    assert await live(database, p.theirs.id) == [world.staff.id]
