"""The person-facing periodic jobs: one actor each, fired per organisation by the
scheduler. Each pass is idempotent (see reminders.py): run twice, it records once."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.kit.time import utcnow
from shiftwise.notifications import (
    inbox_live,  # noqa: F401  (its import makes in-app rows a worker commits announce)
    reminders,
    sweep,
)
from shiftwise.worker.actors import JobContext, actor
from shiftwise.worker.scheduler import periodic

log = logging.getLogger(__name__)


Planner = Callable[[AsyncSession, uuid.UUID, datetime], Awaitable[list[reminders.Planned]]]


async def _record_pass(job: JobContext, plan: Planner, what: str) -> None:
    """Plan what is due now and record the events not recorded before."""
    async with job.database.session(write=True) as session:
        planned = await plan(session, job.organisation_id, utcnow())
        new = await reminders.record_new(session, job.organisation_id, planned)
    log.info("%s: %d new of %d due", what, new, len(planned))


@periodic(every=timedelta(minutes=5))
@actor("notifications.remind_shifts")
async def remind_shifts(job: JobContext) -> None:
    """Remind people of their shifts at their reminder offsets."""
    await _record_pass(job, reminders.plan_reminders, "shift reminders")


@periodic(every=timedelta(minutes=15))
@actor("notifications.warn_unfilled")
async def warn_unfilled(job: JobContext) -> None:
    """Warn coordinators of published shifts still short of people."""
    await _record_pass(job, reminders.plan_unfilled, "unfilled-shift warnings")


@periodic(every=timedelta(minutes=30))
@actor("notifications.nudge_waiting_requests")
async def nudge_waiting_requests(job: JobContext) -> None:
    """Nudge coordinators about requests waiting too long for their decision."""
    await _record_pass(job, reminders.plan_waiting, "waiting-request nudges")


@periodic(every=timedelta(minutes=10))
@actor("notifications.sweep_stuck")
async def sweep_stuck_deliveries(job: JobContext) -> None:
    """Send once more, or give up as dead, deliveries whose job was lost (sweep.py).

    Safe to run twice and from two schedulers: the scheduler fires one job per slot, and
    the sweep enqueues through the outbox under fixed dedupe keys."""
    lease = timedelta(seconds=2 * job.settings.relay_visibility_seconds)
    async with job.database.session(write=True) as session:
        result = await sweep.sweep(session, job.organisation_id, utcnow(), lease)
    if result.resent or result.dead:
        log.warning("stuck deliveries: %d sent once more, %d dead", result.resent, result.dead)
