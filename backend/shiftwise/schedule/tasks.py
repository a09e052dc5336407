"""The worker's grid work: stored grid parts kept judged (warm.py)."""

from __future__ import annotations

import logging

from shiftwise.schedule import warm
from shiftwise.worker.actors import JobContext, actor
from shiftwise.worker.scheduler import periodic

log = logging.getLogger(__name__)

# A 300-person week takes ~0.25 s to judge: ask for more time every ten.
_LEASE_EVERY = 10


@periodic(every=warm.EVERY)
@actor(warm.ACTOR)
async def keep_grids_judged(job: JobContext) -> None:
    """Judge and store the parts of the organisation's current and stored grids that a
    rule change or a deploy left out of date. Idempotent: a second run finds none."""

    async def progress(done: int) -> None:
        if done % _LEASE_EVERY == 0:
            await job.extend_lease(warm.EVERY)

    judged = await warm.keep_judged(job.database, job.organisation_id, progress=progress)
    if judged:
        log.info("grids judged again: %d", judged)
