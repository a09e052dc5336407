"""Live inbox updates: whoever writes an in-app notification announces it here, and
every open stream of that person (GET /notifications/stream) hears of it.

With Redis configured, announcements go through Redis pub/sub (one channel for all
people), so a worker process's deliveries reach streams open on any API instance;
each process keeps one subscription while it has open streams. Without Redis (the
embedded mode, worker and API in one process) they go straight to the in-process
hub. An announcement carries only ids: the stream reads the row itself, scoped to
the person it serves, so a forged or stray message can reveal nothing.

Announcing is best effort: the row is already committed and the inbox shows it on
the next read, so a lost announcement only delays the live view.

Every in-app row added through an ORM session is announced by itself once that
session commits (`_announce_after_commit`, registered when this module is imported;
the worker imports it with the periodic jobs): writers need not call `announce`,
and a rolled-back row is never announced.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import redis
from redis.asyncio import Redis
from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction

from shiftwise.config import Settings, get_settings
from shiftwise.models import Notification

log = logging.getLogger(__name__)

CHANNEL = "shiftwise:inbox"


@dataclass(eq=False)
class Subscription:
    # The inbox owner ids it listens for: a person's id and/or a login's.
    keys: tuple[uuid.UUID, ...]
    loop: asyncio.AbstractEventLoop
    # Notification ids; None asks the stream to end (the server is stopping).
    queue: asyncio.Queue[uuid.UUID | None] = field(default_factory=asyncio.Queue)


class Hub:
    """This process's open streams by person; thread-safe (the embedded worker and
    the Redis listener announce from other threads or loops)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_person: dict[uuid.UUID, set[Subscription]] = {}

    def add(self, *keys: uuid.UUID) -> Subscription:
        sub = Subscription(tuple(dict.fromkeys(keys)), asyncio.get_running_loop())
        with self._lock:
            for key in sub.keys:
                self._by_person.setdefault(key, set()).add(sub)
        return sub

    def remove(self, sub: Subscription) -> None:
        with self._lock:
            for key in sub.keys:
                subs = self._by_person.get(key)
                if subs is not None:
                    subs.discard(sub)
                    if not subs:
                        del self._by_person[key]

    def open_streams(self) -> int:
        with self._lock:
            return len({s for group in self._by_person.values() for s in group})

    def deliver(self, person_id: uuid.UUID, notification_id: uuid.UUID | None) -> int:
        """Wake this person's streams; return how many were woken."""
        with self._lock:
            subs = list(self._by_person.get(person_id, ()))
        return self._wake(subs, notification_id)

    def close_all(self) -> int:
        """Ask every open stream of this process to end."""
        with self._lock:
            subs = list({s for group in self._by_person.values() for s in group})
        return self._wake(subs, None)

    def _wake(self, subs: list[Subscription], notification_id: uuid.UUID | None) -> int:
        woken = 0
        for sub in subs:
            try:
                sub.loop.call_soon_threadsafe(sub.queue.put_nowait, notification_id)
                woken += 1
            except RuntimeError:  # that stream's loop has closed
                self.remove(sub)
        return woken


HUB = Hub()


def _encode(owner_id: uuid.UUID, notification_id: uuid.UUID) -> str:
    # "person_id" names the inbox owner: a person's id, or a login's without a profile.
    return json.dumps({"person_id": str(owner_id), "notification_id": str(notification_id)})


def _decode(data: bytes | str) -> tuple[uuid.UUID, uuid.UUID] | None:
    try:
        body = json.loads(data)
        return uuid.UUID(body["person_id"]), uuid.UUID(body["notification_id"])
    except (ValueError, KeyError, TypeError):
        log.warning("inbox_live: ignored a malformed announcement")
        return None


_publishers: dict[str, redis.Redis] = {}
_publishers_lock = threading.Lock()


def _publisher(url: str) -> redis.Redis:
    """One blocking client (thread-safe pool) per URL: callers come from any loop."""
    with _publishers_lock:
        client = _publishers.get(url)
        if client is None:
            client = _publishers[url] = redis.Redis.from_url(url)
        return client


async def announce(
    person_id: uuid.UUID, notification_id: uuid.UUID, *, settings: Settings | None = None
) -> None:
    """Tell the person's open streams that this in-app notification was just committed.

    Call it after the transaction that wrote the row has committed; it never raises.
    """
    settings = settings or get_settings()
    if not settings.redis_url:
        HUB.deliver(person_id, notification_id)
        return
    message = _encode(person_id, notification_id)
    try:
        await asyncio.to_thread(_publisher(settings.redis_url).publish, CHANNEL, message)
    except (redis.RedisError, OSError) as exc:
        log.warning("inbox_live: announcement not published (%s)", exc)


_PENDING = "inbox_live.pending"
_background: set[asyncio.Task[None]] = set()


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _flush: UOWTransaction) -> None:
    fresh = [
        (n.person_id or n.user_id, n.id)
        for n in session.new
        if isinstance(n, Notification) and (n.person_id or n.user_id)
    ]
    if fresh:
        session.info.setdefault(_PENDING, []).extend(fresh)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)


@event.listens_for(Session, "after_commit")
def _announce_after_commit(session: Session) -> None:
    pending: list[tuple[uuid.UUID, uuid.UUID]] = session.info.pop(_PENDING, [])
    if not pending:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # a synchronous session (scripts): no stream to tell here
        return
    for person_id, notification_id in pending:
        task = loop.create_task(announce(person_id, notification_id))
        _background.add(task)
        task.add_done_callback(_background.discard)


class _Listener:
    """One Redis subscription per API client (so per process and loop) while streams
    are open."""

    def __init__(self, client: Redis) -> None:
        self.client = client
        self.users = 0
        self.ready = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    async def run(self) -> None:
        delay = 0.5
        while True:
            try:
                async with self.client.pubsub() as pubsub:
                    await pubsub.subscribe(CHANNEL)
                    self.ready.set()
                    delay = 0.5
                    while True:
                        message = await pubsub.get_message(
                            ignore_subscribe_messages=True, timeout=1.0
                        )
                        if message is not None and message.get("type") == "message":
                            ids = _decode(message["data"])
                            if ids is not None:
                                HUB.deliver(*ids)
            except (redis.RedisError, OSError) as exc:
                log.warning("inbox_live: Redis subscription lost (%s); retrying", exc)
                self.ready.set()  # streams carry on (heartbeats); live updates resume later
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10)


_listeners: dict[int, _Listener] = {}


@contextlib.asynccontextmanager
async def _redis_listening(client: Redis) -> AsyncIterator[None]:
    key = id(client)
    listener = _listeners.get(key)
    if listener is None:
        listener = _listeners[key] = _Listener(client)
        listener.task = asyncio.create_task(listener.run(), name="inbox-live-listener")
    listener.users += 1
    try:
        try:
            await asyncio.wait_for(listener.ready.wait(), 5)
        except TimeoutError:
            log.warning("inbox_live: Redis subscription not ready; live updates may lag")
        yield
    finally:
        listener.users -= 1
        if listener.users == 0:
            _listeners.pop(key, None)
            if listener.task is not None:
                # Not awaited: this may run while the stream itself is being cancelled.
                listener.task.cancel()


@contextlib.asynccontextmanager
async def subscribe(
    keys: uuid.UUID | list[uuid.UUID], client: Redis | None
) -> AsyncIterator[asyncio.Queue[uuid.UUID | None]]:
    """The queue of notification ids announced for these inbox owners (a person's id,
    a login's id) while the block runs; `client` is the API's Redis client (None: the
    in-process hub only)."""
    sub = HUB.add(*(keys if isinstance(keys, list) else [keys]))
    try:
        if client is not None:
            async with _redis_listening(client):
                yield sub.queue
        else:
            yield sub.queue
    finally:
        HUB.remove(sub)
