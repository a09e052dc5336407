"""Delivering events to people: the in-app inbox, the one sink so far.

Channels (email, SMS, Teams) plug in next to it with the same contract: a sink takes
a deterministic idempotency key and delivers each key at most once, so a job that
runs twice (a worker killed after the side effect, before recording it) has one
effect.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shiftwise.db import Database
from shiftwise.models import Notification
from shiftwise.worker.actors import EVENT_ACTOR, JobContext, actor

log = logging.getLogger(__name__)


class InAppSink:
    """Writes a person's inbox row, keyed by the delivery's idempotency key."""

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
        try:
            async with self.database.session(write=True) as session:
                seen = await session.scalar(
                    select(Notification.id).where(Notification.idempotency_key == key)
                )
                if seen is not None:
                    log.info("duplicate delivery %s suppressed", key)
                    return False
                session.add(
                    Notification(
                        organisation_id=organisation_id,
                        person_id=person_id,
                        event_id=event_id,
                        topic=topic,
                        payload=payload,
                        idempotency_key=key,
                    )
                )
        except IntegrityError:  # a concurrent run of the same job won the race
            log.info("duplicate delivery %s suppressed (concurrent)", key)
            return False
        return True


def delivery_key(event_id: uuid.UUID, channel: str, person_id: uuid.UUID) -> str:
    return f"{event_id}:{channel}:{person_id}"


@actor(EVENT_ACTOR)
async def deliver(job: JobContext) -> None:
    """Route one event to the people it concerns (events without a person wait for
    the recipient rules that come with the channels)."""
    if job.person_id is None:
        return
    sink = InAppSink(job.database)
    await sink.deliver(
        delivery_key(job.event_id, sink.channel, job.person_id),
        organisation_id=job.organisation_id,
        person_id=job.person_id,
        event_id=job.event_id,
        topic=job.topic,
        payload=job.payload,
    )
