"""The outbox relay: hands committed, due rows to the broker and stamps dispatched_at.

It runs in worker processes (and the embedded worker), never in a request. Rows are
claimed with FOR UPDATE SKIP LOCKED on PostgreSQL, so relays in several processes
share the work; SQLite has a single writer anyway. A row dispatched but neither done
nor held by a live worker after `relay_visibility_seconds` is handed on again: the
outbox, not the broker, is the source of truth (a flushed Redis loses nothing).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from sqlalchemy import and_, or_, select

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.kit.time import utcnow
from shiftwise.models import OutboxEvent
from shiftwise.worker.actors import actor_for

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Dispatch:
    actor: str
    queue: str
    event_id: uuid.UUID


class Publisher(Protocol):
    def publish(self, dispatch: Dispatch) -> None:
        """Hand one message to the broker (blocking); raise when it cannot."""


def _publish_all(publisher: Publisher, batch: Sequence[Dispatch]) -> tuple[int, Exception | None]:
    for done, dispatch in enumerate(batch):
        try:
            publisher.publish(dispatch)
        except Exception as exc:  # the broker is down: keep what went, retry the rest
            return done, exc
    return len(batch), None


async def relay_once(database: Database, publisher: Publisher, settings: Settings) -> int:
    """Hand one batch of due rows to the broker; return how many went."""
    now = utcnow()
    stale = now - timedelta(seconds=settings.relay_visibility_seconds)
    stmt = (
        select(OutboxEvent)
        .where(
            OutboxEvent.processed_at.is_(None),
            OutboxEvent.dead_at.is_(None),
            OutboxEvent.available_at <= now,
            or_(
                OutboxEvent.dispatched_at.is_(None),
                and_(
                    OutboxEvent.dispatched_at < stale,
                    or_(OutboxEvent.lease_until.is_(None), OutboxEvent.lease_until < now),
                ),
            ),
        )
        .order_by(OutboxEvent.available_at)
        .limit(settings.relay_batch_size)
        .with_for_update(skip_locked=True)
    )
    async with database.session(write=True) as session:
        rows = list((await session.scalars(stmt)).all())
        if not rows:
            return 0
        batch = []
        for row in rows:
            handler = actor_for(row.topic)
            batch.append(Dispatch(handler.name, handler.queue, row.id))
        sent, error = await asyncio.to_thread(_publish_all, publisher, batch)
        stamped = utcnow()
        for row in rows[:sent]:
            if row.dispatched_at is not None:
                log.info("outbox row %s handed on again after its visibility timeout", row.id)
            row.dispatched_at = stamped
    if error is not None:
        log.warning("relay: broker refused a message (%s); %d rows wait", error, len(rows) - sent)
    return sent


async def run_relay(
    database: Database, publisher: Publisher, settings: Settings, stop: asyncio.Event
) -> None:
    """Poll until `stop` is set; a full batch is followed at once by the next."""
    while not stop.is_set():
        try:
            sent = await relay_once(database, publisher, settings)
        except Exception:
            log.exception("relay pass failed")
            sent = 0
        if sent < settings.relay_batch_size:
            try:
                await asyncio.wait_for(stop.wait(), settings.relay_poll_seconds)
            except TimeoutError:
                pass
