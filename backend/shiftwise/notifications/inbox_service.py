"""One's own in-app notifications: listing, counting, marking read.

Every login has an inbox: the rows addressed to its person profile, if it has one,
and those addressed to the login itself (a coordinator or admin without a profile).
"""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.auth.subject import Subject
from shiftwise.errors import NotFound
from shiftwise.kit.pagination import PageParams, paginate
from shiftwise.kit.schemas import Page
from shiftwise.kit.time import utcnow
from shiftwise.models import Notification
from shiftwise.notifications.inbox_schemas import InboxNotification, MarkedRead
from shiftwise.notifications.recipients import inbox_owner


def _owned(subject: Subject) -> list[ColumnElement[bool]]:
    return [
        Notification.organisation_id == subject.organisation_id,
        inbox_owner(Notification, subject),
    ]


def _mine(subject: Subject) -> Select[Notification]:
    return select(Notification).where(*_owned(subject))


async def unread_count(session: AsyncSession, subject: Subject) -> int:
    found = await session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(*_owned(subject), Notification.read_at.is_(None))
    )
    return int(found or 0)


async def list_own(
    session: AsyncSession, subject: Subject, page: PageParams, *, unread: bool | None
) -> Page[InboxNotification]:
    stmt = _mine(subject)
    if unread is True:
        stmt = stmt.where(Notification.read_at.is_(None))
    elif unread is False:
        stmt = stmt.where(Notification.read_at.is_not(None))
    stmt = stmt.order_by(Notification.created_at.desc(), Notification.id.desc())
    rows, next_offset = await paginate(session, stmt, page)
    return Page(items=[InboxNotification.model_validate(r) for r in rows], next_offset=next_offset)


async def count_own(session: AsyncSession, subject: Subject) -> int:
    return await unread_count(session, subject)


async def mark_read(
    session: AsyncSession, subject: Subject, notification_id: uuid.UUID
) -> InboxNotification:
    """Idempotent: reading a read notification keeps its first read_at."""
    row = await session.scalar(_mine(subject).where(Notification.id == notification_id))
    if row is None:  # someone else's is as absent as a made-up id
        raise NotFound("No such notification in your inbox.", code="notification_not_found")
    if row.read_at is None:
        row.read_at = utcnow()
        await session.flush()
    return InboxNotification.model_validate(row)


async def mark_all_read(session: AsyncSession, subject: Subject) -> MarkedRead:
    result = await session.execute(
        update(Notification)
        .where(*_owned(subject), Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    marked = int(getattr(result, "rowcount", 0) or 0)
    return MarkedRead(marked=marked, unread=await count_own(session, subject))
