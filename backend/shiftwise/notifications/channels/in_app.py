"""The in-app inbox: a Notification row per delivery key, written at most once."""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.db import Database
from shiftwise.models import Notification

if TYPE_CHECKING:
    from shiftwise.notifications.recipients import Recipient

log = logging.getLogger(__name__)


async def write_inbox_row(
    session: AsyncSession,
    key: str,
    *,
    organisation_id: uuid.UUID,
    recipient: Recipient,
    event_id: uuid.UUID | None,
    topic: str,
    payload: dict[str, Any],
) -> bool:
    """Add the row in the caller's transaction; False when this key is already there."""
    seen = await session.scalar(select(Notification.id).where(Notification.idempotency_key == key))
    if seen is not None:
        return False
    session.add(
        Notification(
            organisation_id=organisation_id,
            person_id=recipient.person_id,
            user_id=recipient.user_id,
            event_id=event_id,
            topic=topic,
            payload=payload,
            idempotency_key=key,
        )
    )
    return True


class InAppSink:
    """Writes a recipient's inbox row in its own transaction, keyed by the delivery key."""

    channel = "in_app"

    def __init__(self, database: Database) -> None:
        self.database = database

    async def deliver(
        self,
        key: str,
        *,
        organisation_id: uuid.UUID,
        person_id: uuid.UUID,
        event_id: uuid.UUID,
        topic: str,
        payload: dict[str, Any],
    ) -> bool:
        """True when delivered now; False when this key was delivered before."""
        from shiftwise.notifications.recipients import Recipient

        try:
            async with self.database.session(write=True) as session:
                return await write_inbox_row(
                    session,
                    key,
                    organisation_id=organisation_id,
                    recipient=Recipient.person(person_id),
                    event_id=event_id,
                    topic=topic,
                    payload=payload,
                )
        except IntegrityError:  # a concurrent run of the same job won the race
            log.info("duplicate delivery %s suppressed (concurrent)", key)
            return False
