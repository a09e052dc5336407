"""Runs this package's authorisation-matrix rows, so they hold before the matrix imports them."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from shiftwise.db import Database
from tests.authz.matrix import Actor, Ctx
from tests.conftest import Clients
from tests.fixtures.factories import World
from tests.people.authz_rows import ROWS

OWNED = (
    "/api/v1/organisation",
    "/api/v1/skills",
    "/api/v1/people",
    "/api/v1/users",
    "/api/v1/audit-entries",
)


def test_rows_cover_exactly_these_operations(app: FastAPI) -> None:
    operations = {
        (method.upper(), path)
        for path, item in app.openapi()["paths"].items()
        if path.startswith(OWNED)
        for method in item
    }
    assert {(r.method, r.path) for r in ROWS} == operations
    assert all(set(r.expect) == set(Actor) for r in ROWS)


async def _signed_in(actor: Actor, world: World, clients: Clients) -> httpx.AsyncClient:
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


async def test_every_caller_gets_the_expected_status(
    world: World, clients: Clients, database: Database
) -> None:
    sessions = {actor: await _signed_in(actor, world, clients) for actor in Actor}
    failures: list[str] = []
    for r in ROWS:
        for actor, expected in r.expect.items():
            async with database.session(write=True) as s:
                call = await r.build(Ctx(s, world, actor))
            response = await sessions[actor].request(r.method, call.path, json=call.json)
            if response.status_code != expected:
                failures.append(
                    f"{r.method} {r.path} as {actor.value}: expected {expected}, "
                    f"got {response.status_code} {response.text[:200]}"
                )
    assert not failures, "\n".join(failures)
