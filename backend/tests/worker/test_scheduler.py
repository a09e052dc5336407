"""Periodic jobs: one outbox row per job, organisation and slot, however many schedulers."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from shiftwise.config import Settings
from shiftwise.db import Database, create_engine
from shiftwise.kit.time import utcnow
from shiftwise.models import OutboxEvent
from shiftwise.worker.actors import load_actors
from shiftwise.worker.scheduler import periodic_jobs, slot_of, tick
from tests.fixtures.factories import World
from tests.worker.helpers import RecordingPublisher, drain

load_actors()


async def purge_rows(database: Database) -> int:
    async with database.session(write=False) as s:
        found = await s.scalar(
            select(func.count()).select_from(OutboxEvent).where(OutboxEvent.topic == "outbox.purge")
        )
        return int(found or 0)


def test_slots_are_aligned_so_every_scheduler_agrees() -> None:
    every = timedelta(hours=6)
    a = datetime(2030, 3, 4, 7, 59, tzinfo=UTC)
    assert slot_of(a, every) == datetime(2030, 3, 4, 6, 0, tzinfo=UTC)
    assert slot_of(a + timedelta(hours=5), every) == datetime(2030, 3, 4, 12, 0, tzinfo=UTC)
    assert "outbox.purge" in periodic_jobs()


async def test_ticking_twice_in_a_slot_enqueues_once(database: Database, world: World) -> None:
    now = slot_of(utcnow(), timedelta(hours=6)) + timedelta(minutes=1)
    per_slot = 2 * len(periodic_jobs())  # two organisations
    assert await tick(database, now) == per_slot
    assert await tick(database, now + timedelta(seconds=1)) == 0
    assert await purge_rows(database) == 2
    assert await tick(database, now + timedelta(hours=6)) >= 2


async def test_two_schedulers_at_once_do_no_double_work(
    database: Database, settings: Settings, world: World
) -> None:
    other = Database(create_engine(settings))
    try:
        now = slot_of(utcnow(), timedelta(hours=6)) + timedelta(minutes=1)
        results = await asyncio.gather(
            *(tick(db, now) for db in (database, other, database, other))
        )
    finally:
        await other.dispose()
    assert sum(results) == 2 * len(periodic_jobs())
    assert await purge_rows(database) == 2


async def test_purge_deletes_old_done_rows_and_keeps_the_rest(
    database: Database, settings: Settings, world: World
) -> None:
    from tests.worker.helpers import add_events

    old, fresh = await add_events(database, world, 2)
    publisher = RecordingPublisher()
    await drain(database, settings, publisher)
    async with database.session(write=True) as s:
        row = await s.get(OutboxEvent, old)
        assert row is not None
        row.processed_at = utcnow() - timedelta(days=settings.outbox_retention_days + 1)
    await tick(database)
    await drain(database, settings, publisher)
    async with database.session(write=False) as s:
        assert await s.get(OutboxEvent, old) is None
        assert await s.get(OutboxEvent, fresh) is not None
