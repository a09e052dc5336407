"""Periodic jobs: the scheduler writes one outbox row per job, organisation and time slot.

Two schedulers may run: on PostgreSQL a transaction-level advisory lock lets one tick
at a time, and on any database the row's dedupe key ("periodic:<actor>:<org>:<slot>")
makes a second enqueue of the same slot a no-op, so a job never runs twice for one
slot. The scheduler never talks to the broker; the relay hands the rows on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, ParamSpec

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.kit.time import utcnow
from shiftwise.models import Organisation, OutboxEvent
from shiftwise.worker.actors import Actor

log = logging.getLogger(__name__)

P = ParamSpec("P")
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
# pg_try_advisory_xact_lock key: "shiftwise scheduler".
_LOCK_KEY = 0x5357_5343_4845_44


@dataclass(frozen=True)
class Periodic:
    actor: Actor[Any]
    every: timedelta


_PERIODIC: dict[str, Periodic] = {}


def periodic(*, every: timedelta) -> Callable[[Actor[P]], Actor[P]]:
    """Fire this actor (no arguments but its context) every `every`, per organisation."""
    if every < timedelta(seconds=1):
        raise ValueError("periodic jobs run at most once a second")

    def register(target: Actor[P]) -> Actor[P]:
        _PERIODIC[target.name] = Periodic(target, every)
        return target

    return register


def periodic_jobs() -> dict[str, Periodic]:
    return dict(_PERIODIC)


def slot_of(now: datetime, every: timedelta) -> datetime:
    """The start of the slot `now` falls in (slots are aligned, so every scheduler agrees)."""
    return _EPOCH + every * ((now - _EPOCH) // every)


def dedupe_key(name: str, organisation_id: object, slot: datetime) -> str:
    return f"periodic:{name}:{organisation_id}:{slot.strftime('%Y%m%dT%H%M%SZ')}"


async def tick(database: Database, now: datetime | None = None) -> int:
    """Enqueue every periodic job due in the current slot; return how many rows were new."""
    now = now or utcnow()
    jobs = periodic_jobs()
    if not jobs:
        return 0
    try:
        async with database.session(write=True) as session:
            if not database.is_sqlite:
                got = await session.scalar(
                    text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _LOCK_KEY}
                )
                if not got:
                    return 0
            org_ids = list((await session.scalars(select(Organisation.id))).all())
            wanted = {
                dedupe_key(name, org_id, slot_of(now, job.every)): (job, org_id)
                for name, job in jobs.items()
                for org_id in org_ids
            }
            present = set(
                (
                    await session.scalars(
                        select(OutboxEvent.dedupe_key).where(OutboxEvent.dedupe_key.in_(wanted))
                    )
                ).all()
            )
            new = 0
            for key, (job, org_id) in wanted.items():
                if key in present:
                    continue
                session.add(
                    OutboxEvent(
                        organisation_id=org_id,
                        topic=job.actor.name,
                        payload={},
                        dedupe_key=key,
                        available_at=now,
                    )
                )
                new += 1
            await session.flush()
            return new
    except IntegrityError:
        log.info("another scheduler enqueued this slot first")
        return 0


async def run_scheduler(database: Database, settings: Settings, stop: asyncio.Event) -> None:
    """Tick every `scheduler_tick_seconds` until `stop` is set."""
    while not stop.is_set():
        try:
            created = await tick(database)
            if created:
                log.info("scheduler enqueued %d periodic jobs", created)
        except Exception:
            log.exception("scheduler tick failed")
        try:
            await asyncio.wait_for(stop.wait(), settings.scheduler_tick_seconds)
        except TimeoutError:
            pass
