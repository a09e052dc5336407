"""Housekeeping jobs fired by the scheduler."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete

from shiftwise.kit.time import utcnow
from shiftwise.models import OutboxEvent
from shiftwise.worker.actors import JobContext, actor
from shiftwise.worker.scheduler import periodic


@periodic(every=timedelta(hours=6))
@actor("outbox.purge")
async def purge_outbox(job: JobContext) -> None:
    """Delete the organisation's outbox rows done longer ago than the retention period
    (dead letters stay until an admin retries them). Deleting twice deletes nothing."""
    cutoff = utcnow() - timedelta(days=job.settings.outbox_retention_days)
    async with job.database.session(write=True) as session:
        await session.execute(
            delete(OutboxEvent).where(
                OutboxEvent.organisation_id == job.organisation_id,
                OutboxEvent.processed_at < cutoff,
            )
        )
