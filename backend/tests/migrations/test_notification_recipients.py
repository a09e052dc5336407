"""0006: a person's stored notification preferences survive the upgrade (keyed by a new
id), and the notification tables accept exactly one recipient, on both databases."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from shiftwise.db import create_engine
from tests.fixtures.database import TestDatabases, downgrade, migrate

STAMP = "'2030-01-01 09:00:00+00:00'"


@pytest.fixture
def at_0005(databases: TestDatabases) -> Iterator[str]:
    url = databases.fresh()
    downgrade(url, "0005")
    yield url
    databases.drop(url)


async def test_preferences_survive_and_one_recipient_is_enforced(at_0005: str) -> None:
    ids = {k: uuid.uuid4() for k in ("org", "person", "user", "note")}
    engine = create_engine(url=at_0005)
    is_pg = engine.dialect.name == "postgresql"
    params = {k: (v if is_pg else v.hex) for k, v in ids.items()}
    async with engine.begin() as conn:
        for sql in (
            "INSERT INTO organisations (id, name, default_time_zone, week_start, settings,"
            f" created_at, updated_at) VALUES (:org, 'O', 'UTC', 0, '{{}}', {STAMP}, {STAMP})",
            "INSERT INTO people (id, organisation_id, display_name, employment_type, is_active,"
            f" created_at, updated_at) VALUES (:person, :org, 'P', 'casual', true, {STAMP},"
            f" {STAMP})",
            "INSERT INTO notification_preferences (person_id, organisation_id, channels,"
            f" reminder_offsets_minutes, updated_at) VALUES (:person, :org, '{{}}', '[60]',"
            f" {STAMP})",
        ):
            await conn.execute(text(sql), params)
    await engine.dispose()

    await asyncio.to_thread(migrate, at_0005)

    engine = create_engine(url=at_0005)
    try:
        async with engine.connect() as conn:
            row = (
                await conn.execute(text("SELECT id, person_id FROM notification_preferences"))
            ).one()
        assert str(row[0]).replace("-", "") == str(row[1]).replace("-", "")
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO users (id, organisation_id, email_ciphertext, email_hash, role,"
                    f" is_active, created_at, updated_at) VALUES (:user, :org, 'x', 'h',"
                    f" 'coordinator', true, {STAMP}, {STAMP})"
                ),
                params,
            )
            await conn.execute(
                text(
                    "INSERT INTO notifications (id, organisation_id, user_id, topic, payload,"
                    f" idempotency_key, created_at) VALUES (:note, :org, :user, 't', '{{}}',"
                    f" 'k1', {STAMP})"
                ),
                params,
            )
        for recipients in ("NULL, NULL", ":person, :user"):
            with pytest.raises(IntegrityError):
                async with engine.begin() as conn:
                    await conn.execute(
                        text(
                            "INSERT INTO notifications (id, organisation_id, person_id, user_id,"
                            f" topic, payload, idempotency_key, created_at) VALUES (:new, :org,"
                            f" {recipients}, 't', '{{}}', :key, {STAMP})"
                        ),
                        params
                        | {
                            "new": uuid.uuid4() if is_pg else uuid.uuid4().hex,
                            "key": uuid.uuid4().hex,
                        },
                    )
    finally:
        await engine.dispose()
