"""Arrangements shared by the week grid, candidates and publishing tests."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.db import Database
from shiftwise.models import (
    AvailabilityException,
    AvailabilitySlot,
    AvailabilityStatus,
    OutboxEvent,
    Person,
    Shift,
    ShiftState,
)
from tests.fixtures.factories import World

# A Monday before the 2030 daylight-saving change, so London time equals UTC.
MONDAY = date(2030, 3, 4)


# The ids of the people each grid build judged (the `judged` fixture, conftest.py).
Judged = list[set[uuid.UUID]]


def utc(day: date, hour: float) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC) + timedelta(hours=hour)


@asynccontextmanager
async def counting(database: Database) -> AsyncIterator[list[str]]:
    """The SQL statements sent while the block runs."""
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(database.engine.sync_engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", count)


async def statements(
    database: Database, call: Callable[[], Awaitable[httpx.Response]]
) -> tuple[httpx.Response, int]:
    async with counting(database) as seen:
        r = await call()
    assert r.status_code == 200, r.text
    return r, len(seen)


def slot(
    world: World,
    person: Person,
    weekday: int,
    start: time,
    end: time,
    status: AvailabilityStatus,
) -> AvailabilitySlot:
    return AvailabilitySlot(
        id=uuid.uuid4(),
        organisation_id=world.org.id,
        person_id=person.id,
        weekday=weekday,
        start_time=start,
        end_time=end,
        status=status,
    )


def exception(
    world: World, person: Person, day: date, status: AvailabilityStatus
) -> AvailabilityException:
    return AvailabilityException(
        id=uuid.uuid4(),
        organisation_id=world.org.id,
        person_id=person.id,
        exception_date=day,
        status=status,
    )


async def set_contract(
    session: AsyncSession, person: Person, *, rate: str | None = "15.00", weekly: str | None = None
) -> None:
    person.hourly_rate = None if rate is None else Decimal(rate)
    person.contracted_hours_per_week = None if weekly is None else Decimal(weekly)
    await session.flush()


async def events(session: AsyncSession, topic: str | None = None) -> list[OutboxEvent]:
    """Committed outbox events (ends the session's earlier read first)."""
    await session.rollback()
    stmt = select(OutboxEvent).order_by(OutboxEvent.created_at, OutboxEvent.dedupe_key)
    if topic is not None:
        stmt = stmt.where(OutboxEvent.topic == topic)
    return list((await session.scalars(stmt)).all())


async def shift_states(session: AsyncSession) -> dict[uuid.UUID, ShiftState]:
    await session.rollback()
    rows = await session.execute(select(Shift.id, Shift.state))
    return {row[0]: row[1] for row in rows}
