"""Typed errors and the one JSON shape every failure is rendered in.

`{"error": code, "detail": sentence, "fields" | "rows" | "violations": [...]}`
"""

from __future__ import annotations

from typing import Any, ClassVar

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = structlog.get_logger(__name__)


class FieldError(BaseModel):
    field: str = Field(description="Dotted path of the offending field, e.g. body.starts_at")
    message: str
    code: str | None = None


class Violation(BaseModel):
    rule: str
    severity: str
    message: str
    records: dict[str, Any] = Field(default_factory=dict)


class ErrorBody(BaseModel):
    error: str = Field(description="Stable machine-readable code")
    detail: str = Field(description="Human sentence saying what went wrong")
    fields: list[FieldError] | None = None
    violations: list[Violation] | None = None
    rows: list[dict[str, Any]] | None = None


class ShiftwiseError(Exception):
    status_code: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"
    headers: dict[str, str] | None = None

    def __init__(
        self,
        detail: str,
        *,
        fields: list[FieldError] | None = None,
        violations: list[Violation] | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.fields = fields
        self.violations = violations
        self.instance_code = code or self.code

    def body(self) -> ErrorBody:
        return ErrorBody(
            error=self.instance_code,
            detail=self.detail,
            fields=self.fields,
            violations=self.violations,
        )


class BadRequest(ShiftwiseError):
    status_code = 400
    code = "bad_request"


class Unauthenticated(ShiftwiseError):
    status_code = 401
    code = "unauthenticated"

    def __init__(self, detail: str = "Sign in to continue.", **kw: Any) -> None:
        super().__init__(detail, **kw)


class Forbidden(ShiftwiseError):
    status_code = 403
    code = "forbidden"

    def __init__(self, detail: str = "You may not do this.", **kw: Any) -> None:
        super().__init__(detail, **kw)


class NotFound(ShiftwiseError):
    status_code = 404
    code = "not_found"


class Conflict(ShiftwiseError):
    status_code = 409
    code = "conflict"


class PayloadTooLarge(ShiftwiseError):
    status_code = 413
    code = "payload_too_large"


class Unprocessable(ShiftwiseError):
    """A well-formed request whose values make no sense together (e.g. end before start)."""

    status_code = 422
    code = "validation_error"


class TooManyRequests(ShiftwiseError):
    status_code = 429
    code = "too_many_requests"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.headers = {"Retry-After": str(retry_after)}


class ServiceBusy(ShiftwiseError):
    status_code = 503
    code = "database_busy"

    def __init__(self, detail: str = "The database is busy; retry shortly.") -> None:
        super().__init__(detail)
        self.headers = {"Retry-After": "1"}


def field_error(field: str, message: str, code: str | None = None) -> Unprocessable:
    return Unprocessable(message, fields=[FieldError(field=field, message=message, code=code)])


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` declaring the error shape for the given statuses."""
    descriptions = {
        400: "Bad request",
        401: "Not signed in",
        403: "Forbidden",
        404: "Not found",
        409: "Conflict with the current state or a rule",
        413: "Body too large",
        422: "Invalid input",
        429: "Too many requests",
    }
    return {s: {"model": ErrorBody, "description": descriptions.get(s, "Error")} for s in statuses}


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
}


def _json(status: int, body: ErrorBody, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        status_code=status, content=body.model_dump(exclude_none=True), headers=headers
    )


def _is_exclusion_violation(exc: DBAPIError) -> bool:
    orig = exc.orig
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    return state == "23P01"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ShiftwiseError)
    async def _shiftwise(_: Request, exc: ShiftwiseError) -> JSONResponse:
        return _json(exc.status_code, exc.body(), exc.headers)

    from shiftwise.kit.idempotency import IdempotentReplay

    @app.exception_handler(IdempotentReplay)
    async def _replay(_: Request, exc: IdempotentReplay) -> JSONResponse:
        return exc.response()

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        fields = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err.get("loc", ()))
            fields.append(FieldError(field=loc, message=str(err.get("msg")), code=err.get("type")))
        malformed = any(f.code == "json_invalid" for f in fields)
        detail = (
            "The request body is not valid JSON."
            if malformed
            else "Some fields are missing or invalid: " + ", ".join(f.field for f in fields)
        )
        return _json(
            422,
            ErrorBody(
                error="malformed_json" if malformed else "validation_error",
                detail=detail,
                fields=fields,
            ),
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        return _json(
            exc.status_code,
            ErrorBody(error=code, detail=str(exc.detail)),
            dict(exc.headers) if exc.headers else None,
        )

    @app.exception_handler(IntegrityError)
    async def _integrity(_: Request, exc: IntegrityError) -> JSONResponse:
        if _is_exclusion_violation(exc):
            return _json(
                409,
                ErrorBody(
                    error="double_booking",
                    detail="The person already has an assignment that overlaps this shift.",
                ),
            )
        log.warning("integrity_error", error=str(exc.orig))
        return _json(
            409,
            ErrorBody(error="conflict", detail="The change conflicts with existing data."),
        )

    @app.exception_handler(OperationalError)
    async def _operational(_: Request, exc: OperationalError) -> JSONResponse:
        if "database is locked" in str(exc.orig):
            busy = ServiceBusy()
            return _json(503, busy.body(), busy.headers)
        raise exc
