"""Running outbox rows: exactly-once effect, retries with backoff and Retry-After, dead letters."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.kit.time import utcnow
from shiftwise.notifications.channels.in_app import InAppSink
from shiftwise.worker.actors import JobContext, actor, load_actors
from shiftwise.worker.errors import PermanentFailure, RetryLater
from shiftwise.worker.executor import Outcome, execute
from shiftwise.worker.outbox import enqueue
from shiftwise.worker.relay import relay_once
from tests.fixtures.factories import World
from tests.worker.helpers import (
    RecordingPublisher,
    add_events,
    age_dispatch,
    drain,
    notifications,
    row,
)

load_actors()


class Crash(BaseException):
    """Stands for SIGKILL: nothing after it runs, not even the executor's bookkeeping."""


CRASH_ONCE: set[uuid.UUID] = set()
FAILURES: dict[str, int] = {}


@actor("tests.crash_after_effect")
async def crash_after_effect(job: JobContext, person_id: uuid.UUID) -> None:
    await InAppSink(job.database).deliver(
        job.idempotency_key,
        organisation_id=job.organisation_id,
        person_id=person_id,
        event_id=job.event_id,
        topic=job.topic,
        payload={},
    )
    if job.event_id not in CRASH_ONCE:
        CRASH_ONCE.add(job.event_id)
        raise Crash


@actor("tests.flaky")
async def flaky(job: JobContext, mode: str) -> None:
    FAILURES[mode] = FAILURES.get(mode, 0) + 1
    if mode == "retry_after":
        raise RetryLater("429 Too Many Requests", delay=timedelta(seconds=120))
    if mode == "permanent":
        raise PermanentFailure("invalid phone number")
    raise RuntimeError("provider exploded")


async def enqueue_job(database: Database, world: World, job: object) -> uuid.UUID:
    async with database.session(write=True) as s:
        event = await enqueue(s, world.org.id, job)  # type: ignore[arg-type]
        return event.id


async def test_an_event_reaches_the_inbox_once_and_is_marked_done(
    database: Database, settings: Settings, world: World
) -> None:
    [event_id] = await add_events(database, world)
    publisher = RecordingPublisher()
    assert await drain(database, settings, publisher) == [Outcome.done]
    done = await row(database, event_id)
    assert done.processed_at is not None
    assert done.dispatched_at is not None
    assert (done.attempts, done.lease_until, done.dead_at) == (1, None, None)
    # The broker repeats the message: nothing happens twice.
    assert await execute(database, settings, event_id) is Outcome.skipped
    assert await notifications(database, event_id) == 1


async def test_a_worker_dying_after_the_side_effect_still_delivers_exactly_once(
    database: Database, settings: Settings, world: World
) -> None:
    event_id = await enqueue_job(
        database, world, crash_after_effect.message(person_id=world.staff.id)
    )
    publisher = RecordingPublisher()
    await relay_once(database, publisher, settings)
    [dispatch] = publisher.take()
    with pytest.raises(Crash):
        await execute(database, settings, dispatch.event_id)
    assert await notifications(database) == 1
    # The dead worker still holds the lease: a redelivered message leaves it alone,
    # and the relay does not hand it on before the visibility timeout.
    assert await execute(database, settings, event_id) is Outcome.skipped
    assert await relay_once(database, publisher, settings) == 0
    await age_dispatch(database, settings.relay_visibility_seconds + 1)
    assert await drain(database, settings, publisher) == [Outcome.done]
    assert await notifications(database) == 1
    assert (await row(database, event_id)).attempts == 2


async def test_failures_back_off_then_dead_letter_after_the_last_attempt(
    database: Database, settings: Settings, world: World
) -> None:
    event_id = await enqueue_job(database, world, flaky.message(mode="boom"))
    publisher = RecordingPublisher()
    outcomes = []
    for _ in range(settings.job_max_attempts):
        outcomes += await drain(database, settings, publisher)
    assert outcomes == [Outcome.retry, Outcome.retry, Outcome.dead]
    dead = await row(database, event_id)
    assert dead.dead_at is not None
    assert dead.attempts == 3
    assert dead.last_error == "RuntimeError: provider exploded"
    assert await drain(database, settings, publisher) == []


async def test_retry_after_is_honoured(
    database: Database, settings: Settings, world: World
) -> None:
    event_id = await enqueue_job(database, world, flaky.message(mode="retry_after"))
    before = utcnow()
    assert await drain(database, settings, RecordingPublisher()) == [Outcome.retry]
    waiting = await row(database, event_id)
    assert waiting.dispatched_at is None
    assert waiting.available_at >= before + timedelta(seconds=119)
    assert await drain(database, settings, RecordingPublisher()) == []  # not due yet


async def test_backoff_grows_exponentially(settings: Settings) -> None:
    from shiftwise.worker.executor import backoff

    s = settings.model_copy(update={"job_backoff_seconds": 10, "job_backoff_max_seconds": 60})
    waits = [backoff(s, n).total_seconds() for n in (1, 2, 3, 4, 5)]
    assert 9 <= waits[0] <= 10
    assert 18 <= waits[1] <= 20
    assert 36 <= waits[2] <= 40
    assert 54 <= waits[3] <= 60
    assert 54 <= waits[4] <= 60


async def test_a_permanent_failure_is_dead_at_once(
    database: Database, settings: Settings, world: World
) -> None:
    event_id = await enqueue_job(database, world, flaky.message(mode="permanent"))
    assert await drain(database, settings, RecordingPublisher()) == [Outcome.dead]
    assert (await row(database, event_id)).last_error == "PermanentFailure: invalid phone number"


async def test_a_job_that_kills_its_worker_every_time_ends_dead(
    database: Database, settings: Settings, world: World
) -> None:
    """The attempt is counted when the job starts, so a poison job cannot loop forever."""
    event_id = await enqueue_job(
        database, world, crash_after_effect.message(person_id=world.staff.id)
    )
    CRASH_ONCE.discard(event_id)
    publisher = RecordingPublisher()
    for _ in range(settings.job_max_attempts):
        await relay_once(database, publisher, settings)
        [dispatch] = publisher.take()
        CRASH_ONCE.discard(event_id)
        with pytest.raises(Crash):
            await execute(database, settings, dispatch.event_id)
        await age_dispatch(database, settings.relay_visibility_seconds + 1)
    assert await drain(database, settings, publisher) == [Outcome.dead]
    assert (await row(database, event_id)).dead_at is not None
    assert await notifications(database) == 1


async def test_concurrent_copies_of_one_message_deliver_once(
    database: Database, settings: Settings, world: World
) -> None:
    [event_id] = await add_events(database, world)
    outcomes = await asyncio.gather(*(execute(database, settings, event_id) for _ in range(4)))
    assert sorted(outcomes) == sorted([Outcome.done] + [Outcome.skipped] * 3)
    assert await notifications(database, event_id) == 1


def test_messages_carry_ids_only() -> None:
    with pytest.raises(TypeError, match="must be an id"):
        flaky.message(mode={"not": "an id"})  # type: ignore[arg-type]
    job = crash_after_effect.message(person_id=uuid.UUID(int=7))
    assert (job.actor, job.args) == (
        "tests.crash_after_effect",
        {"person_id": str(uuid.UUID(int=7))},
    )


def test_actor_names_are_dotted() -> None:
    with pytest.raises(ValueError, match="dotted"):
        actor("NoDots")
