"""A real worker process SIGKILLed while Twilio holds an accepted SMS: the next worker
finds the message at Twilio instead of sending it again — the phone gets one SMS."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.models.notification_delivery import DeliveryState
from shiftwise.notifications.tasks import SENDING
from tests.fakes.twilio import FakeTwilio
from tests.fixtures.factories import World
from tests.notifications.helpers import (
    SAM_PHONE,
    add_event,
    deliveries,
    shift_payload,
)
from tests.worker.helpers import eventually

BACKEND = Path(__file__).resolve().parents[2]


def start_worker(settings: Settings, fake: FakeTwilio, twilio_url: str) -> subprocess.Popen[bytes]:
    env = os.environ | {
        "SHIFTWISE_DATABASE_URL": settings.database_url,
        "SHIFTWISE_ENVIRONMENT": "test",
        "SHIFTWISE_RELAY_POLL_SECONDS": "0.1",
        "SHIFTWISE_RELAY_VISIBILITY_SECONDS": "2",
        "SHIFTWISE_WORKER_THREADS": "1",
        "SHIFTWISE_JOB_BACKOFF_SECONDS": "0",
        "SHIFTWISE_NOTIFY_GROUP_WINDOW_SECONDS": "0",
        "SHIFTWISE_TWILIO_ACCOUNT_SID": fake.account_sid,
        "SHIFTWISE_TWILIO_AUTH_TOKEN": fake.auth_token,
        "SHIFTWISE_TWILIO_FROM_NUMBER": "+15005550006",
        "SHIFTWISE_TWILIO_BASE_URL": twilio_url,
    }
    env.pop("SHIFTWISE_REDIS_URL", None)  # the stub broker: one process, relay included
    return subprocess.Popen(
        [sys.executable, "-m", "shiftwise.cli", "worker"],
        cwd=BACKEND,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


async def test_a_worker_killed_after_twilio_accepted_sends_one_sms(
    database: Database, settings: Settings, world: World, twilio: tuple[FakeTwilio, str]
) -> None:
    fake, url = twilio
    fake.released.clear()
    await add_event(
        database, world.org.id, "shift.cancelled", shift_payload(world.loc.id), world.staff.id
    )
    first = start_worker(settings, fake, url)
    try:

        async def accepted() -> bool:
            assert first.poll() is None, first.stderr.read() if first.stderr else ""
            return len(fake.to(SAM_PHONE)) == 1

        await eventually(accepted, within=60)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    fake.released.set()
    [sms] = await deliveries(database, world.staff.id, "sms")
    assert (sms.state, sms.provider_status) == (DeliveryState.queued, SENDING)  # unknown

    second = start_worker(settings, fake, url)
    try:

        async def recorded() -> bool:
            [sms] = await deliveries(database, world.staff.id, "sms")
            return sms.state is DeliveryState.sent

        await eventually(recorded, within=60)
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(15)
        except subprocess.TimeoutExpired:
            second.kill()
    [message] = fake.to(SAM_PHONE)
    [sms] = await deliveries(database, world.staff.id, "sms")
    assert sms.provider_message_id == message["sid"]
    assert sms.attempts == 2
