"""Shared arrangements for time-off tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select

from shiftwise.db import Database
from shiftwise.models import AuditEntry, OutboxEvent

# A Monday in 2030 before the clocks change, so London time equals UTC.
T0 = datetime(2030, 3, 4, 0, 0, tzinfo=UTC)
URL = "/api/v1/time-off-requests"


def day(n: float) -> datetime:
    return T0 + timedelta(days=n)


def period(first: float, days: float, **extra: Any) -> dict[str, Any]:
    return {
        "starts_at": day(first).isoformat(),
        "ends_at": day(first + days).isoformat(),
        "kind": "vacation",
    } | extra


async def file(client: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    r = await client.post(URL, json=body)
    assert r.status_code == 201, r.text
    found: dict[str, Any] = r.json()
    return found


async def events(database: Database, topic: str | None = None) -> list[OutboxEvent]:
    async with database.sessionmaker() as s:
        stmt = select(OutboxEvent).order_by(OutboxEvent.created_at, OutboxEvent.topic)
        if topic is not None:
            stmt = stmt.where(OutboxEvent.topic == topic)
        return list((await s.scalars(stmt)).all())


async def audit_actions(database: Database, record_id: uuid.UUID | str) -> list[str]:
    async with database.sessionmaker() as s:
        rows = await s.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.record_id == uuid.UUID(str(record_id)))
            .order_by(AuditEntry.created_at)
        )
        return list(rows.all())
