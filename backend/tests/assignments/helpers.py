"""Shared arrangements for shift and assignment tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# A Monday before the 2030 daylight-saving change, so London time equals UTC.
T0 = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)


def iso(value: datetime) -> str:
    return value.isoformat()


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


async def post_ok(client: httpx.AsyncClient, url: str, body: Any | None = None) -> Any:
    r = await client.post(url, json=body)
    assert r.status_code in (200, 201), r.text
    return r.json()


async def overlapping_live_pairs(session: AsyncSession) -> int:
    """Pairs of live assignments of one person whose times overlap (must always be 0)."""
    found = await session.scalar(
        text(
            "SELECT count(*) FROM assignments a JOIN assignments b "
            "ON a.person_id = b.person_id AND a.id < b.id "
            "AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at "
            "WHERE a.state = 'assigned' AND b.state = 'assigned'"
        )
    )
    return int(found or 0)
