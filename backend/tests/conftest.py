from __future__ import annotations

import os

os.environ.setdefault("SHIFTWISE_ENVIRONMENT", "test")
os.environ.setdefault("SHIFTWISE_LOG_LEVEL", "WARNING")

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.app import create_app
from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.models import User
from tests.fixtures import factories
from tests.fixtures.database import TestDatabases, scratch_databases


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestDatabases]:
    yield from scratch_databases(tmp_path_factory.mktemp("db"))


@pytest.fixture
def database_url(databases: TestDatabases) -> Iterator[str]:
    url = databases.fresh()
    yield url
    databases.drop(url)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        environment="test",
        static_dir=None,
        log_level="WARNING",
    )


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
def database(app: FastAPI) -> Database:
    db: Database = app.state.database
    return db


@pytest.fixture
async def session(database: Database) -> AsyncIterator[AsyncSession]:
    """A session for arranging and inspecting data; commit what the API must see."""
    async with database.sessionmaker() as s:
        yield s


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture
async def world(database: Database) -> factories.World:
    async with database.session(write=True) as s:
        return await factories.world(s)


class Clients:
    """Signs users in and hands out clients that carry their session and CSRF token."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self._open: list[httpx.AsyncClient] = []

    def anonymous(self) -> httpx.AsyncClient:
        c = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app), base_url="http://testserver"
        )
        self._open.append(c)
        return c

    async def as_user(self, user: User, email: str | None = None) -> httpx.AsyncClient:
        from shiftwise.auth.service import user_email_aad
        from shiftwise.kit.crypto import cipher

        c = self.anonymous()
        address = email or cipher().decrypt(user.email_ciphertext, user_email_aad(user.id))
        r = await c.post(
            "/api/v1/auth/login", json={"email": address, "password": factories.PASSWORD}
        )
        assert r.status_code == 200, r.text
        c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
        return c

    async def close(self) -> None:
        for c in self._open:
            await c.aclose()


@pytest.fixture
async def clients(app: FastAPI) -> AsyncIterator[Clients]:
    c = Clients(app)
    yield c
    await c.close()


@pytest.fixture
async def redis_url() -> AsyncIterator[str]:
    """A reachable Redis (own key namespace per test); under CI its absence is a failure."""
    from redis.asyncio import Redis
    from redis.exceptions import ConnectionError as RedisConnectionError

    url = os.environ.get("SHIFTWISE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    client = Redis.from_url(url)
    try:
        await client.ping()
    except (RedisConnectionError, OSError) as exc:
        await client.aclose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is required under CI but unreachable at {url}: {exc}")
        pytest.skip(f"Redis unreachable at {url}")
    await client.flushdb()
    yield url
    await client.flushdb()
    await client.aclose()


def pytest_report_header() -> str:
    from tests.fixtures.database import backend_name

    return f"shiftwise test database: {backend_name()}"


def db_backend() -> str:
    from tests.fixtures.database import backend_name

    return backend_name()
