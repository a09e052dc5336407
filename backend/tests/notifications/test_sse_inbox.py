"""The live inbox stream against a real server (uvicorn on an ephemeral port):
announcements reach the person's open streams, in-process or through Redis."""

from __future__ import annotations

import asyncio
import json
import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from shiftwise.app import create_app
from shiftwise.auth.subject import Subject
from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.models import Role, User
from shiftwise.notifications import inbox_live, inbox_stream
from shiftwise.notifications.inbox_live import announce
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.notifications.inbox_helpers import add_notifications
from tests.worker.helpers import eventually

WAIT = 20.0  # generous: a loaded machine; the test fails rather than hangs


@asynccontextmanager
async def serving(app: FastAPI) -> AsyncIterator[tuple[str, inbox_stream.Server]]:
    """Serve an app whose lifespan already ran (as `shiftwise serve` does); yield its URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = inbox_stream.Server(uvicorn.Config(app, lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        await eventually(lambda: _true(server.started), within=WAIT)
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, WAIT)
        sock.close()


async def _true(value: bool) -> bool:
    return value


@dataclass
class Event:
    name: str
    data: Any
    id: str | None


class Stream:
    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.lines = response.aiter_lines()
        self.retry: int | None = None

    async def next(self) -> Event:
        """The next named event (heartbeat comments and the retry hint are skipped)."""
        name, data, event_id = None, [], None
        while True:
            line = await asyncio.wait_for(anext(self.lines), WAIT)
            if line == "":
                if name is not None:
                    return Event(name, json.loads("\n".join(data)), event_id)
                continue
            field, _, value = line.partition(": ")
            if field == "event":
                name = value
            elif field == "data":
                data.append(value)
            elif field == "id":
                event_id = value
            elif field.startswith("retry"):
                self.retry = int(line.split(":")[1])


async def _login(base: str, user: User) -> httpx.AsyncClient:
    from shiftwise.auth.service import user_email_aad
    from shiftwise.kit.crypto import cipher

    c = httpx.AsyncClient(base_url=base, timeout=WAIT)
    email = cipher().decrypt(user.email_ciphertext, user_email_aad(user.id))
    r = await c.post("/api/v1/auth/login", json={"email": email, "password": factories.PASSWORD})
    assert r.status_code == 200, r.text
    return c


@asynccontextmanager
async def stream(client: httpx.AsyncClient, **params: Any) -> AsyncIterator[Stream]:
    async with client.stream("GET", "/api/v1/notifications/stream", params=params) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        yield Stream(response)


async def _live_updates(app: FastAPI, world: World, settings: Settings | None) -> None:
    """settings None: rows are announced by their own commit (in-process); else rows
    are written silently and announced with these settings, as a worker process does."""
    database: Database = app.state.database
    silently = settings is not None

    async def added(person: Any, topic: str = "assignment.created") -> uuid.UUID:
        (new,) = await add_notifications(database, person, 1, topic=topic, silently=silently)
        if settings is not None:
            await announce(person.id, new, settings=settings)
        return new

    await add_notifications(database, world.staff, 2, silently=True)
    async with serving(app) as (base, _):
        mine = await _login(base, world.staff_user)
        theirs = await _login(base, world.colleague_user)
        try:
            async with stream(mine) as s, stream(theirs) as other:
                first = await s.next()
                assert (first.name, first.data) == ("unread_count", {"unread": 2})
                assert s.retry == inbox_stream.RECONNECT_MS
                assert (await other.next()).data == {"unread": 0}
                new = await added(world.staff, topic="shift.reminder")
                note = await s.next()
                assert note.name == "notification"
                assert note.id == str(new)
                assert note.data["topic"] == "shift.reminder"
                assert (await s.next()).data == {"unread": 3}
                colleagues = await added(world.colleague)
                got = await other.next()
                assert (got.name, got.id) == ("notification", str(colleagues))
                assert (await other.next()).data == {"unread": 1}
                # A forged announcement naming someone else's row shows nothing of it.
                await announce(world.staff.id, colleagues, settings=settings)
                assert (await s.next()) == Event("unread_count", {"unread": 3}, None)
                # Marking read is not announced; the next event's count includes it.
                r = await mine.post("/api/v1/notifications/read-all", headers=_csrf(mine))
                assert r.status_code == 200, r.text
                later = await added(world.staff)
                assert (await s.next()).id == str(later)
                assert (await s.next()).data == {"unread": 1}
            # Both clients went away: the server lets go of their subscriptions.
            await eventually(lambda: _true(inbox_live.HUB.open_streams() == 0), within=WAIT)
        finally:
            await mine.aclose()
            await theirs.aclose()


def _csrf(client: httpx.AsyncClient) -> dict[str, str]:
    token = client.cookies.get("shiftwise_csrf")
    return {"X-CSRF-Token": token or ""}


async def test_rows_committed_in_process_are_streamed(app: FastAPI, world: World) -> None:
    await _live_updates(app, world, None)


async def test_stream_through_redis(settings: Settings, world: World, redis_url: str) -> None:
    """Announced by another process (here: another client of Redis), heard by the API."""
    with_redis = settings.model_copy(update={"redis_url": redis_url})
    app = create_app(with_redis)
    async with app.router.lifespan_context(app):
        assert app.state.redis is not None
        await _live_updates(app, world, with_redis)


async def test_stream_ends_after_max_seconds_and_when_the_server_stops(
    app: FastAPI, world: World
) -> None:
    async with serving(app) as (base, server):
        c = await _login(base, world.staff_user)
        try:
            async with stream(c, max_seconds=0) as s:
                assert (await s.next()).name == "unread_count"
                with pytest.raises(StopAsyncIteration):
                    await s.next()
            async with stream(c, max_seconds=3600) as s:
                assert (await s.next()).name == "unread_count"
                await eventually(lambda: _true(inbox_live.HUB.open_streams() == 1), within=WAIT)
                server.should_exit = True  # what SIGTERM does
                with pytest.raises(StopAsyncIteration):
                    await s.next()
        finally:
            await c.aclose()


async def test_heartbeats_keep_an_idle_stream_talking(database: Database, world: World) -> None:
    lines = []
    subject = Subject(
        user_id=world.staff_user.id,
        organisation_id=world.org.id,
        role=Role.staff,
        person_id=world.staff.id,
        via="session",
    )
    body = inbox_stream.events(
        database,
        subject,
        redis=None,
        max_seconds=1,
        heartbeat_seconds=0.2,
    )
    async for chunk in body:
        lines.append(chunk)
    assert lines[0].startswith("retry:")
    assert lines[1].startswith("event: unread_count")
    assert ": heartbeat\n\n" in lines[2:]
    assert inbox_live.HUB.open_streams() == 0


async def test_unknown_people_and_other_loops_are_harmless() -> None:
    assert inbox_live.HUB.deliver(uuid.uuid4(), uuid.uuid4()) == 0


async def test_rows_are_announced_on_commit_never_on_rollback(
    database: Database, world: World
) -> None:
    from shiftwise.models import Notification

    def row() -> Notification:
        return Notification(
            organisation_id=world.org.id,
            person_id=world.staff.id,
            topic="assignment.created",
            payload={},
            idempotency_key=f"test:{uuid.uuid4()}",
        )

    async with inbox_live.subscribe(world.staff.id, None) as queue:
        async with database.sessionmaker() as s:
            s.add(row())
            await s.flush()
            await s.rollback()
        async with database.session(write=True) as s:
            kept = row()
            s.add(kept)
        assert await asyncio.wait_for(queue.get(), WAIT) == kept.id
        assert queue.empty()


async def test_a_login_without_a_profile_streams_its_own_rows(app: FastAPI, world: World) -> None:
    database: Database = app.state.database
    async with serving(app) as (base, _):
        c = await _login(base, world.coordinator)
        try:
            async with stream(c) as s:
                assert (await s.next()).data == {"unread": 0}
                (new,) = await add_notifications(database, world.coordinator, 1)
                got = await s.next()
                assert (got.name, got.id) == ("notification", str(new))
                assert (await s.next()).data == {"unread": 1}
                await add_notifications(database, world.staff, 1)  # not theirs: not heard
                (mine,) = await add_notifications(database, world.coordinator, 1)
                assert (await s.next()).id == str(mine)
        finally:
            await c.aclose()
