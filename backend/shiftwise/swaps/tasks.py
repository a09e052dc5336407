"""Periodic work of self-service requests."""

from __future__ import annotations

from datetime import timedelta

from shiftwise.swaps.service import expire_due
from shiftwise.worker.actors import JobContext, actor
from shiftwise.worker.scheduler import periodic


@periodic(every=timedelta(minutes=15))
@actor("shift_requests.expire")
async def expire_shift_requests(job: JobContext) -> None:
    """Settle the organisation's requests past their expiry (reads already show them
    expired; this records it, audits it and tells the people in them). Idempotent."""
    async with job.database.session(write=True) as session:
        await expire_due(session, organisation_id=job.organisation_id)
