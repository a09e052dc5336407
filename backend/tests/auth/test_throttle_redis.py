"""Login throttling shared through Redis, as it runs with several API processes."""

from __future__ import annotations

import httpx
from redis.asyncio import Redis

from shiftwise.app import create_app
from shiftwise.auth.throttle import RedisFailureCounter
from shiftwise.config import Settings
from tests.fixtures import factories
from tests.fixtures.factories import World


async def test_counter_counts_and_expires(redis_url: str) -> None:
    redis = Redis.from_url(redis_url)
    counter = RedisFailureCounter(redis, window_seconds=1)
    await counter.add("account:x")
    await counter.add("account:x")
    assert await counter.count("account:x") == 2
    assert await redis.ttl("shiftwise:login-failures:account:x") in (0, 1)
    await counter.clear("account:x")
    assert await counter.count("account:x") == 0
    await redis.aclose()


async def test_two_api_processes_share_the_failure_count(
    redis_url: str, settings: Settings, world: World
) -> None:
    shared = settings.model_copy(update={"redis_url": redis_url})
    first, second = create_app(shared), create_app(shared)
    async with first.router.lifespan_context(first), second.router.lifespan_context(second):
        clients = [
            httpx.AsyncClient(transport=httpx.ASGITransport(app=a), base_url="http://t")
            for a in (first, second)
        ]
        for i in range(5):
            r = await clients[i % 2].post(
                "/api/v1/auth/login", json={"email": "admin@acme.test", "password": "wrong-one"}
            )
            assert r.status_code == 401
        r = await clients[1].post(
            "/api/v1/auth/login", json={"email": "admin@acme.test", "password": factories.PASSWORD}
        )
        assert r.status_code == 429
        for c in clients:
            await c.aclose()
