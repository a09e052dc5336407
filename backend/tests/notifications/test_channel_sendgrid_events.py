"""SendGrid's signed event webhook: a delivery confirmed, a bounce marks the address
failing and the delivery dead; unsigned or forged posts are refused."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.models.notification_delivery import DeliveryState
from shiftwise.notifications.delivery_endpoints import current_settings
from tests.fakes.sendgrid import FakeSendGrid
from tests.fixtures.factories import World
from tests.notifications.helpers import (
    SAM_EMAIL,
    deliveries,
    person,
    sent_message_id,
    with_sendgrid,
)

EVENTS = "/api/v1/integrations/sendgrid/events"


@pytest.fixture
def email_settings(
    app: FastAPI, delivery_settings: Settings, sendgrid: tuple[FakeSendGrid, str]
) -> Iterator[Settings]:
    fake, url = sendgrid
    configured = with_sendgrid(delivery_settings, url).model_copy(
        update={"sendgrid_webhook_public_key": fake.public_key}
    )
    app.dependency_overrides[current_settings] = lambda: configured
    yield configured
    app.dependency_overrides.pop(current_settings, None)


async def _sent_email(database: Database, settings: Settings, world: World) -> str:
    return await sent_message_id(
        database,
        settings,
        world.staff.id,
        world.org.id,
        world.loc.id,
        "assignment.created",
        "email",
    )


async def test_delivered_then_bounced(
    database: Database,
    email_settings: Settings,
    world: World,
    sendgrid: tuple[FakeSendGrid, str],
    client: httpx.AsyncClient,
) -> None:
    fake, _ = sendgrid
    message_id = await _sent_email(database, email_settings, world)
    body, headers = fake.events(message_id, {"event": "delivered", "email": SAM_EMAIL})
    assert (await client.post(EVENTS, content=body, headers=headers)).status_code == 204
    [email] = await deliveries(database, world.staff.id, "email")
    assert email.state is DeliveryState.delivered
    assert (await person(database, world.staff.id)).email_failing_since is None

    bounce = {"event": "bounce", "type": "bounce", "email": SAM_EMAIL, "reason": "550 5.1.1"}
    body, headers = fake.events(message_id, bounce)
    assert (await client.post(EVENTS, content=body, headers=headers)).status_code == 204
    [email] = await deliveries(database, world.staff.id, "email")
    assert (email.state, email.last_error) == (DeliveryState.dead, "sendgrid reported bounce")
    sam = await person(database, world.staff.id)
    assert sam.email_failing_since is not None


async def test_a_temporary_block_is_not_a_bounce(
    database: Database,
    email_settings: Settings,
    world: World,
    sendgrid: tuple[FakeSendGrid, str],
    client: httpx.AsyncClient,
) -> None:
    fake, _ = sendgrid
    message_id = await _sent_email(database, email_settings, world)
    body, headers = fake.events(message_id, {"event": "bounce", "type": "blocked"})
    assert (await client.post(EVENTS, content=body, headers=headers)).status_code == 204
    [email] = await deliveries(database, world.staff.id, "email")
    assert email.state is DeliveryState.sent
    assert (await person(database, world.staff.id)).email_failing_since is None


async def test_unsigned_and_forged_events_are_refused(
    database: Database,
    email_settings: Settings,
    world: World,
    sendgrid: tuple[FakeSendGrid, str],
    client: httpx.AsyncClient,
) -> None:
    fake, _ = sendgrid
    message_id = await _sent_email(database, email_settings, world)
    body, headers = fake.events(message_id, {"event": "bounce", "type": "bounce"})
    unsigned = {"Content-Type": "application/json"}
    assert (await client.post(EVENTS, content=body, headers=unsigned)).status_code == 401
    forged = body.replace(b"bounce", b"dropped", 1)
    r = await client.post(EVENTS, content=forged, headers=headers)
    assert r.status_code == 403
    assert r.json()["error"] == "bad_signature"
    other = FakeSendGrid()  # signed, but not with the key we trust
    body, headers = other.events(message_id, {"event": "bounce", "type": "bounce"})
    assert (await client.post(EVENTS, content=body, headers=headers)).status_code == 403
    [email] = await deliveries(database, world.staff.id, "email")
    assert email.state is DeliveryState.sent
