"""The migration chain runs forwards, all the way back, and forwards again."""

from __future__ import annotations

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from shiftwise.db import create_engine
from shiftwise.models import Base
from tests.fixtures import database as test_db


async def _tables(url: str) -> set[str]:
    engine = create_engine(url=url)
    try:
        async with engine.connect() as conn:
            names = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    finally:
        await engine.dispose()
    return names - {"alembic_version"}


def test_upgrade_downgrade_upgrade(databases: test_db.TestDatabases) -> None:
    url = databases.fresh()  # already at head
    try:
        expected = set(Base.metadata.tables)
        assert asyncio.run(_tables(url)) == expected
        test_db.downgrade(url, "base")
        assert asyncio.run(_tables(url)) == set()
        test_db.migrate(url, "head")
        assert asyncio.run(_tables(url)) == expected
    finally:
        databases.drop(url)


async def _schema_drift(url: str) -> list[object]:
    engine = create_engine(url=url)
    try:
        async with engine.connect() as conn:

            def compare(sync_conn: Connection) -> list[object]:
                context = MigrationContext.configure(sync_conn, opts={"compare_type": True})
                return list(compare_metadata(context, Base.metadata))

            return await conn.run_sync(compare)
    finally:
        await engine.dispose()


def test_models_match_the_migrations(databases: test_db.TestDatabases) -> None:
    """A model changed without a migration (or the reverse) shows up here."""
    url = databases.fresh()
    try:
        assert asyncio.run(_schema_drift(url)) == []
    finally:
        databases.drop(url)
