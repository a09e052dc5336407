"""Audit entries, written in the same transaction as the change they describe."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.audit.repository import AuditRepository
from shiftwise.audit.schemas import AuditEntry as AuditEntryRead
from shiftwise.auth.subject import Subject
from shiftwise.errors import field_error
from shiftwise.kit.context import request_id_var
from shiftwise.kit.pagination import PageParams, paginate
from shiftwise.kit.schemas import Page
from shiftwise.models import AuditEntry
from shiftwise.models.base import Base

# Never copied into the audit trail: secrets and contact details.
_REDACTED = frozenset(
    {"password_hash", "email_ciphertext", "phone_ciphertext", "email_hash", "token_hash"}
)


class _Current:
    """Default for `after`: snapshot the record as it is now."""


CURRENT = _Current()


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def snapshot(record: Base) -> dict[str, Any]:
    """The record's column values as JSON-safe data, secrets left out."""
    state = inspect(record)
    return {
        attr.key: _plain(attr.value)
        for attr in state.attrs
        if attr.key not in _REDACTED and attr.key in state.mapper.columns
    }


async def record(
    session: AsyncSession,
    subject: Subject | None,
    action: str,
    target: Base,
    *,
    organisation_id: uuid.UUID | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | _Current | None = CURRENT,
    reason: str | None = None,
) -> AuditEntry:
    org_id = organisation_id or (subject.organisation_id if subject else None)
    if org_id is None:
        raise ValueError("an audit entry needs an organisation")
    entry = AuditEntry(
        organisation_id=org_id,
        actor_user_id=subject.user_id if subject else None,
        action=action,
        record_type=type(target).__tablename__,
        record_id=getattr(target, "id", None),
        before=before,
        after=snapshot(target) if isinstance(after, _Current) else after,
        reason=reason,
        request_id=request_id_var.get(),
    )
    session.add(entry)
    await session.flush()
    return entry


async def search(
    session: AsyncSession,
    subject: Subject,
    page: PageParams,
    *,
    record_type: str | None,
    record_id: uuid.UUID | None,
    actor_user_id: uuid.UUID | None,
    action: str | None,
    since: datetime | None,
    until: datetime | None,
) -> Page[AuditEntryRead]:
    """One page of the caller's organisation's audit trail, newest first."""
    if since is not None and until is not None and until <= since:
        raise field_error("query.to", "must be after 'from'")
    repo = AuditRepository(session, subject.organisation_id)
    stmt = repo.search(
        record_type=record_type,
        record_id=record_id,
        actor_user_id=actor_user_id,
        action=action,
        since=since,
        until=until,
    )
    rows, next_offset = await paginate(session, stmt, page)
    return Page(items=[AuditEntryRead.model_validate(r) for r in rows], next_offset=next_offset)
