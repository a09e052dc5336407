"""The ASGI application."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from redis.asyncio import Redis
from starlette.responses import FileResponse

from shiftwise.api import api_router
from shiftwise.auth.throttle import MemoryFailureCounter, RedisFailureCounter
from shiftwise.calendar.endpoints import feed_router as calendar_feed_router
from shiftwise.config import Settings, get_settings
from shiftwise.db import Database, create_engine
from shiftwise.errors import ErrorBody, NotFound, install_error_handlers
from shiftwise.health import router as health_router
from shiftwise.kit import collector
from shiftwise.observability import RequestContextMiddleware, configure_logging
from shiftwise.worker.runtime import embedded_worker


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_json)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        database = Database(create_engine(settings))
        app.state.database = database
        redis: Redis | None = None
        if settings.redis_url:
            redis = Redis.from_url(settings.redis_url)
            app.state.login_failures = RedisFailureCounter(
                redis, settings.login_failure_window_seconds
            )
        else:
            app.state.login_failures = MemoryFailureCounter(settings.login_failure_window_seconds)
        app.state.redis = redis
        worker = embedded_worker(settings)
        try:
            # Started: what lives now lives as long as the app (kit/collector.py).
            with collector.frozen_while_running():
                yield
        finally:
            if worker is not None:
                await asyncio.to_thread(worker.stop)
            if redis is not None:
                await redis.aclose()
            await database.dispose()

    app = FastAPI(
        title="Shiftwise",
        version="0.1.0",
        description="Staff shift scheduling API",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.include_router(api_router)
    app.include_router(health_router)
    app.include_router(calendar_feed_router)
    app.add_middleware(RequestContextMiddleware, max_body_bytes=settings.max_body_bytes)
    _mount_frontend(app, settings)
    _use_one_error_shape_in_openapi(app)
    return app


def _use_one_error_shape_in_openapi(app: FastAPI) -> None:
    """FastAPI documents request validation failures with its own schema; ours is ErrorBody."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        spec = build()
        error_ref = {"$ref": "#/components/schemas/ErrorBody"}
        for item in spec["paths"].values():
            for operation in item.values():
                for status, response in operation.get("responses", {}).items():
                    if status.startswith("4"):
                        response["content"] = {"application/json": {"schema": error_ref}}
        schemas = spec.get("components", {}).get("schemas", {})
        schemas.setdefault(
            "ErrorBody", ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        for unused in ("HTTPValidationError", "ValidationError"):
            schemas.pop(unused, None)
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]


def _mount_frontend(app: FastAPI, settings: Settings) -> None:
    """Serve the built web app, with client-side routes falling back to index.html."""
    dist = settings.static_dir
    if dist is None or not (dist / "index.html").is_file():
        return
    index = dist / "index.html"
    if (dist / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=dist / "assets"), name="assets")

    @app.get("/{path:path}", include_in_schema=False)
    async def spa(path: str) -> FileResponse:
        if path.startswith(("api/", "calendar/")):
            raise NotFound(f"No route /{path}.", code="route_not_found")
        candidate = (dist / path).resolve()
        if path and candidate.is_file() and dist.resolve() in candidate.parents:
            return FileResponse(candidate)
        return FileResponse(index)
