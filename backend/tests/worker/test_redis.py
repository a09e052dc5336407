"""Against the real Redis broker: a flushed Redis and a SIGKILLed worker lose nothing
and duplicate nothing, because the outbox is the source of truth."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.worker.outbox import enqueue
from shiftwise.worker.runtime import WorkerRuntime
from tests.fixtures.factories import World
from tests.worker.helpers import add_events, eventually, notifications, row
from tests.worker.slow_tasks import deliver_then_hang

BACKEND = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_settings(settings: Settings, redis_url: str) -> Settings:
    return settings.model_copy(update={"redis_url": redis_url, "relay_visibility_seconds": 1})


async def test_events_flow_through_redis(
    database: Database, redis_settings: Settings, world: World
) -> None:
    ids = await add_events(database, world, 20)
    runtime = WorkerRuntime(redis_settings, threads=2).start()
    try:

        async def delivered() -> bool:
            return await notifications(database) == 20

        await eventually(delivered)
    finally:
        runtime.stop()
    assert all([(await row(database, i)).processed_at is not None for i in ids])


async def test_a_flushed_redis_loses_no_pending_event(
    database: Database, redis_settings: Settings, redis_url: str, world: World
) -> None:
    from redis.asyncio import Redis

    ids = await add_events(database, world, 10)
    relay_only = WorkerRuntime(redis_settings, consume=False).start()
    try:

        async def all_dispatched() -> bool:
            return all([(await row(database, i)).dispatched_at is not None for i in ids])

        await eventually(all_dispatched)
    finally:
        relay_only.stop()
    client = Redis.from_url(redis_url)
    assert await client.dbsize() > 0
    await client.flushdb()  # every queued message is gone
    await client.aclose()

    runtime = WorkerRuntime(redis_settings, threads=2).start()
    try:

        async def delivered() -> bool:
            return await notifications(database) == 10

        await eventually(delivered)
    finally:
        runtime.stop()
    assert [await notifications(database, i) for i in ids] == [1] * 10


def start_worker(settings: Settings, marker: Path) -> subprocess.Popen[bytes]:
    env = os.environ | {
        "SHIFTWISE_DATABASE_URL": settings.database_url,
        "SHIFTWISE_REDIS_URL": settings.redis_url or "",
        "SHIFTWISE_ENVIRONMENT": "test",
        "SHIFTWISE_RELAY_POLL_SECONDS": "0.1",
        "SHIFTWISE_RELAY_VISIBILITY_SECONDS": "2",
        "SHIFTWISE_WORKER_IMPORTS": "tests.worker.slow_tasks",
        "SHIFTWISE_WORKER_THREADS": "1",
        "SHIFTWISE_TEST_MARKER": str(marker),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "shiftwise.cli", "worker"],
        cwd=BACKEND,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


async def test_a_worker_killed_mid_delivery_delivers_exactly_once(
    database: Database, redis_settings: Settings, world: World, tmp_path: Path
) -> None:
    async with database.session(write=True) as s:
        event = await enqueue(s, world.org.id, deliver_then_hang.message(person_id=world.staff.id))
    marker = tmp_path / "delivered-once"
    first = start_worker(redis_settings, marker)
    try:

        async def side_effect_done() -> bool:
            assert first.poll() is None, first.stderr.read() if first.stderr else ""
            return marker.exists()

        await eventually(side_effect_done, within=60)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    assert await notifications(database) == 1
    assert (await row(database, event.id)).processed_at is None

    second = start_worker(redis_settings, marker)
    try:

        async def finished() -> bool:
            return (await row(database, event.id)).processed_at is not None

        await eventually(finished, within=60)
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(15)
        except subprocess.TimeoutExpired:
            second.kill()
    assert await notifications(database) == 1
    assert (await row(database, event.id)).attempts == 2
