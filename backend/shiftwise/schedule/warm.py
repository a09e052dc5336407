"""The worker's side of the stored grid parts (parts.py): the weeks people look at stay
judged after a change to everyone's rules and after a deploy.

Either makes every stored part unusable (the organisation's facts epoch moved, or the
code's fingerprint did), and the next request for each grid would judge all its people
again: 145-190 ms for a 300-person week (bench/README.md, "Issue 3 on a fast host"),
where a grid re-judging only the people a write changed takes 32-37 ms. The worker
does it first. Its grids: for each of the organisation's locations the week holding
today and the `WEEKS_AHEAD` after it (from the organisation's week start, in the
location's zone: a month ahead, as far as coordinators plan and staff look), and every
stored grid not yet over. It judges those with no parts, or parts of another epoch or
code, current weeks first, and stores them (and keeps them in this process, which is
the API's own in the embedded mode).

It runs every `EVERY` per organisation, and straight after a rule layer changes
(compliance/service.py enqueues it); with nothing to judge, it costs two statements.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.db import Database
from shiftwise.kit import collector
from shiftwise.kit.time import utcnow
from shiftwise.models import GridParts, Location, Organisation
from shiftwise.schedule import grid, parts
from shiftwise.worker.actors import Job
from shiftwise.worker.outbox import enqueue

WEEKS_AHEAD = 4
EVERY = timedelta(minutes=5)
DAYS = 7  # the grids the web app asks for
ACTOR = "schedule.keep_grids_judged"

Grid = tuple[Location, date, int]


async def after_rule_change(session: AsyncSession, organisation_id: uuid.UUID) -> None:
    """Have the worker judge the organisation's grids again once this transaction
    commits (one job for the edits of the same second)."""
    await enqueue(
        session,
        organisation_id,
        Job(ACTOR, {}),
        dedupe_key=f"{ACTOR}:{organisation_id}:{utcnow():%Y%m%dT%H%M%S}",
    )


def week_of(day: date, week_start: int) -> date:
    """The first day of the week holding `day` (week_start: 0 = Monday)."""
    return day - timedelta(days=(day.weekday() - week_start) % 7)


async def stale_grids(
    session: AsyncSession, organisation_id: uuid.UUID, now: datetime
) -> list[Grid]:
    """The organisation's grids to judge again, soonest first."""
    org = (
        await session.execute(
            select(Organisation.week_start, Organisation.facts_epoch).where(
                Organisation.id == organisation_id
            )
        )
    ).first()
    if org is None:
        return []
    week_start, epoch = org
    rows = await session.execute(
        select(Location, GridParts.start_date, GridParts.days, GridParts.facts_epoch)
        .outerjoin(
            GridParts,
            (GridParts.location_id == Location.id) & (GridParts.fingerprint == parts.FINGERPRINT),
        )
        .where(Location.organisation_id == organisation_id, Location.archived_at.is_(None))
    )
    wanted: dict[tuple[uuid.UUID, date, int], Location] = {}
    current: set[tuple[uuid.UUID, date, int]] = set()
    today: dict[uuid.UUID, date] = {}
    for location, start_date, days, stored_epoch in rows:
        if location.id not in today:
            today[location.id] = now.astimezone(ZoneInfo(location.time_zone)).date()
            first = week_of(today[location.id], week_start)
            for week in range(WEEKS_AHEAD + 1):
                wanted.setdefault((location.id, first + timedelta(weeks=week), DAYS), location)
        if start_date is None:
            continue
        key = (location.id, start_date, days)
        if start_date + timedelta(days=days) > today[location.id]:
            wanted.setdefault(key, location)
        if stored_epoch == epoch:
            current.add(key)
    stale = [(location, key[1], key[2]) for key, location in wanted.items() if key not in current]
    stale.sort(key=lambda g: (g[1], g[0].name, g[2]))
    return stale


async def keep_judged(
    database: Database,
    organisation_id: uuid.UUID,
    now: datetime | None = None,
    *,
    progress: Callable[[int], Awaitable[None]] | None = None,
) -> int:
    """Judge and store the organisation's stale grids; return how many there were."""
    async with database.session(write=False) as session:
        stale = await stale_grids(session, organisation_id, now or utcnow())
    for done, (location, start_date, days) in enumerate(stale):
        async with database.session(write=False) as session:
            # The epoch before any fact, as a request reads it (grid.grid_response).
            epoch = int(
                await session.scalar(
                    select(Organisation.facts_epoch).where(Organisation.id == organisation_id)
                )
                or 0
            )
            with collector.paused():
                _, built = await grid.judged_parts(
                    session, organisation_id, location, start_date, days, None, epoch
                )
        key = (organisation_id, location.id, start_date, days)
        await parts.save(database, key, built)
        parts.kept.put(key, built)
        if progress is not None:
            await progress(done + 1)
    return len(stale)
