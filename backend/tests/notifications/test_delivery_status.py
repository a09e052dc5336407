"""Twilio's status callbacks: signature checked over the public URL and sorted params,
statuses applied by rank, a final failure blamed on the number marks it failing."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.models.notification_delivery import DeliveryState
from shiftwise.notifications.channels.registry import TWILIO_STATUS_PATH
from shiftwise.notifications.channels.twilio import twilio_signature
from shiftwise.notifications.delivery_endpoints import current_settings
from tests.fakes.twilio import FakeTwilio
from tests.fixtures.factories import World
from tests.notifications.helpers import (
    SAM_PHONE,
    deliveries,
    person,
    sent_message_id,
    with_twilio,
)

CALLBACK = "https://shiftwise.example" + TWILIO_STATUS_PATH


@pytest.fixture
def sms_settings(
    app: FastAPI, delivery_settings: Settings, twilio: tuple[FakeTwilio, str]
) -> Iterator[Settings]:
    fake, url = twilio
    configured = with_twilio(delivery_settings, fake, url)
    app.dependency_overrides[current_settings] = lambda: configured
    yield configured
    app.dependency_overrides.pop(current_settings, None)


async def _sent_sms(database: Database, settings: Settings, world: World) -> str:
    return await sent_message_id(
        database, settings, world.staff.id, world.org.id, world.loc.id, "shift.cancelled", "sms"
    )


async def _post(client: httpx.AsyncClient, params: dict[str, str], signature: str) -> int:
    r = await client.post(
        TWILIO_STATUS_PATH,
        content=str(httpx.QueryParams(params)),
        headers={
            "content-type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": signature,
        },
    )
    return r.status_code


async def test_a_signed_callback_moves_the_sms_to_delivered_and_never_back(
    database: Database,
    sms_settings: Settings,
    world: World,
    twilio: tuple[FakeTwilio, str],
    client: httpx.AsyncClient,
) -> None:
    fake, _ = twilio
    sid = await _sent_sms(database, sms_settings, world)
    [message] = fake.to(SAM_PHONE)
    assert message["status_callback"] == CALLBACK

    assert await _post(client, *fake.callback(sid, "delivered", CALLBACK)) == 204
    assert await _post(client, *fake.callback(sid, "sent", CALLBACK)) == 204  # late, older
    [sms] = await deliveries(database, world.staff.id, "sms")
    assert (sms.state, sms.provider_status) == (DeliveryState.delivered, "delivered")


async def test_unsigned_forged_or_unknown_callbacks_are_refused(
    database: Database,
    sms_settings: Settings,
    world: World,
    twilio: tuple[FakeTwilio, str],
    client: httpx.AsyncClient,
) -> None:
    fake, _ = twilio
    sid = await _sent_sms(database, sms_settings, world)
    params, signature = fake.callback(sid, "delivered", CALLBACK)
    r = await client.post(TWILIO_STATUS_PATH, data=params)
    assert r.status_code == 401
    assert await _post(client, params | {"MessageStatus": "failed"}, signature) == 403
    # Signed over another URL (what a proxy in between would make of it): refused.
    assert await _post(client, *fake.callback(sid, "delivered", "http://testserver/x")) == 403
    params, signature = fake.callback(sid, "delivered", CALLBACK)
    params["MessageSid"] = "SM" + "0" * 32
    assert await _post(client, params, _sign(fake, params)) == 404
    [sms] = await deliveries(database, world.staff.id, "sms")
    assert sms.state is DeliveryState.sent


async def test_undelivered_to_a_landline_marks_the_phone_failing(
    database: Database,
    sms_settings: Settings,
    world: World,
    twilio: tuple[FakeTwilio, str],
    client: httpx.AsyncClient,
) -> None:
    fake, _ = twilio
    sid = await _sent_sms(database, sms_settings, world)
    assert await _post(client, *fake.callback(sid, "undelivered", CALLBACK, "30006")) == 204
    [sms] = await deliveries(database, world.staff.id, "sms")
    assert sms.state is DeliveryState.dead
    assert sms.last_error == "twilio reported undelivered (error 30006)"
    assert (await person(database, world.staff.id)).phone_failing_since is not None


def _sign(fake: FakeTwilio, params: dict[str, str]) -> str:
    return twilio_signature(fake.auth_token, CALLBACK, params)
