"""Who is calling: a session cookie (browsers, CSRF-checked) or a bearer token (scripts)."""

from __future__ import annotations

import hmac
import uuid
from datetime import timedelta
from typing import Annotated, Literal

from fastapi import Depends, Request
from sqlalchemy import select

from shiftwise.auth.subject import Subject
from shiftwise.auth.tokens import digest
from shiftwise.config import get_settings
from shiftwise.errors import Forbidden, Unauthenticated
from shiftwise.kit.deps import SAFE_METHODS, SessionDep
from shiftwise.kit.time import utcnow
from shiftwise.models import ApiToken, AuthSession, Person, Role, User, location_coordinators

# Seen-at stamps are written at most this often, so reads stay reads.
_TOUCH_INTERVAL = timedelta(minutes=5)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise Unauthenticated("The Authorization header must be 'Bearer <token>'.")
    return value.strip()


def _check_csrf(request: Request, csrf_token: str) -> None:
    if request.method in SAFE_METHODS:
        return
    sent = request.headers.get("x-csrf-token", "")
    if not sent or not hmac.compare_digest(sent, csrf_token):
        raise Forbidden("Missing or wrong X-CSRF-Token header.", code="csrf_failed")
    origin = request.headers.get("origin")
    if origin and not _origin_trusted(request, origin):
        raise Forbidden("Cross-site request refused.", code="csrf_failed")


def _origin_trusted(request: Request, origin: str) -> bool:
    own = f"{request.url.scheme}://{request.url.netloc}"
    trusted = {o.strip() for o in get_settings().trusted_origins.split(",") if o.strip()}
    return origin == own or origin in trusted


async def get_subject(request: Request, session: SessionDep) -> Subject:
    settings = get_settings()
    now = utcnow()
    token = _bearer(request)
    auth_session: AuthSession | None = None
    if token is not None:
        api_token = await session.scalar(
            select(ApiToken).where(ApiToken.token_hash == digest(token))
        )
        if (
            api_token is None
            or api_token.revoked_at is not None
            or (api_token.expires_at is not None and api_token.expires_at <= now)
        ):
            raise Unauthenticated("The API token is invalid, expired or revoked.")
        user_id = api_token.user_id
        via: Literal["session", "token"] = "token"
    else:
        cookie = request.cookies.get(settings.session_cookie_name)
        if not cookie:
            raise Unauthenticated()
        auth_session = await session.scalar(
            select(AuthSession).where(AuthSession.token_hash == digest(cookie))
        )
        idle_limit = timedelta(minutes=settings.session_idle_minutes)
        if (
            auth_session is None
            or auth_session.revoked_at is not None
            or auth_session.expires_at <= now
            or auth_session.last_seen_at + idle_limit <= now
        ):
            raise Unauthenticated("Your session has ended; sign in again.", code="session_expired")
        _check_csrf(request, auth_session.csrf_token)
        user_id = auth_session.user_id
        via = "session"

    user = await session.get(User, user_id)
    if user is None or not user.is_active:
        raise Unauthenticated("This account is disabled.", code="account_disabled")
    if auth_session is not None and now - auth_session.last_seen_at > _TOUCH_INTERVAL:
        auth_session.last_seen_at = now
    person_id = await session.scalar(select(Person.id).where(Person.user_id == user.id))
    location_ids: frozenset[uuid.UUID] = frozenset()
    if user.role is Role.coordinator:
        rows = await session.scalars(
            select(location_coordinators.c.location_id).where(
                location_coordinators.c.user_id == user.id
            )
        )
        location_ids = frozenset(rows.all())
    request.state.user_id = user.id
    return Subject(
        user_id=user.id,
        organisation_id=user.organisation_id,
        role=user.role,
        person_id=person_id,
        via=via,
        session_id=auth_session.id if auth_session else None,
        location_ids=location_ids,
    )


CurrentSubject = Annotated[Subject, Depends(get_subject)]


async def _admin(subject: CurrentSubject) -> Subject:
    if not subject.is_admin:
        raise Forbidden("Only an administrator may do this.")
    return subject


async def _planner(subject: CurrentSubject) -> Subject:
    if subject.is_staff:
        raise Forbidden("Only coordinators and administrators may do this.")
    return subject


AdminSubject = Annotated[Subject, Depends(_admin)]
PlannerSubject = Annotated[Subject, Depends(_planner)]
