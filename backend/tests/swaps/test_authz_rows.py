"""Runs the open-shift and shift-request matrix rows until tests/authz/test_matrix.py
imports them (then this file can go)."""

from __future__ import annotations

import httpx

from shiftwise.db import Database
from tests.authz.matrix import Actor, Ctx
from tests.conftest import Clients
from tests.fixtures.factories import World
from tests.swaps.authz_rows import ROWS


async def _client_for(actor: Actor, world: World, clients: Clients) -> httpx.AsyncClient:
    user = {
        Actor.anonymous: None,
        Actor.staff_own: world.staff_user,
        Actor.staff_other: world.staff_user,
        Actor.coordinator: world.coordinator,
        Actor.coordinator_other: world.other_coordinator,
        Actor.foreign_admin: world.foreign_admin,
        Actor.admin: world.admin,
    }[actor]
    return clients.anonymous() if user is None else await clients.as_user(user)


async def test_open_shift_and_shift_request_rows(
    world: World, clients: Clients, database: Database
) -> None:
    failures: list[str] = []
    sessions = {actor: await _client_for(actor, world, clients) for actor in Actor}
    for r in ROWS:
        assert set(r.expect) == set(Actor)
        for actor, expected in r.expect.items():
            async with database.session(write=True) as s:
                call = await r.build(Ctx(s, world, actor))
            response = await sessions[actor].request(r.method, call.path, json=call.json)
            if response.status_code != expected:
                failures.append(
                    f"{r.method} {r.path} as {actor.value}: expected {expected}, "
                    f"got {response.status_code} {response.text[:200]}"
                )
            if response.status_code >= 400:
                assert {"error", "detail"} <= set(response.json()), response.text
    assert not failures, "\n".join(failures)
