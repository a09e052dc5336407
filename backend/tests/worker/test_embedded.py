"""The worker inside the API server (no Redis configured): `make run` needs no services."""

from __future__ import annotations

from datetime import timedelta

import pytest

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.kit.time import utcnow
from shiftwise.models import ShiftState
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.worker.helpers import eventually, notifications


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        environment="test",
        static_dir=None,
        log_level="WARNING",
        worker_embedded=True,
        worker_threads=2,
        relay_poll_seconds=0.05,
    )


async def assign_on_published_shift(clients: Clients, database: Database, world: World) -> None:
    start = (utcnow() + timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)
    async with database.session(write=True) as s:
        shift = await factories.shift(s, world.loc, start, state=ShiftState.published)
    c = await clients.as_user(world.coordinator)
    r = await c.post(
        f"/api/v1/shifts/{shift.id}/assignments", json={"person_id": str(world.staff.id)}
    )
    assert r.status_code == 201, r.text


async def test_an_assignment_reaches_the_inbox_through_the_embedded_worker(
    clients: Clients, database: Database, world: World
) -> None:
    await assign_on_published_shift(clients, database, world)

    async def delivered() -> bool:
        return await notifications(database) == 1

    await eventually(delivered)


def test_the_embedded_worker_is_on_by_default_only_without_redis() -> None:
    assert Settings(environment="development").runs_embedded_worker
    assert not Settings(environment="development", redis_url="redis://x").runs_embedded_worker
    assert not Settings(environment="test").runs_embedded_worker
