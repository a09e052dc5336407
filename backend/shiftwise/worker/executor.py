"""Running one outbox row: claim it, call its actor, record the outcome.

Retries live here, in the row (attempts, available_at), not in the broker: a message
the broker loses or redelivers changes nothing, and a worker killed mid-job still
used up an attempt, so a job that kills its worker ends dead instead of looping.
"""

from __future__ import annotations

import enum
import logging
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.kit.time import utcnow
from shiftwise.models import OutboxEvent
from shiftwise.worker.actors import Actor, JobContext, actor_for
from shiftwise.worker.errors import PermanentFailure, RetryLater

log = logging.getLogger(__name__)

_MAX_RETRY_AFTER = timedelta(days=1)


class Outcome(enum.StrEnum):
    done = "done"
    retry = "retry"
    dead = "dead"
    skipped = "skipped"  # already done or dead, or held by another worker


@dataclass
class _Claim:
    actor: Actor[Any]
    ctx: JobContext
    max_attempts: int


def backoff(settings: Settings, attempt: int) -> timedelta:
    """Exponential from job_backoff_seconds, capped, with up to 10 % jitter."""
    base = settings.job_backoff_seconds * (2 ** max(attempt - 1, 0))
    seconds = min(base, settings.job_backoff_max_seconds)
    return timedelta(seconds=seconds * random.uniform(0.9, 1.0))


async def execute(database: Database, settings: Settings, event_id: uuid.UUID) -> Outcome:
    """Run the row's actor once; safe to call for a row already done, dead or running."""
    claim = await _claim(database, settings, event_id)
    if isinstance(claim, Outcome):
        return claim
    error: str | None = None
    delay: timedelta | None = None
    outcome = Outcome.done
    try:
        await claim.actor.run(claim.ctx, claim.ctx.payload if _is_job(claim) else {})
    except RetryLater as exc:
        error, delay = f"RetryLater: {exc}", exc.delay
        outcome = Outcome.retry
    except PermanentFailure as exc:
        error, outcome = f"PermanentFailure: {exc}", Outcome.dead
    except Exception as exc:
        log.exception("job %s (%s) failed", claim.ctx.event_id, claim.actor.name)
        error, outcome = f"{type(exc).__name__}: {exc}", Outcome.retry
    if outcome is Outcome.retry and claim.ctx.attempt >= claim.max_attempts:
        outcome = Outcome.dead
    await _finish(database, settings, claim.ctx, outcome, error, delay)
    return outcome


def _is_job(claim: _Claim) -> bool:
    return claim.actor.name == claim.ctx.topic


async def _claim(database: Database, settings: Settings, event_id: uuid.UUID) -> _Claim | Outcome:
    now = utcnow()
    async with database.session(write=True) as session:
        row = await session.scalar(
            select(OutboxEvent).where(OutboxEvent.id == event_id).with_for_update()
        )
        if row is None or row.processed_at is not None or row.dead_at is not None:
            return Outcome.skipped
        if row.lease_until is not None and row.lease_until > now:
            return Outcome.skipped
        handler = actor_for(row.topic)
        max_attempts = handler.max_attempts or settings.job_max_attempts
        if row.attempts >= max_attempts:
            # The last attempt never reported back (its worker died): give up.
            row.dead_at = now
            row.lease_until = None
            row.last_error = (row.last_error or "")[:1800] + " | worker lost on the last attempt"
            log.warning("job %s dead: worker lost on its last attempt", row.id)
            return Outcome.dead
        row.attempts += 1
        row.lease_until = now + timedelta(seconds=settings.relay_visibility_seconds)
        ctx = JobContext(
            event_id=row.id,
            organisation_id=row.organisation_id,
            topic=row.topic,
            person_id=row.person_id,
            payload=dict(row.payload),
            dedupe_key=row.dedupe_key,
            attempt=row.attempts,
            database=database,
            settings=settings,
            lease_until=row.lease_until,
            extend=lambda by: _extend(database, event_id, by),
        )
        return _Claim(handler, ctx, max_attempts)


async def _extend(database: Database, event_id: uuid.UUID, by: timedelta) -> datetime:
    until = utcnow() + by
    async with database.session(write=True) as session:
        row = await session.get(OutboxEvent, event_id, with_for_update=True)
        if row is not None and row.processed_at is None and row.dead_at is None:
            row.lease_until = until
    return until


async def _finish(
    database: Database,
    settings: Settings,
    ctx: JobContext,
    outcome: Outcome,
    error: str | None,
    delay: timedelta | None,
) -> None:
    now = utcnow()
    async with database.session(write=True) as session:
        row = await session.get(OutboxEvent, ctx.event_id, with_for_update=True)
        if row is None:
            return
        row.lease_until = None
        row.last_error = error[:2000] if error else None
        if outcome is Outcome.done:
            row.processed_at = now
        elif outcome is Outcome.dead:
            row.dead_at = now
            log.warning("job %s (%s) dead after %d attempts", row.id, row.topic, row.attempts)
        else:
            wait = (
                min(delay, _MAX_RETRY_AFTER)
                if delay is not None
                else backoff(settings, ctx.attempt)
            )
            row.available_at = now + max(wait, timedelta(0))
            row.dispatched_at = None
