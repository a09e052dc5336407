"""Shared arrangements for worker tests: events, a recording publisher, polling."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy import func, select, update

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.kit.time import utcnow
from shiftwise.models import Notification, OutboxEvent
from shiftwise.worker.executor import Outcome, execute
from shiftwise.worker.outbox import record_event
from shiftwise.worker.relay import Dispatch, relay_once
from tests.fixtures.factories import World


class RecordingPublisher:
    """A broker stand-in that keeps what it is given; `fail` makes it refuse."""

    def __init__(self) -> None:
        self.sent: list[Dispatch] = []
        self.fail = False
        self.lock = threading.Lock()

    def publish(self, dispatch: Dispatch) -> None:
        if self.fail:
            raise ConnectionError("broker unreachable")
        with self.lock:
            self.sent.append(dispatch)

    def take(self) -> list[Dispatch]:
        with self.lock:
            out, self.sent = self.sent, []
        return out


async def add_events(
    database: Database, world: World, n: int = 1, topic: str = "assignment.created"
) -> list[uuid.UUID]:
    async with database.session(write=True) as s:
        events = [
            await record_event(s, world.org.id, topic, person_id=world.staff.id, payload={"n": i})
            for i in range(n)
        ]
        return [e.id for e in events]


async def drain(
    database: Database, settings: Settings, publisher: RecordingPublisher
) -> list[Outcome]:
    """Relay once and run everything handed on, like one worker would."""
    await relay_once(database, publisher, settings)
    return [await execute(database, settings, d.event_id) for d in publisher.take()]


async def notifications(database: Database, event_id: uuid.UUID | None = None) -> int:
    async with database.session(write=False) as s:
        stmt = select(func.count()).select_from(Notification)
        if event_id is not None:
            stmt = stmt.where(Notification.event_id == event_id)
        return int(await s.scalar(stmt) or 0)


async def row(database: Database, event_id: uuid.UUID) -> OutboxEvent:
    async with database.session(write=False) as s:
        found = await s.get(OutboxEvent, event_id)
        assert found is not None
        return found


async def age_dispatch(database: Database, seconds: float) -> None:
    """Pretend every dispatch (and lease) happened `seconds` ago."""
    past = utcnow() - timedelta(seconds=seconds)
    async with database.session(write=True) as s:
        await s.execute(
            update(OutboxEvent)
            .where(OutboxEvent.dispatched_at.is_not(None))
            .values(dispatched_at=past, lease_until=None)
        )


async def eventually(
    check: Callable[[], Awaitable[bool]], within: float = 20, interval: float = 0.05
) -> None:
    deadline = time.monotonic() + within
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(interval)
