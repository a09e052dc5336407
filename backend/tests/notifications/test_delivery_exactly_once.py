"""A worker killed mid-delivery: what each provider receives.

`Crash` stands for SIGKILL (a BaseException: neither the actor nor the executor
records anything after it). The dead worker's lease then runs out and the job runs
again, as the relay hands it on after its visibility timeout.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.models.notification_delivery import DeliveryState
from shiftwise.notifications import tasks
from shiftwise.notifications.channels.registry import build_sender
from tests.fakes.sendgrid import FakeSendGrid
from tests.fakes.twilio import FakeTwilio
from tests.fixtures.factories import World
from tests.notifications.helpers import (
    SAM_EMAIL,
    SAM_PHONE,
    add_event,
    deliveries,
    run_all,
    shift_payload,
    with_sendgrid,
    with_twilio,
)
from tests.worker.helpers import age_dispatch


class Crash(BaseException):
    """The worker dies here."""


def once(then: Callable[..., Awaitable[Any]], *, before: bool) -> Callable[..., Awaitable[Any]]:
    """`then`, except the first call dies — before calling it, or right after."""
    calls = []

    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1 and before:
            raise Crash
        result = await then(*args, **kwargs)
        if len(calls) == 1:
            raise Crash
        return result

    return wrapper


async def _cancel_for_sam(database: Database, world: World) -> None:
    # "cancelled" goes to in-app, email and SMS by default.
    await add_event(
        database, world.org.id, "shift.cancelled", shift_payload(world.loc.id), world.staff.id
    )


async def _crash_then_recover(database: Database, delivery_settings: Settings) -> None:
    with pytest.raises(Crash):
        await run_all(database, delivery_settings)
    await age_dispatch(database, delivery_settings.relay_visibility_seconds + 1)
    await run_all(database, delivery_settings)


async def test_killed_after_twilio_accepted_the_sms_is_sent_once(
    database: Database,
    delivery_settings: Settings,
    world: World,
    twilio: tuple[FakeTwilio, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake, url = twilio
    delivery_settings = with_twilio(delivery_settings, fake, url)
    monkeypatch.setattr(tasks, "mark_sent", once(tasks.mark_sent, before=True))
    await _cancel_for_sam(database, world)
    await _crash_then_recover(database, delivery_settings)

    [message] = fake.to(SAM_PHONE)
    [sms] = await deliveries(database, world.staff.id, "sms")
    assert sms.state is DeliveryState.sent
    assert sms.provider_message_id == message["sid"]  # found again, not sent again
    assert sms.attempts == 2


async def test_killed_before_sendgrid_was_called_the_email_is_sent_once(
    database: Database,
    delivery_settings: Settings,
    world: World,
    sendgrid: tuple[FakeSendGrid, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake, url = sendgrid
    delivery_settings = with_sendgrid(delivery_settings, url)

    real_build, crashed = build_sender, list[int]()

    def crash_first(*args: Any) -> Any:
        if not crashed:
            crashed.append(1)
            raise Crash
        return real_build(*args)

    monkeypatch.setattr(tasks, "build_sender", crash_first)
    await _cancel_for_sam(database, world)
    await _crash_then_recover(database, delivery_settings)

    [mail] = fake.to(SAM_EMAIL)
    [email] = await deliveries(database, world.staff.id, "email")
    assert email.state is DeliveryState.sent
    assert email.provider_message_id == mail["x_message_id"]
    assert mail["personalizations"][0]["custom_args"] == {"delivery": email.idempotency_key}


async def test_killed_after_recording_sent_nothing_is_sent_again(
    database: Database,
    delivery_settings: Settings,
    world: World,
    sendgrid: tuple[FakeSendGrid, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake, url = sendgrid
    delivery_settings = with_sendgrid(delivery_settings, url)

    monkeypatch.setattr(tasks, "mark_sent", once(tasks.mark_sent, before=False))
    await _cancel_for_sam(database, world)
    await _crash_then_recover(database, delivery_settings)

    assert len(fake.to(SAM_EMAIL)) == 1
    [email] = await deliveries(database, world.staff.id, "email")
    assert (email.state, email.attempts) == (DeliveryState.sent, 1)


async def test_killed_after_sendgrid_accepted_the_repeat_carries_the_same_key(
    database: Database,
    delivery_settings: Settings,
    world: World,
    sendgrid: tuple[FakeSendGrid, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The documented limit: SendGrid cannot be asked what it already has, so in the
    window between its acceptance and our record delivery is at least once."""
    fake, url = sendgrid
    delivery_settings = with_sendgrid(delivery_settings, url)
    monkeypatch.setattr(tasks, "mark_sent", once(tasks.mark_sent, before=True))
    await _cancel_for_sam(database, world)
    await _crash_then_recover(database, delivery_settings)

    mails = fake.to(SAM_EMAIL)
    assert len(mails) == 2
    keys = {m["personalizations"][0]["custom_args"]["delivery"] for m in mails}
    [email] = await deliveries(database, world.staff.id, "email")
    assert keys == {email.idempotency_key}
    assert email.state is DeliveryState.sent
