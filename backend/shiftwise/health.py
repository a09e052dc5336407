from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

router = APIRouter(tags=["operations"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "A dependency is unreachable"}})
async def readyz(request: Request) -> JSONResponse:
    """The database answers, and Redis too when one is configured."""
    try:
        async with request.app.state.database.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception as exc:  # any failure means "not ready"; the reason is reported
        return JSONResponse(
            status_code=503,
            content={"error": "not_ready", "detail": f"Database unreachable: {type(exc).__name__}"},
        )
    redis = getattr(request.app.state, "redis", None)
    if redis is not None:
        try:
            await asyncio.wait_for(redis.ping(), timeout=2)
        except Exception as exc:
            return JSONResponse(
                status_code=503,
                content={
                    "error": "not_ready",
                    "detail": f"Redis unreachable: {type(exc).__name__}",
                },
            )
    return JSONResponse({"status": "ready"})


@router.get("/metrics", response_class=Response)
async def metrics() -> Response:
    """Prometheus metrics."""
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
