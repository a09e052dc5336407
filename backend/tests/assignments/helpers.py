"""Shared arrangements for shift and assignment tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.models import ComplianceRuleSetting, OutboxEvent
from shiftwise.models.base import Base
from tests.fixtures.factories import World

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


async def rule_layer(
    s: AsyncSession, world: World, layer: dict[str, Any], scope: str = "organisation"
) -> None:
    """Store one rule layer directly (the API's own tests are in tests/compliance)."""
    location_id = person_id = None
    if scope.startswith("location:"):
        location_id = uuid.UUID(scope.split(":", 1)[1])
    elif scope.startswith("person:"):
        person_id = uuid.UUID(scope.split(":", 1)[1])
    s.add(
        ComplianceRuleSetting(
            organisation_id=world.org.id,
            scope_key=scope,
            location_id=location_id,
            person_id=person_id,
            rules=layer,
        )
    )
    await s.flush()


def violation_rules(r: httpx.Response) -> list[str]:
    return [v["rule"] for v in r.json().get("violations", [])]


def warning_rules(r: httpx.Response) -> list[str]:
    return [v["rule"] for v in r.json().get("warnings", [])]


async def count_rows(session: AsyncSession, *models: type[Base]) -> tuple[int, ...]:
    """Row counts, to show a call changed nothing."""
    await session.rollback()  # end any earlier read, to see what has been committed since
    counts = []
    for model in models:
        counts.append(int(await session.scalar(select(func.count()).select_from(model)) or 0))
    return tuple(counts)


async def events(session: AsyncSession, topic: str) -> list[OutboxEvent]:
    await session.rollback()  # end any earlier read, to see what has been committed since
    rows = await session.scalars(
        select(OutboxEvent).where(OutboxEvent.topic == topic).order_by(OutboxEvent.created_at)
    )
    return list(rows.all())
