"""Signing in and out, and API tokens."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.audit import service as audit
from shiftwise.auth.passwords import verify_password
from shiftwise.auth.schemas import ApiTokenCreate, Me
from shiftwise.auth.subject import Subject
from shiftwise.auth.throttle import FailureCounter
from shiftwise.auth.tokens import digest, new_api_token, new_secret
from shiftwise.config import get_settings
from shiftwise.errors import NotFound, TooManyRequests, Unauthenticated, field_error
from shiftwise.kit.crypto import blind_index, cipher, normalise_email
from shiftwise.kit.time import utcnow
from shiftwise.models import (
    ApiToken,
    AuthSession,
    Organisation,
    Person,
    User,
    location_coordinators,
)


def user_email_aad(user_id: uuid.UUID) -> str:
    return f"users:{user_id}:email"


@dataclass
class NewSession:
    user: User
    token: str
    csrf_token: str
    expires_at: datetime


async def login(
    session: AsyncSession,
    failures: FailureCounter,
    email: str,
    password: str,
    client_ip: str,
) -> NewSession:
    settings = get_settings()
    email_key = blind_index(normalise_email(email))
    account_key, ip_key = f"account:{email_key}", f"ip:{client_ip}"
    if (
        await failures.count(account_key) >= settings.login_max_failures
        or await failures.count(ip_key) >= settings.login_ip_max_failures
    ):
        raise TooManyRequests(
            "Too many failed sign-ins; wait a few minutes and try again.",
            retry_after=settings.login_failure_window_seconds,
        )
    user = await session.scalar(select(User).where(User.email_hash == email_key))
    ok = verify_password(password, user.password_hash if user else None)
    if user is None or not ok or not user.is_active:
        await failures.add(account_key)
        await failures.add(ip_key)
        raise Unauthenticated("Wrong email or password.", code="invalid_credentials")
    await failures.clear(account_key)
    now = utcnow()
    token, csrf = new_secret(), new_secret()
    expires_at = now + timedelta(hours=settings.session_absolute_hours)
    session.add(
        AuthSession(
            user_id=user.id,
            token_hash=digest(token),
            csrf_token=csrf,
            created_at=now,
            last_seen_at=now,
            expires_at=expires_at,
        )
    )
    user.last_login_at = now
    await session.flush()
    return NewSession(user=user, token=token, csrf_token=csrf, expires_at=expires_at)


async def logout(session: AsyncSession, subject: Subject) -> None:
    if subject.session_id is not None:
        await session.execute(
            update(AuthSession)
            .where(AuthSession.id == subject.session_id)
            .values(revoked_at=utcnow())
        )


async def revoke_all_sessions(session: AsyncSession, user_id: uuid.UUID) -> None:
    await session.execute(
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


async def describe(session: AsyncSession, user: User) -> Me:
    org = await session.get_one(Organisation, user.organisation_id)
    person = await session.scalar(select(Person).where(Person.user_id == user.id))
    locations = (
        await session.scalars(
            select(location_coordinators.c.location_id).where(
                location_coordinators.c.user_id == user.id
            )
        )
    ).all()
    return Me(
        user_id=user.id,
        organisation_id=org.id,
        organisation_name=org.name,
        email=cipher().decrypt(user.email_ciphertext, user_email_aad(user.id)),
        role=user.role,
        person_id=person.id if person else None,
        display_name=person.display_name if person else None,
        location_ids=list(locations),
    )


async def create_api_token(
    session: AsyncSession, subject: Subject, data: ApiTokenCreate
) -> tuple[ApiToken, str]:
    if data.expires_at is not None and data.expires_at <= utcnow():
        raise field_error("body.expires_at", "The expiry must be in the future.")
    token = new_api_token()
    record = ApiToken(
        organisation_id=subject.organisation_id,
        user_id=subject.user_id,
        name=data.name,
        prefix=token[:10],
        token_hash=digest(token),
        expires_at=data.expires_at,
    )
    session.add(record)
    await session.flush()
    await audit.record(session, subject, "api_token.created", record)
    return record, token


async def list_api_tokens(session: AsyncSession, subject: Subject) -> list[ApiToken]:
    rows = await session.scalars(
        select(ApiToken)
        .where(ApiToken.user_id == subject.user_id)
        .order_by(ApiToken.created_at.desc())
    )
    return list(rows.all())


async def revoke_api_token(session: AsyncSession, subject: Subject, token_id: uuid.UUID) -> None:
    record = await session.scalar(
        select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == subject.user_id)
    )
    if record is None:
        raise NotFound(f"No API token with id {token_id}.", code="api_token_not_found")
    if record.revoked_at is None:
        record.revoked_at = utcnow()
        await audit.record(session, subject, "api_token.revoked", record)
