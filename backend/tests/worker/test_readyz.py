"""/readyz answers 503 when the configured Redis is unreachable."""

from __future__ import annotations

import httpx

from shiftwise.app import create_app
from shiftwise.config import Settings


async def ready(settings: Settings) -> httpx.Response:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            return await c.get("/readyz")


async def test_readyz_checks_redis_when_configured(settings: Settings, redis_url: str) -> None:
    r = await ready(settings.model_copy(update={"redis_url": redis_url}))
    assert (r.status_code, r.json()) == (200, {"status": "ready"})
    r = await ready(settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"}))
    assert r.status_code == 503
    assert r.json()["detail"] == "Redis unreachable: ConnectionError"
