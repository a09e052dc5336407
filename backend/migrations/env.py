"""Alembic runs migrations through the app's own engine factory (same pragmas)."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from shiftwise.db import create_engine
from shiftwise.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        if connection.dialect.name == "sqlite":
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"migration left dangling foreign keys: {problems[:5]}")


async def _main() -> None:
    url = config.attributes.get("database_url") or config.get_main_option("sqlalchemy.url")
    # SQLite rebuilds tables to alter them; foreign keys stay unenforced while it does
    # (a rebuild drops the old table, which would otherwise cascade), checked after.
    engine = create_engine(url=url or None, foreign_keys=False)
    async with engine.connect() as connection:
        await connection.run_sync(_run)
        await connection.commit()
    await engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported")
existing = config.attributes.get("connection")
if existing is not None:
    _run(existing)
else:
    asyncio.run(_main())
