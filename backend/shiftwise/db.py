"""Engines and sessions.

SQLite: WAL, foreign keys and a busy timeout on every connection, and BEGIN issued by
us so that write transactions take the write lock up front (`BEGIN IMMEDIATE`) instead
of failing with SQLITE_BUSY when a read turns into a write; aiosqlite's statements take
one trip to its thread each (db_sqlite.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.engine.url import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from shiftwise import db_sqlite
from shiftwise.config import Settings, get_settings
from shiftwise.schedule import version as schedule_version

WRITE = {"sqlite_begin": "IMMEDIATE"}


def _install_sqlite_events(engine: AsyncEngine, *, foreign_keys: bool) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA busy_timeout = 15000")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def create_engine(
    settings: Settings | None = None, url: str | None = None, *, foreign_keys: bool = True
) -> AsyncEngine:
    """The app's engine. `foreign_keys=False` is for SQLite migrations only: rebuilding a
    table (Alembic batch mode) drops it, and with enforcement on that would cascade."""
    settings = settings or get_settings()
    url = url or settings.database_url
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            url,
            pool_size=10,
            max_overflow=40,
            pool_timeout=60,
            connect_args={"timeout": 15},
            # One trip to aiosqlite's thread per statement instead of four (db_sqlite.py).
            **({"module": db_sqlite.dbapi()} if parsed.get_driver_name() == "aiosqlite" else {}),
        )
        _install_sqlite_events(engine, foreign_keys=foreign_keys)
        return engine
    return create_async_engine(url, pool_size=10, max_overflow=40, pool_pre_ping=True)


class Database:
    """One engine and its session factory for the life of the app."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
        # Every grid-relevant write bumps its organisation's schedule version.
        schedule_version.install()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @asynccontextmanager
    async def session(self, *, write: bool) -> AsyncIterator[AsyncSession]:
        """A session whose transaction commits when the block ends without error."""
        async with self.sessionmaker() as session:
            if write and self.is_sqlite:
                await session.connection(execution_options=WRITE)
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    async def dispose(self) -> None:
        await self.engine.dispose()
