"""Events become deliveries: kinds, recipients (including events naming no one) and
the default channels; the email carries the shift in the recipient's local time."""

from __future__ import annotations

from datetime import UTC, datetime

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.models import Person, Role
from shiftwise.models.notification_delivery import DeliveryState
from tests.fakes.smtp import FakeSmtp
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.notifications.helpers import (
    SAM_EMAIL,
    add_event,
    deliveries,
    inbox,
    run_all,
    shift_payload,
    with_smtp,
)


async def test_an_assignment_reaches_the_inbox_and_the_mailbox_once_in_local_time(
    database: Database, delivery_settings: Settings, world: World, smtp: FakeSmtp
) -> None:
    delivery_settings = with_smtp(delivery_settings, smtp.port)
    start = datetime(2026, 7, 1, 8, 0, tzinfo=UTC)  # 09:00 in London (summer time)
    event_id = await add_event(
        database,
        world.org.id,
        "assignment.created",
        shift_payload(world.loc.id, start),
        world.staff.id,
    )
    await run_all(database, delivery_settings)
    await run_all(database, delivery_settings)  # nothing left to do: nothing happens twice

    rows = {d.channel: d for d in await deliveries(database, world.staff.id)}
    assert set(rows) == {"in_app", "email"}  # the defaults for "assigned": no SMS
    assert {d.state for d in rows.values()} == {DeliveryState.sent}
    assert rows["email"].idempotency_key == f"{event_id}:email:{world.staff.id}"
    assert len(await inbox(database, world.staff.id)) == 1
    [mail] = smtp.to(SAM_EMAIL)
    assert mail["Subject"] == "You have a new shift"
    assert rows["email"].provider_message_id == mail["Message-ID"]
    text, html = (mail.get_body((kind,)).get_content() for kind in ("plain", "html"))  # type: ignore[union-attr]
    assert "Wed 1 Jul 2026, 09:00–17:00 at North Clinic" in text
    assert "Times are in Europe/London" in text
    assert "North Clinic" in html
    assert html.lstrip().startswith("<!doctype html>")


async def test_a_channel_without_configuration_is_skipped_with_the_reason(
    database: Database, delivery_settings: Settings, world: World
) -> None:
    await add_event(
        database, world.org.id, "shift.cancelled", shift_payload(world.loc.id), world.staff.id
    )
    await run_all(database, delivery_settings)
    rows = {d.channel: d for d in await deliveries(database, world.staff.id)}
    assert rows["in_app"].state is DeliveryState.sent
    for channel in ("email", "sms"):  # "cancelled" defaults to SMS as well
        assert rows[channel].state is DeliveryState.skipped
        assert "not configured" in (rows[channel].last_error or "")


async def test_a_drop_goes_to_the_qualified_people_but_not_the_giver(
    database: Database, delivery_settings: Settings, world: World
) -> None:
    async with database.session(write=True) as s:
        unqualified = await factories.person(s, world.org, "Una Unskilled", home=world.loc)
        lapsed = await factories.person(
            s,
            world.org,
            "Lee Lapsed",
            home=world.loc,
            skills={world.skill: datetime(2026, 1, 31, tzinfo=UTC).date()},
        )
    payload = shift_payload(
        world.loc.id,
        requester_person_id=str(world.staff.id),
        skill_id=str(world.skill.id),
    )
    await add_event(database, world.org.id, "shift_request.drop_available", payload)
    await run_all(database, delivery_settings)
    told = {d.person_id for d in await deliveries(database)}
    assert told == {world.colleague.id}
    assert {d.kind for d in await deliveries(database)} == {"open_shift"}
    for nobody in (world.staff.id, unqualified.id, lapsed.id):
        assert await inbox(database, nobody) == []


async def test_coordinator_notices_reach_the_location_coordinators_with_or_without_a_profile(
    database: Database, delivery_settings: Settings, world: World
) -> None:
    async with database.session(write=True) as s:
        # world.coordinator has no person profile: reached as a login.
        coordinator = await factories.user(
            s, world.org, Role.coordinator, "cora@acme.test", locations=[world.loc]
        )
        cora = await factories.person(s, world.org, "Cora Coordinator", user=coordinator)
        elsewhere = await factories.user(
            s, world.org, Role.coordinator, "otto@acme.test", locations=[world.other_loc]
        )
        await factories.person(s, world.org, "Otto Other", user=elsewhere)
    await add_event(database, world.org.id, "shift.open", shift_payload(world.loc.id))
    await add_event(
        database,
        world.org.id,
        "shift_request.waiting",
        shift_payload(world.loc.id, requester_person_id=str(world.staff.id)),
    )
    await run_all(database, delivery_settings)
    rows = [d for d in await deliveries(database) if d.channel == "in_app"]
    assert {(d.person_id, d.user_id, d.kind) for d in rows} == {
        (cora.id, None, "unfilled_shift"),
        (cora.id, None, "request_waiting"),
        (None, world.coordinator.id, "unfilled_shift"),
        (None, world.coordinator.id, "request_waiting"),
    }


async def test_events_for_no_one_and_inactive_people_deliver_nothing(
    database: Database, delivery_settings: Settings, world: World
) -> None:
    async with database.session(write=True) as s:
        (await s.get_one(Person, world.colleague.id)).is_active = False
    await add_event(database, world.org.id, "time_off.requested", {}, world.staff.id)
    await add_event(database, world.org.id, "something.unheard_of", {}, world.staff.id)
    await add_event(
        database,
        world.org.id,
        "assignment.created",
        shift_payload(world.loc.id),
        world.colleague.id,
    )
    await run_all(database, delivery_settings)
    assert await deliveries(database) == []
