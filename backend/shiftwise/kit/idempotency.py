"""`Idempotency-Key` for creating endpoints.

A retried create with the same key gets the first response again instead of a second
record. The key is claimed (a row inserted) in the request's own transaction and
completed with the response before commit, so the record and its outcome commit or
vanish together; a concurrent duplicate waits on the unique index and then replays.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shiftwise.auth.dependencies import CurrentSubject
from shiftwise.errors import Conflict, field_error
from shiftwise.kit.deps import SessionDep
from shiftwise.models import IdempotencyKey

HEADER = "Idempotency-Key"


class IdempotentReplay(Exception):
    """Raised to answer with the stored response of an earlier identical request."""

    def __init__(self, status_code: int, body: Any) -> None:
        self.status_code = status_code
        self.body = body

    def response(self) -> JSONResponse:
        return JSONResponse(
            status_code=self.status_code, content=self.body, headers={"Idempotent-Replay": "true"}
        )


class Idempotency:
    def __init__(self, record: IdempotencyKey | None) -> None:
        self.record = record

    def remember(
        self, result: BaseModel | list[Any] | dict[str, Any], status_code: int = 201
    ) -> None:
        """Store what this request answers, so a retry with the same key gets it back."""
        if self.record is not None:
            self.record.status_code = status_code
            self.record.response_body = jsonable_encoder(result)


async def _idempotency(
    request: Request, subject: CurrentSubject, session: SessionDep
) -> Idempotency:
    key = request.headers.get(HEADER)
    if key is None:
        return Idempotency(None)
    if not 1 <= len(key) <= 200 or not key.isprintable():
        raise field_error(f"header.{HEADER}", "Use a printable key of 1 to 200 characters.")
    body = await request.body()
    fingerprint = hashlib.sha256(
        b"\0".join([request.method.encode(), request.url.path.encode(), body])
    ).hexdigest()
    stmt = select(IdempotencyKey).where(
        IdempotencyKey.user_id == subject.user_id, IdempotencyKey.key == key
    )
    existing = await session.scalar(stmt)
    if existing is None:
        record = IdempotencyKey(
            user_id=subject.user_id,
            key=key,
            method=request.method,
            path=request.url.path,
            request_hash=fingerprint,
            status_code=0,
        )
        try:
            async with session.begin_nested():
                session.add(record)
                await session.flush()
            return Idempotency(record)
        except IntegrityError:
            existing = await session.scalar(stmt)
    if existing is None or existing.request_hash != fingerprint:
        raise Conflict(
            "This Idempotency-Key was already used for a different request.",
            code="idempotency_key_reused",
        )
    if existing.status_code == 0:
        raise Conflict(
            "A request with this Idempotency-Key is still being processed.",
            code="idempotency_key_in_flight",
        )
    raise IdempotentReplay(existing.status_code, existing.response_body)


IdempotencyDep = Annotated[Idempotency, Depends(_idempotency)]
