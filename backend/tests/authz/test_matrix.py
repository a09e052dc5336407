from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from shiftwise.db import Database
from tests.authz.matrix import Actor, Ctx, Row
from tests.authz.rows_core import ROWS as CORE
from tests.authz.rows_delivery import ROWS as DELIVERY
from tests.authz.rows_notify_contact import ROWS as NOTIFY_CONTACT
from tests.authz.rows_notify_delivery import ROWS as NOTIFY_DELIVERY
from tests.authz.rows_notify_inbox import ROWS as NOTIFY_INBOX
from tests.authz.rows_people import ROWS as PEOPLE
from tests.authz.rows_people_time import ROWS as PEOPLE_TIME
from tests.authz.rows_planning import ROWS as PLANNING
from tests.authz.rows_schedule import ROWS as SCHEDULE
from tests.authz.rows_shifts import ROWS as SHIFTS
from tests.authz.rows_swaps import ROWS as SWAPS
from tests.conftest import Clients
from tests.fixtures.factories import World

ROWS: list[Row] = [
    *CORE,
    *PEOPLE,
    *SHIFTS,
    *PLANNING,
    *PEOPLE_TIME,
    *DELIVERY,
    *SCHEDULE,
    *SWAPS,
    *NOTIFY_DELIVERY,
    *NOTIFY_INBOX,
    *NOTIFY_CONTACT,
]
METHODS = {"get", "post", "put", "patch", "delete"}


def test_every_operation_has_a_row(app: FastAPI) -> None:
    spec = app.openapi()
    operations = {
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in METHODS
    }
    covered = {(r.method, r.path) for r in ROWS}
    assert not operations - covered, (
        f"operations without an authorisation row: {sorted(operations - covered)}"
    )
    assert not covered - operations, (
        f"rows for operations that no longer exist: {sorted(covered - operations)}"
    )


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


async def test_authorisation_matrix(world: World, clients: Clients, database: Database) -> None:
    """One database for the whole matrix: each call builds its own target records."""
    failures: list[str] = []
    sessions = {actor: await _client_for(actor, world, clients) for actor in Actor}
    for r in ROWS:
        for actor, expected in r.expect.items():
            async with database.session(write=True) as s:
                call = await r.build(Ctx(s, world, actor))
            client = sessions[actor]
            if r.path == "/api/v1/auth/logout":
                client = await _client_for(actor, world, clients)
            response = await client.request(r.method, call.path, json=call.json)
            if response.status_code != expected:
                failures.append(
                    f"{r.method} {r.path} as {actor.value}: expected {expected}, "
                    f"got {response.status_code} {response.text[:200]}"
                )
            if response.status_code >= 400 and response.headers.get("content-type", "").startswith(
                "application/json"
            ):
                body = response.json()
                if not ("error" in body and "detail" in body):
                    failures.append(
                        f"{r.method} {r.path} as {actor.value}: error not in the error shape"
                    )
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r.method} {r.path}")
def test_rows_cover_every_actor(row: Row) -> None:
    assert set(row.expect) == set(Actor)
