"""The person-facing periodic jobs: one actor each, fired per organisation by the
scheduler. Each pass is idempotent (see reminders.py): run twice, it records once."""

from __future__ import annotations

import logging
from datetime import timedelta

from shiftwise.kit.time import utcnow
from shiftwise.notifications import (
    inbox_live,  # noqa: F401  (its import makes in-app rows a worker commits announce)
    reminders,
)
from shiftwise.worker.actors import JobContext, actor
from shiftwise.worker.scheduler import periodic

log = logging.getLogger(__name__)


@periodic(every=timedelta(minutes=5))
@actor("notifications.remind_shifts")
async def remind_shifts(job: JobContext) -> None:
    """Remind people of their shifts at their reminder offsets."""
    async with job.database.session(write=True) as session:
        planned = await reminders.plan_reminders(session, job.organisation_id, utcnow())
        new = await reminders.record_new(session, job.organisation_id, planned)
    log.info("shift reminders: %d new of %d due", new, len(planned))


@periodic(every=timedelta(minutes=15))
@actor("notifications.warn_unfilled")
async def warn_unfilled(job: JobContext) -> None:
    """Warn coordinators of published shifts still short of people."""
    async with job.database.session(write=True) as session:
        planned = await reminders.plan_unfilled(session, job.organisation_id, utcnow())
        new = await reminders.record_new(session, job.organisation_id, planned)
    log.info("unfilled-shift warnings: %d new of %d", new, len(planned))


@periodic(every=timedelta(minutes=30))
@actor("notifications.nudge_waiting_requests")
async def nudge_waiting_requests(job: JobContext) -> None:
    """Nudge coordinators about requests waiting too long for their decision."""
    async with job.database.session(write=True) as session:
        planned = await reminders.plan_waiting(session, job.organisation_id, utcnow())
        new = await reminders.record_new(session, job.organisation_id, planned)
    log.info("waiting-request nudges: %d new of %d", new, len(planned))
