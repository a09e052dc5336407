"""A worker lost during a send job's LAST attempt leaves its deliveries pending with no
job to finish them: the periodic sweep sends such a batch once more (the provider is
asked first, so the phone still gets one SMS), and gives it up as dead if that is lost
too. Running the sweep twice changes nothing more."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.kit.time import utcnow
from shiftwise.models import NotificationDelivery, OutboxEvent
from shiftwise.models.notification_delivery import DeliveryState
from shiftwise.notifications import periodic, sweep, tasks
from shiftwise.notifications.tasks import SENDING
from shiftwise.worker.scheduler import periodic_jobs
from tests.fakes.smtp import FakeSmtp
from tests.fakes.twilio import FakeTwilio
from tests.fixtures.factories import World
from tests.notifications.helpers import (
    SAM_EMAIL,
    SAM_PHONE,
    add_event,
    deliveries,
    run_all,
    shift_payload,
    with_smtp,
    with_twilio,
)
from tests.worker.helpers import age_dispatch


class Crash(BaseException):
    """The worker dies here."""


def crashing(then: Callable[..., Awaitable[Any]], times: int) -> Callable[..., Awaitable[Any]]:
    """`then`, except the first `times` calls die before it runs (for `mark_sent`: the
    provider took the message, and our record of it is lost)."""
    calls: list[int] = []

    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) <= times:
            raise Crash
        return await then(*args, **kwargs)

    return wrapper


async def _lose_the_last_attempt(database: Database, settings: Settings) -> None:
    """Run until the worker dies, then let the next claim find the attempts used up."""
    with pytest.raises(Crash):
        await run_all(database, settings)
    await age_dispatch(database, settings.relay_visibility_seconds + 1)
    await run_all(database, settings)


async def _sweep(database: Database, world: World) -> sweep.SweepResult:
    async with database.session(write=True) as s:
        return await sweep.sweep(s, world.org.id, utcnow() + timedelta(seconds=1), timedelta(0))


async def _send_jobs(database: Database) -> list[OutboxEvent]:
    async with database.session(write=False) as s:
        return list(
            (
                await s.scalars(
                    select(OutboxEvent).where(OutboxEvent.topic == "notifications.send")
                )
            ).all()
        )


def test_the_sweep_is_a_periodic_job() -> None:
    assert periodic_jobs()["notifications.sweep_stuck"].actor is periodic.sweep_stuck_deliveries


async def test_a_batch_lost_on_its_last_attempt_is_sent_once_more_and_once_only(
    database: Database,
    delivery_settings: Settings,
    world: World,
    twilio: tuple[FakeTwilio, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake, url = twilio
    settings = with_twilio(delivery_settings, fake, url).model_copy(update={"job_max_attempts": 1})
    monkeypatch.setattr(tasks, "mark_sent", crashing(tasks.mark_sent, times=1))
    await add_event(
        database, world.org.id, "shift.cancelled", shift_payload(world.loc.id), world.staff.id
    )
    await _lose_the_last_attempt(database, settings)
    [sms] = await deliveries(database, world.staff.id, "sms")
    assert (sms.state, sms.provider_status) == (DeliveryState.queued, SENDING)  # stuck
    [job] = await _send_jobs(database)
    assert job.dead_at is not None
    assert len(fake.to(SAM_PHONE)) == 1  # Twilio took it before the worker died

    assert (await _sweep(database, world)).resent == 1
    assert (await _sweep(database, world)).resent == 0  # a second sweep adds nothing
    assert len(await _send_jobs(database)) == 2
    await run_all(database, settings)

    [message] = fake.to(SAM_PHONE)  # found at Twilio, not sent again
    [sms] = await deliveries(database, world.staff.id, "sms")
    assert sms.state is DeliveryState.sent
    assert sms.provider_message_id == message["sid"]
    assert await _sweep(database, world) == sweep.SweepResult()


async def test_a_batch_lost_again_is_given_up_as_dead_with_the_reason(
    database: Database,
    delivery_settings: Settings,
    world: World,
    smtp: FakeSmtp,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = with_smtp(delivery_settings, smtp.port).model_copy(update={"job_max_attempts": 1})
    monkeypatch.setattr(tasks, "mark_sent", crashing(tasks.mark_sent, times=2))
    await add_event(
        database, world.org.id, "assignment.created", shift_payload(world.loc.id), world.staff.id
    )
    await _lose_the_last_attempt(database, settings)
    assert (await _sweep(database, world)).resent == 1
    await _lose_the_last_attempt(database, settings)
    result = await _sweep(database, world)
    assert result == sweep.SweepResult(resent=0, dead=1)
    [email] = await deliveries(database, world.staff.id, "email")
    assert email.state is DeliveryState.dead
    assert email.last_error == sweep.LOST_SEND
    assert await _sweep(database, world) == sweep.SweepResult()  # idempotent
    assert len(smtp.to(SAM_EMAIL)) == 2  # at least once over SMTP: same Message-ID


async def test_a_delivery_whose_collect_was_lost_is_collected_again(
    database: Database, delivery_settings: Settings, world: World, smtp: FakeSmtp
) -> None:
    settings = with_smtp(delivery_settings, smtp.port)
    await add_event(
        database, world.org.id, "assignment.created", shift_payload(world.loc.id), world.staff.id
    )
    await run_all(database, settings)
    async with database.session(write=True) as s:  # as if its collect job had died
        row = await s.scalar(
            select(NotificationDelivery).where(NotificationDelivery.channel == "email")
        )
        assert row is not None
        row.state, row.batch_id, row.sent_at = DeliveryState.queued, None, None
        for job in await s.scalars(
            select(OutboxEvent).where(OutboxEvent.topic == "notifications.collect")
        ):
            job.dead_at = utcnow()
    assert (await _sweep(database, world)).resent == 1
    assert (await _sweep(database, world)).resent == 0  # its job is live now
    await run_all(database, settings)
    [email] = await deliveries(database, world.staff.id, "email")
    assert email.state is DeliveryState.sent
    assert await _sweep(database, world) == sweep.SweepResult()


async def test_live_jobs_are_left_alone(
    database: Database, delivery_settings: Settings, world: World, smtp: FakeSmtp
) -> None:
    settings = with_smtp(delivery_settings, smtp.port).model_copy(
        update={"notify_group_window_seconds": 3600}
    )
    await add_event(
        database, world.org.id, "assignment.created", shift_payload(world.loc.id), world.staff.id
    )
    await run_all(database, settings)  # the email waits for its grouping window
    assert await _sweep(database, world) == sweep.SweepResult()
    [email] = await deliveries(database, world.staff.id, "email")
    assert email.state is DeliveryState.queued
