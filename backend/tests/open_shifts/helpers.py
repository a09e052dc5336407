"""Shared arrangements for open-shift and shift-request tests (times are in the future)."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select

from shiftwise.db import Database
from shiftwise.models import AuditEntry, OutboxEvent

# Midnight UTC of a Monday two to three weeks ahead: claims and requests need the future.
_today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
MONDAY = _today + timedelta(days=14 + (7 - _today.weekday()) % 7)


def at(day: float, hour: float = 9) -> datetime:
    """An instant `day` days after MONDAY at `hour` UTC."""
    return MONDAY + timedelta(days=day, hours=hour)


def json_of(r: httpx.Response, status: int = 200) -> Any:
    assert r.status_code == status, r.text
    return r.json()


def error_of(r: httpx.Response) -> tuple[int, str]:
    return r.status_code, r.json().get("error", "")


def rules_of(r: httpx.Response) -> list[str]:
    return [v["rule"] for v in r.json().get("violations") or []]


def answered(results: Sequence[httpx.Response | BaseException]) -> list[httpx.Response]:
    """Every request answered (an unhandled error would surface here as an exception)."""
    errors = [r for r in results if isinstance(r, BaseException)]
    assert errors == [], errors[:3]
    return [r for r in results if isinstance(r, httpx.Response)]


def statuses(responses: Sequence[httpx.Response]) -> Counter[int]:
    return Counter(r.status_code for r in responses)


async def gather(*calls: Any) -> list[httpx.Response]:
    return answered(await asyncio.gather(*calls, return_exceptions=True))


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
