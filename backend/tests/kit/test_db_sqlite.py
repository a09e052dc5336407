"""aiosqlite with one trip to its thread per statement (shiftwise/db_sqlite.py), on a real
SQLite file whatever database the suite runs on."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from shiftwise.db import create_engine
from shiftwise.db_sqlite import OneTripConnection

metadata = MetaData()
things = Table(
    "things",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(20), unique=True, nullable=False),
)


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(url=f"sqlite+aiosqlite:///{tmp_path / 'one-trip.db'}")
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    yield engine
    await engine.dispose()


@pytest.fixture
def trips(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many functions were queued to aiosqlite's thread."""
    count = [0]
    real = aiosqlite.Connection._execute

    async def counting(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        count[0] += 1
        return await real(self, fn, *args, **kwargs)  # type: ignore[no-untyped-call]

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counting)
    return count


async def test_a_statement_is_one_trip_with_its_rows(engine: AsyncEngine, trips: list[int]) -> None:
    async with engine.connect() as conn:
        raw = await conn.get_raw_connection()
        assert isinstance(raw.dbapi_connection, OneTripConnection)
        await conn.execute(insert(things), [{"name": f"t{i}"} for i in range(5)])
        trips[0] = 0
        result = await conn.execute(select(things.c.id, things.c.name).order_by(things.c.id))
        assert trips[0] == 1
        assert list(result.keys()) == ["id", "name"]
        assert [name for _, name in result] == [f"t{i}" for i in range(5)]

        trips[0] = 0
        changed = await conn.execute(
            update(things).where(things.c.id <= 3).values(name=things.c.name + "!")
        )
        assert trips[0] == 1
        assert changed.rowcount == 3
        added = await conn.execute(insert(things).values(name="last"))
        assert added.inserted_primary_key == (6,)


async def test_errors_and_streams_behave_as_before(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        await conn.execute(insert(things).values(name="same"))
        with pytest.raises(IntegrityError):
            await conn.execute(insert(things).values(name="same"))
        await conn.rollback()
        await conn.execute(insert(things), [{"name": f"s{i}"} for i in range(50)])
        streamed = await conn.stream(select(things.c.name).order_by(things.c.id))
        names = [row.name async for row in streamed]
        assert names == [f"s{i}" for i in range(50)]
        assert (await conn.execute(text("SELECT count(*) FROM things"))).scalar_one() == 50
