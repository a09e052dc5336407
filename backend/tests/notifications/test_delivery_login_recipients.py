"""Coordinators and admins without a person profile are notified as logins: in-app and
by email to their sign-in address; a login with a profile is reached once, as the person."""

from __future__ import annotations

from sqlalchemy import delete, select

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.models import (
    DeliveryState,
    Notification,
    NotificationDelivery,
    OutboxEvent,
    location_coordinators,
)
from shiftwise.models.user import Role
from tests.conftest import Clients
from tests.fakes.smtp import FakeSmtp
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.notifications.helpers import add_event, deliveries, run_all, shift_payload, with_smtp


async def _user_rows(database: Database, user_id: object) -> list[NotificationDelivery]:
    async with database.session(write=False) as s:
        return list(
            (
                await s.scalars(
                    select(NotificationDelivery).where(NotificationDelivery.user_id == user_id)
                )
            ).all()
        )


async def test_a_coordinator_without_a_profile_gets_in_app_and_login_email(
    database: Database, delivery_settings: Settings, world: World, smtp: FakeSmtp
) -> None:
    settings = with_smtp(delivery_settings, smtp.port)
    await add_event(database, world.org.id, "shift.unfilled", shift_payload(world.loc.id))
    await run_all(database, settings)
    rows = {d.channel: d for d in await _user_rows(database, world.coordinator.id)}
    assert set(rows) == {"in_app", "email"}  # no SMS or Teams: a login has no such contact
    assert rows["in_app"].state is DeliveryState.sent
    assert rows["email"].state is DeliveryState.sent, rows["email"].last_error
    assert all(d.person_id is None for d in rows.values())
    [mail] = smtp.to("coord@acme.test")
    body = mail.get_body(("plain",))
    assert body is not None
    assert "coord" in body.get_content()  # greeted by their sign-in name
    async with database.session(write=False) as s:
        [note] = (
            await s.scalars(
                select(Notification).where(Notification.user_id == world.coordinator.id)
            )
        ).all()
    assert note.topic == "shift.unfilled"
    assert note.person_id is None
    # The other location's coordinator is not told.
    assert await _user_rows(database, world.other_coordinator.id) == []


async def test_a_coordinator_with_a_profile_is_reached_once_as_the_person(
    database: Database, delivery_settings: Settings, world: World
) -> None:
    async with database.session(write=True) as s:
        cora = await factories.person(s, world.org, "Cora", user=world.coordinator)
    await add_event(database, world.org.id, "request.waiting", shift_payload(world.loc.id))
    await run_all(database, delivery_settings)
    assert await _user_rows(database, world.coordinator.id) == []
    [row] = await deliveries(database, cora.id, "in_app")
    assert row.kind == "request_waiting"


async def test_running_twice_delivers_once(
    database: Database, delivery_settings: Settings, world: World
) -> None:
    event_id = await add_event(
        database, world.org.id, "shift.unfilled", shift_payload(world.loc.id)
    )
    await run_all(database, delivery_settings)
    async with database.session(write=True) as s:  # the job is redelivered
        row = await s.get_one(OutboxEvent, event_id)
        row.processed_at = None
        row.dispatched_at = None
        row.attempts = 0
    await run_all(database, delivery_settings)
    rows = await _user_rows(database, world.coordinator.id)
    assert sorted(d.channel for d in rows) == ["email", "in_app"]
    async with database.session(write=False) as s:
        notes = (
            await s.scalars(
                select(Notification).where(Notification.user_id == world.coordinator.id)
            )
        ).all()
    assert len(notes) == 1


async def test_admins_hear_when_a_location_has_no_coordinator(
    database: Database, delivery_settings: Settings, world: World
) -> None:
    async with database.session(write=True) as s:
        await s.execute(
            delete(location_coordinators).where(location_coordinators.c.location_id == world.loc.id)
        )
        second_admin = await factories.user(s, world.org, Role.admin, "ada@acme.test")
        ada = await factories.person(s, world.org, "Ada Admin", user=second_admin)
    await add_event(database, world.org.id, "shift.unfilled", shift_payload(world.loc.id))
    # A coordinator notice that does not fall back (a claim filled a seat) tells no one.
    await add_event(database, world.org.id, "shift.claimed", shift_payload(world.loc.id))
    await run_all(database, delivery_settings)
    told = [d for d in await deliveries(database) if d.channel == "in_app"]
    assert {(d.person_id, d.user_id, d.kind) for d in told} == {
        (None, world.admin.id, "unfilled_shift"),
        (ada.id, None, "unfilled_shift"),
    }
    # The other organisation's admin never hears.
    assert await _user_rows(database, world.foreign_admin.id) == []


async def test_admins_find_a_logins_deliveries(
    database: Database, delivery_settings: Settings, world: World, clients: Clients
) -> None:
    await add_event(database, world.org.id, "shift.unfilled", shift_payload(world.loc.id))
    await run_all(database, delivery_settings)
    c = await clients.as_user(world.admin)
    r = await c.get(
        "/api/v1/notification-deliveries", params={"user_id": str(world.coordinator.id)}
    )
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert {(i["user_id"], i["person_id"]) for i in items} == {(str(world.coordinator.id), None)}
    assert {i["channel"] for i in items} == {"in_app", "email"}
