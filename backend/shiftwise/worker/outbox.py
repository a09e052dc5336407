"""Recording events and jobs, in the transaction of the change that caused them.

Nothing here talks to a broker: the relay (relay.py) hands committed rows on.
Recording the same `dedupe_key` twice keeps the first row.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.kit.time import utcnow
from shiftwise.models import OutboxEvent
from shiftwise.worker.actors import Job


async def record_event(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    topic: str,
    *,
    person_id: uuid.UUID | None = None,
    payload: dict[str, Any] | None = None,
    dedupe_key: str | None = None,
) -> OutboxEvent:
    """Add one event (e.g. topic "assignment.created" for the person it concerns)."""
    if dedupe_key is not None:
        existing = await session.scalar(
            select(OutboxEvent).where(OutboxEvent.dedupe_key == dedupe_key)
        )
        if existing is not None:
            return existing
    event = OutboxEvent(
        organisation_id=organisation_id,
        topic=topic,
        person_id=person_id,
        payload=payload or {},
        dedupe_key=dedupe_key,
    )
    session.add(event)
    await session.flush()
    return event


async def enqueue(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    job: Job,
    *,
    person_id: uuid.UUID | None = None,
    dedupe_key: str | None = None,
    delay: timedelta | None = None,
) -> OutboxEvent:
    """Write a job (an actor's message) to the outbox; it runs after this transaction commits."""
    if dedupe_key is not None:
        existing = await session.scalar(
            select(OutboxEvent).where(OutboxEvent.dedupe_key == dedupe_key)
        )
        if existing is not None:
            return existing
    event = OutboxEvent(
        organisation_id=organisation_id,
        topic=job.actor,
        person_id=person_id,
        payload=job.args,
        dedupe_key=dedupe_key,
        available_at=utcnow() + (delay or timedelta(0)),
    )
    session.add(event)
    await session.flush()
    return event
