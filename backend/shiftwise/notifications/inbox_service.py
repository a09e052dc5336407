"""One's own in-app notifications: listing, counting, marking read.

Only people have an inbox (deliveries belong to person profiles), so a login without
a profile gets 403 no_staff_profile, as the calendar feed does.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.auth.subject import Subject
from shiftwise.errors import Forbidden, NotFound
from shiftwise.kit.pagination import PageParams, paginate
from shiftwise.kit.schemas import Page
from shiftwise.kit.time import utcnow
from shiftwise.models import Notification
from shiftwise.notifications.inbox_schemas import InboxNotification, MarkedRead


def own_person(subject: Subject) -> uuid.UUID:
    if subject.person_id is None:
        raise Forbidden(
            "Only people with a staff profile receive notifications.", code="no_staff_profile"
        )
    return subject.person_id


def _mine(subject: Subject, person_id: uuid.UUID) -> Select[Notification]:
    return select(Notification).where(
        Notification.organisation_id == subject.organisation_id,
        Notification.person_id == person_id,
    )


async def unread_count(
    session: AsyncSession, organisation_id: uuid.UUID, person_id: uuid.UUID
) -> int:
    found = await session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(
            Notification.organisation_id == organisation_id,
            Notification.person_id == person_id,
            Notification.read_at.is_(None),
        )
    )
    return int(found or 0)


async def list_own(
    session: AsyncSession, subject: Subject, page: PageParams, *, unread: bool | None
) -> Page[InboxNotification]:
    person_id = own_person(subject)
    stmt = _mine(subject, person_id)
    if unread is True:
        stmt = stmt.where(Notification.read_at.is_(None))
    elif unread is False:
        stmt = stmt.where(Notification.read_at.is_not(None))
    stmt = stmt.order_by(Notification.created_at.desc(), Notification.id.desc())
    rows, next_offset = await paginate(session, stmt, page)
    return Page(items=[InboxNotification.model_validate(r) for r in rows], next_offset=next_offset)


async def count_own(session: AsyncSession, subject: Subject) -> int:
    return await unread_count(session, subject.organisation_id, own_person(subject))


async def mark_read(
    session: AsyncSession, subject: Subject, notification_id: uuid.UUID
) -> InboxNotification:
    """Idempotent: reading a read notification keeps its first read_at."""
    person_id = own_person(subject)
    row = await session.scalar(_mine(subject, person_id).where(Notification.id == notification_id))
    if row is None:  # someone else's is as absent as a made-up id
        raise NotFound("No such notification in your inbox.", code="notification_not_found")
    if row.read_at is None:
        row.read_at = utcnow()
        await session.flush()
    return InboxNotification.model_validate(row)


async def mark_all_read(session: AsyncSession, subject: Subject) -> MarkedRead:
    person_id = own_person(subject)
    result = await session.execute(
        update(Notification)
        .where(
            Notification.organisation_id == subject.organisation_id,
            Notification.person_id == person_id,
            Notification.read_at.is_(None),
        )
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    marked = int(getattr(result, "rowcount", 0) or 0)
    return MarkedRead(marked=marked, unread=await count_own(session, subject))
