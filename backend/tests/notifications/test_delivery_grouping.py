"""Several events for one person within the window go out as one message per channel;
quiet hours hold messages until they end, then send them together."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.kit.time import utcnow
from shiftwise.models import NotificationDelivery, NotificationPreference, OutboxEvent
from shiftwise.models.notification_delivery import DeliveryState
from tests.fakes.smtp import FakeSmtp
from tests.fixtures.factories import World
from tests.notifications.helpers import (
    SAM_EMAIL,
    add_event,
    deliveries,
    inbox,
    make_due,
    run_all,
    shift_payload,
    with_smtp,
)


async def _three_changes(database: Database, world: World) -> None:
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    for topic, day in (("assignment.created", 0), ("shift.changed", 1), ("shift.cancelled", 2)):
        payload = shift_payload(world.loc.id, start + timedelta(days=day))
        await add_event(database, world.org.id, topic, payload, world.staff.id)


async def test_changes_within_the_window_arrive_as_one_email(
    database: Database, delivery_settings: Settings, world: World, smtp: FakeSmtp
) -> None:
    settings = with_smtp(delivery_settings, smtp.port).model_copy(
        update={"notify_group_window_seconds": 60}
    )
    await _three_changes(database, world)
    await run_all(database, settings)
    assert smtp.to(SAM_EMAIL) == []  # the window is open: nothing yet
    assert len(await inbox(database, world.staff.id)) == 3  # in-app does not wait

    await make_due(database)  # the window closes
    await run_all(database, settings)
    [mail] = smtp.to(SAM_EMAIL)
    assert mail["Subject"] == "3 updates to your shifts"
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    for line in ("You have a new shift", "Your shift has changed", "Your shift is cancelled"):
        assert line in text
    emails = await deliveries(database, world.staff.id, "email")
    assert len(emails) == 3
    assert len({e.batch_id for e in emails}) == 1
    assert {e.state for e in emails} == {DeliveryState.sent}
    assert len({e.provider_message_id for e in emails}) == 1


async def test_quiet_hours_hold_messages_until_they_end(
    database: Database, delivery_settings: Settings, world: World, smtp: FakeSmtp
) -> None:
    settings = with_smtp(delivery_settings, smtp.port)
    zone = "Asia/Tokyo"
    local_now = utcnow().astimezone(ZoneInfo(zone))
    # A quiet window from an hour ago to two hours ahead, in the person's own zone.
    start = (local_now - timedelta(hours=1)).time().replace(second=0, microsecond=0)
    end = (local_now + timedelta(hours=2)).time().replace(second=0, microsecond=0)
    async with database.session(write=True) as s:
        s.add(
            NotificationPreference(
                person_id=world.staff.id,
                organisation_id=world.org.id,
                time_zone=zone,
                quiet_hours_start=time(start.hour, start.minute),
                quiet_hours_end=time(end.hour, end.minute),
            )
        )
    await _three_changes(database, world)
    await run_all(database, settings)

    assert smtp.to(SAM_EMAIL) == []
    emails = await deliveries(database, world.staff.id, "email")
    assert {e.state for e in emails} == {DeliveryState.queued}
    quiet_end = emails[0].not_before
    assert quiet_end is not None
    assert quiet_end.astimezone(ZoneInfo(zone)).time() == time(end.hour, end.minute)
    async with database.session(write=False) as s:
        waiting = (
            await s.scalars(select(OutboxEvent).where(OutboxEvent.topic == "notifications.collect"))
        ).all()
    assert len(waiting) == 3
    assert all(w.available_at >= quiet_end for w in waiting)

    await _expire_quiet(database)  # time passes: quiet hours are over
    await make_due(database)
    await run_all(database, settings)
    [mail] = smtp.to(SAM_EMAIL)
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Times are in Asia/Tokyo" in text
    assert "Tue 1 Dec 2026, 18:00–02:00" not in text  # the end is on the next day
    assert "Tue 1 Dec 2026, 18:00 – Wed 2 Dec 02:00" in text


async def _expire_quiet(database: Database) -> None:
    """Move the held rows' not_before into the past, as time passing would."""
    async with database.session(write=True) as s:
        for d in await s.scalars(select(NotificationDelivery)):
            if d.not_before is not None:
                d.not_before = utcnow() - timedelta(seconds=1)


async def test_a_shift_starting_within_quiet_hours_is_not_held_past_its_start(
    database: Database, delivery_settings: Settings, world: World, smtp: FakeSmtp
) -> None:
    settings = with_smtp(delivery_settings, smtp.port)
    local_now = utcnow().astimezone(ZoneInfo("Europe/London"))
    start = (local_now - timedelta(hours=1)).time()
    end = (local_now + timedelta(hours=2)).time()
    async with database.session(write=True) as s:
        s.add(
            NotificationPreference(
                person_id=world.staff.id,
                organisation_id=world.org.id,
                channels={"reminder": ["email"], "assigned": ["email"]},
                quiet_hours_start=time(start.hour, start.minute),
                quiet_hours_end=time(end.hour, end.minute),
            )
        )
    soon = shift_payload(world.loc.id, utcnow() + timedelta(minutes=30))
    later = shift_payload(world.loc.id, utcnow() + timedelta(days=2))
    await add_event(database, world.org.id, "shift.reminder", soon, world.staff.id)
    await add_event(database, world.org.id, "assignment.created", later, world.staff.id)
    await run_all(database, settings)

    [mail] = smtp.to(SAM_EMAIL)
    assert mail["Subject"] == "Your shift starts soon"
    held = {e.kind: e for e in await deliveries(database, world.staff.id, "email")}
    assert held["reminder"].state is DeliveryState.sent
    assert (held["assigned"].state, held["assigned"].not_before is not None) == (
        DeliveryState.queued,
        True,
    )
