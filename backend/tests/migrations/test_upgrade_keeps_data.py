"""Upgrading a database that already holds a schedule keeps every row.

SQLite alters tables by rebuilding them; with foreign keys enforced, dropping the old
`shifts` table would cascade into `assignments`. This proves the migration path keeps
them (and that the foreign keys still hold afterwards).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from shiftwise.db import create_engine
from tests.fixtures.database import TestDatabases, downgrade, migrate


@pytest.fixture
def base_url(databases: TestDatabases) -> Iterator[str]:
    url = databases.fresh()
    downgrade(url, "0001")
    yield url
    databases.drop(url)


async def test_upgrade_from_0001_keeps_assignments(base_url: str) -> None:
    ids = {k: str(uuid.uuid4()) for k in ("org", "loc", "person", "shift", "assignment")}
    engine = create_engine(url=base_url)
    stamp = "'2030-01-01 09:00:00+00:00'"
    finish = "'2030-01-01 17:00:00+00:00'"
    statements = [
        f"INSERT INTO organisations (id, name, default_time_zone, week_start, settings, created_at,"
        f" updated_at) VALUES (:org, 'O', 'UTC', 0, '{{}}', {stamp}, {stamp})",
        f"INSERT INTO locations (id, organisation_id, name, time_zone, created_at, updated_at)"
        f" VALUES (:loc, :org, 'L', 'UTC', {stamp}, {stamp})",
        f"INSERT INTO people (id, organisation_id, display_name, employment_type, is_active,"
        f" created_at, updated_at) VALUES (:person, :org, 'P', 'casual', true, {stamp}, {stamp})",
        f"INSERT INTO shifts (id, organisation_id, location_id, starts_at, ends_at, break_minutes,"
        f" headcount, state, created_at, updated_at) VALUES (:shift, :org, :loc, {stamp},"
        f" {finish}, 0, 1, 'draft', {stamp}, {stamp})",
        f"INSERT INTO assignments (id, organisation_id, shift_id, person_id, starts_at, ends_at,"
        f" source, state, created_at, updated_at) VALUES (:assignment, :org, :shift, :person,"
        f" {stamp}, {finish}, 'manual', 'assigned', {stamp}, {stamp})",
    ]
    is_pg = engine.dialect.name == "postgresql"
    params = {k: (uuid.UUID(v) if is_pg else uuid.UUID(v).hex) for k, v in ids.items()}
    async with engine.begin() as conn:
        for sql in statements:
            await conn.execute(text(sql), params)
    await engine.dispose()

    await asyncio.to_thread(migrate, base_url)

    engine = create_engine(url=base_url)
    async with engine.connect() as conn:
        count = await conn.scalar(text("SELECT count(*) FROM assignments"))
        shifts = await conn.scalar(text("SELECT count(*) FROM shifts WHERE detached = false"))
    await engine.dispose()
    assert count == 1
    assert shifts == 1
