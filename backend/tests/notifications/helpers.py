"""Arrangements for delivery tests: channel settings pointing at the fakes, events,
running the outbox to quiescence, reading deliveries back."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import SecretStr
from sqlalchemy import select, update

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.models import DeliveryState, Notification, NotificationDelivery, OutboxEvent, Person
from shiftwise.people.contact import set_teams_webhook as set_webhook
from shiftwise.worker.executor import Outcome, execute
from shiftwise.worker.outbox import record_event
from shiftwise.worker.relay import relay_once
from tests.fakes.twilio import FakeTwilio
from tests.worker.helpers import RecordingPublisher

SAM_EMAIL, SAM_PHONE = "sam@acme.test", "+447700900001"


def with_smtp(settings: Settings, port: int) -> Settings:
    return settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port})


def with_sendgrid(settings: Settings, url: str, key: str = "SG.fake-key") -> Settings:
    return settings.model_copy(
        update={"sendgrid_api_key": SecretStr(key), "sendgrid_base_url": url}
    )


def with_twilio(settings: Settings, fake: FakeTwilio, url: str) -> Settings:
    return settings.model_copy(
        update={
            "twilio_account_sid": fake.account_sid,
            "twilio_auth_token": SecretStr(fake.auth_token),
            "twilio_from_number": "+15005550006",
            "twilio_base_url": url,
        }
    )


def shift_payload(
    location_id: uuid.UUID, starts_at: datetime | None = None, **extra: Any
) -> dict[str, Any]:
    start = starts_at or datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    return {
        "shift_id": str(uuid.uuid4()),
        "assignment_id": str(uuid.uuid4()),
        "location_id": str(location_id),
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=8)).isoformat(),
        **extra,
    }


async def add_event(
    database: Database,
    org_id: uuid.UUID,
    topic: str,
    payload: dict[str, Any],
    person_id: uuid.UUID | None = None,
) -> uuid.UUID:
    async with database.session(write=True) as s:
        event = await record_event(s, org_id, topic, person_id=person_id, payload=payload)
        return event.id


async def run_all(database: Database, settings: Settings, rounds: int = 20) -> list[Outcome]:
    """Relay and run due outbox rows until none are left due (like one worker)."""
    publisher, outcomes = RecordingPublisher(), list[Outcome]()
    for _ in range(rounds):
        if not await relay_once(database, publisher, settings):
            return outcomes
        for dispatch in publisher.take():
            outcomes.append(await execute(database, settings, dispatch.event_id))
    raise AssertionError("the outbox never went quiet")


async def make_due(database: Database) -> None:
    """Every waiting outbox row (a retry's Retry-After, a grouping window) is due now."""
    async with database.session(write=True) as s:
        await s.execute(
            update(OutboxEvent)
            .where(OutboxEvent.processed_at.is_(None), OutboxEvent.dead_at.is_(None))
            .values(available_at=datetime.now(UTC) - timedelta(seconds=1))
        )


async def deliveries(
    database: Database, person_id: uuid.UUID | None = None, channel: str | None = None
) -> list[NotificationDelivery]:
    async with database.session(write=False) as s:
        stmt = select(NotificationDelivery).order_by(NotificationDelivery.created_at)
        if person_id is not None:
            stmt = stmt.where(NotificationDelivery.person_id == person_id)
        if channel is not None:
            stmt = stmt.where(NotificationDelivery.channel == channel)
        return list((await s.scalars(stmt)).all())


async def sent_message_id(
    database: Database,
    settings: Settings,
    person_id: uuid.UUID,
    org_id: uuid.UUID,
    location_id: uuid.UUID,
    topic: str,
    channel: str,
) -> str:
    """Deliver one event to a person and return the provider's id of its one message."""
    await add_event(database, org_id, topic, shift_payload(location_id), person_id)
    await run_all(database, settings)
    [sent] = await deliveries(database, person_id, channel)
    assert sent.state is DeliveryState.sent
    assert sent.provider_message_id is not None
    return sent.provider_message_id


async def inbox(database: Database, person_id: uuid.UUID) -> list[Notification]:
    async with database.session(write=False) as s:
        return list(
            (await s.scalars(select(Notification).where(Notification.person_id == person_id))).all()
        )


async def person(database: Database, person_id: uuid.UUID) -> Person:
    async with database.session(write=False) as s:
        return await s.get_one(Person, person_id)


async def set_teams_webhook(database: Database, person_id: uuid.UUID, url: str) -> None:
    async with database.session(write=True) as s:
        p = await s.get_one(Person, person_id)
        set_webhook(p, url)
