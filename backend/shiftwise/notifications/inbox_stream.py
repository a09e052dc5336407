"""The Server-Sent Events stream of one login's inbox (its person's rows and its own).

Events: `unread_count` ({"unread": n}) first and after every change, `notification`
(the new row, as the list shows it, with its id as the SSE id) as rows arrive, and a
comment line as a heartbeat so proxies keep the connection and a vanished client is
noticed. The stream ends after `max_seconds` (the browser's EventSource reconnects
by itself after `retry` ms, and the reconnect re-checks the sign-in), when the client
goes away, or when the server shuts down (see `shutdown`).
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
import uuid
from collections.abc import AsyncIterator

import uvicorn
from redis.asyncio import Redis
from sqlalchemy import select

from shiftwise.auth.subject import Subject
from shiftwise.db import Database
from shiftwise.models import Notification
from shiftwise.notifications import inbox_live
from shiftwise.notifications.inbox_schemas import InboxNotification
from shiftwise.notifications.inbox_service import unread_count
from shiftwise.notifications.recipients import inbox_keys, inbox_owner

HEARTBEAT_SECONDS = 15.0
RECONNECT_MS = 3000


def shutdown() -> None:
    """End every open stream of this process."""
    inbox_live.HUB.close_all()


class Server(uvicorn.Server):
    """uvicorn waits for open responses to finish before it stops (and before the app's
    lifespan ends): streams are told to end first, so stopping is prompt and clean."""

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        shutdown()
        await super().shutdown(sockets)


def _event(name: str, data: str, event_id: str | None = None) -> str:
    head = f"event: {name}\n" + (f"id: {event_id}\n" if event_id else "")
    return head + "".join(f"data: {line}\n" for line in data.splitlines()) + "\n"


async def _snapshot(
    database: Database,
    subject: Subject,
    ids: list[uuid.UUID],
) -> tuple[list[InboxNotification], int]:
    async with database.session(write=False) as session:
        rows: list[Notification] = []
        if ids:
            rows = list(
                (
                    await session.scalars(
                        select(Notification)
                        .where(
                            Notification.id.in_(ids),
                            Notification.organisation_id == subject.organisation_id,
                            inbox_owner(Notification, subject),
                        )
                        .order_by(Notification.created_at, Notification.id)
                    )
                ).all()
            )
        count = await unread_count(session, subject)
    return [InboxNotification.model_validate(r) for r in rows], count


async def events(
    database: Database,
    subject: Subject,
    *,
    redis: Redis | None,
    max_seconds: float,
    heartbeat_seconds: float = HEARTBEAT_SECONDS,
) -> AsyncIterator[str]:
    # Subscribe before the first count, so a row committed in between is not missed.
    async with inbox_live.subscribe(inbox_keys(subject), redis) as queue:
        _, count = await _snapshot(database, subject, [])
        yield f"retry: {RECONNECT_MS}\n\n"
        yield _event("unread_count", json.dumps({"unread": count}))
        deadline = time.monotonic() + max_seconds
        sent: set[uuid.UUID] = set()
        while (left := deadline - time.monotonic()) > 0:
            try:
                first = await asyncio.wait_for(queue.get(), min(heartbeat_seconds, left))
            except TimeoutError:
                yield ": heartbeat\n\n"
                continue
            ids = [first]
            while not queue.empty():
                ids.append(queue.get_nowait())
            if None in ids:
                return
            fresh = [i for i in dict.fromkeys(ids) if i is not None and i not in sent]
            rows, count = await _snapshot(database, subject, fresh)
            for row in rows:
                sent.add(row.id)  # an id announced twice is sent once
                yield _event("notification", row.model_dump_json(), str(row.id))
            yield _event("unread_count", json.dumps({"unread": count}))
