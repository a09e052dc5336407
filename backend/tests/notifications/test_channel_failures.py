"""Provider trouble: Retry-After honoured, transient failures retried then dead (and
retryable by an admin), permanent refusals mark the contact failing without retrying."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.kit.time import utcnow
from shiftwise.models import NotificationPreference, OutboxEvent, Person
from shiftwise.models.notification_delivery import DeliveryState
from shiftwise.people.contact import set_email, set_phone
from tests.conftest import Clients
from tests.fakes.sendgrid import FakeSendGrid
from tests.fakes.smtp import FakeSmtp
from tests.fakes.teams import FakeTeams
from tests.fakes.twilio import FakeTwilio
from tests.fixtures.factories import World
from tests.notifications.helpers import (
    SAM_EMAIL,
    add_event,
    deliveries,
    make_due,
    person,
    run_all,
    set_teams_webhook,
    shift_payload,
    with_sendgrid,
    with_smtp,
    with_twilio,
)


async def _cancel_for_sam(database: Database, world: World) -> None:
    await add_event(
        database, world.org.id, "shift.cancelled", shift_payload(world.loc.id), world.staff.id
    )


async def _send_jobs(database: Database) -> list[OutboxEvent]:
    async with database.session(write=False) as s:
        stmt = select(OutboxEvent).where(OutboxEvent.topic == "notifications.send")
        return list((await s.scalars(stmt)).all())


async def test_429_waits_for_retry_after_then_sends(
    database: Database,
    delivery_settings: Settings,
    world: World,
    sendgrid: tuple[FakeSendGrid, str],
) -> None:
    fake, url = sendgrid
    delivery_settings = with_sendgrid(delivery_settings, url)
    fake.faults.fail_next(429, retry_after="120")
    await _cancel_for_sam(database, world)
    before = utcnow()
    await run_all(database, delivery_settings)

    [email] = await deliveries(database, world.staff.id, "email")
    assert (email.state, email.last_error) == (DeliveryState.failed, "sendgrid: HTTP 429")
    [job] = await _send_jobs(database)
    assert job.available_at >= before + timedelta(seconds=119)  # not the (zero) backoff
    assert fake.to(SAM_EMAIL) == []

    await make_due(database)
    await run_all(database, delivery_settings)
    [email] = await deliveries(database, world.staff.id, "email")
    assert (email.state, email.attempts) == (DeliveryState.sent, 2)
    assert len(fake.to(SAM_EMAIL)) == 1


async def test_transient_failures_end_dead_and_an_admin_sends_again(
    database: Database,
    delivery_settings: Settings,
    world: World,
    sendgrid: tuple[FakeSendGrid, str],
    clients: Clients,
) -> None:
    fake, url = sendgrid
    delivery_settings = with_sendgrid(delivery_settings, url)
    fake.faults.fail_next(503, times=delivery_settings.job_max_attempts)
    await _cancel_for_sam(database, world)
    await run_all(database, delivery_settings)  # the backoff is zero here: every try runs

    [email] = await deliveries(database, world.staff.id, "email")
    assert (email.state, email.attempts) == (DeliveryState.dead, delivery_settings.job_max_attempts)
    assert fake.to(SAM_EMAIL) == []
    assert (await person(database, world.staff.id)).email_failing_since is None

    admin = await clients.as_user(world.admin)
    listed = await admin.get(
        "/api/v1/notification-deliveries", params={"state": "dead", "channel": "email"}
    )
    assert [d["id"] for d in listed.json()["items"]] == [str(email.id)]
    assert "@" not in listed.text  # no contact details, only ids
    r = await admin.post(f"/api/v1/notification-deliveries/{email.id}/retry")
    assert r.status_code == 202, r.text
    assert r.json()["state"] == "queued"
    again = await admin.post(f"/api/v1/notification-deliveries/{email.id}/retry")
    assert again.status_code == 409
    assert again.json()["error"] == "delivery_not_retryable"

    await run_all(database, delivery_settings)
    [email] = await deliveries(database, world.staff.id, "email")
    assert email.state is DeliveryState.sent
    assert len(fake.to(SAM_EMAIL)) == 1


async def test_an_invalid_number_is_refused_once_and_marked_failing(
    database: Database, delivery_settings: Settings, world: World, twilio: tuple[FakeTwilio, str]
) -> None:
    fake, url = twilio
    delivery_settings = with_twilio(delivery_settings, fake, url)
    async with database.session(write=True) as s:
        set_phone(await s.get_one(Person, world.staff.id), "+15005550001")  # Twilio: 21211
    await _cancel_for_sam(database, world)
    await run_all(database, delivery_settings)

    [sms] = await deliveries(database, world.staff.id, "sms")
    assert (sms.state, sms.attempts) == (DeliveryState.dead, 1)  # not retried
    assert "21211" in (sms.last_error or "")
    sam = await person(database, world.staff.id)
    assert sam.phone_failing_since is not None
    assert "21211" in (sam.phone_failure or "")
    [job] = await _send_jobs(database)
    assert (job.processed_at is not None, job.attempts) == (True, 1)

    await _cancel_for_sam(database, world)  # the next message skips the failing number
    await run_all(database, delivery_settings)
    latest = (await deliveries(database, world.staff.id, "sms"))[-1]
    assert latest.state is DeliveryState.skipped
    assert "failing" in (latest.last_error or "")
    assert fake.messages == []


async def test_smtp_refusing_the_mailbox_marks_the_address_failing(
    database: Database, delivery_settings: Settings, world: World, smtp: FakeSmtp
) -> None:
    delivery_settings = with_smtp(delivery_settings, smtp.port)
    async with database.session(write=True) as s:
        set_email(await s.get_one(Person, world.staff.id), "gone@acme.test")
    smtp.refused.add("gone@acme.test")
    await _cancel_for_sam(database, world)
    await run_all(database, delivery_settings)

    [email] = await deliveries(database, world.staff.id, "email")
    assert (email.state, email.attempts) == (DeliveryState.dead, 1)
    assert email.last_error == "smtp: recipient refused (550)"
    assert (await person(database, world.staff.id)).email_failing_since is not None


async def test_smtp_deferral_is_retried(
    database: Database, delivery_settings: Settings, world: World, smtp: FakeSmtp
) -> None:
    delivery_settings = with_smtp(delivery_settings, smtp.port)
    smtp.deferring = True
    await _cancel_for_sam(database, world)
    await run_all(database, delivery_settings.model_copy(update={"job_backoff_seconds": 3600}))
    [email] = await deliveries(database, world.staff.id, "email")
    assert (email.state, email.last_error) == (
        DeliveryState.failed,
        "smtp: recipient deferred (451)",
    )

    smtp.deferring = False
    await make_due(database)
    await run_all(database, delivery_settings)
    [email] = await deliveries(database, world.staff.id, "email")
    assert email.state is DeliveryState.sent
    assert len(smtp.to(SAM_EMAIL)) == 1


async def test_teams_gets_an_adaptive_card_and_a_deleted_flow_marks_teams_failing(
    database: Database, delivery_settings: Settings, world: World, teams: tuple[FakeTeams, str]
) -> None:
    fake, url = teams
    delivery_settings = delivery_settings.model_copy(update={"teams_enabled": True})
    webhook = fake.new_flow(url)
    await set_teams_webhook(database, world.staff.id, webhook)
    await set_teams_webhook(database, world.colleague.id, url + "/workflows/deleted/x?sig=s")
    async with database.session(write=True) as s:
        for p in (world.staff, world.colleague):
            s.add(
                NotificationPreference(
                    person_id=p.id, organisation_id=world.org.id, channels={"changed": ["teams"]}
                )
            )
    for p in (world.staff, world.colleague):
        payload = shift_payload(world.loc.id, previous_starts_at="2026-11-30T09:00:00+00:00")
        await add_event(database, world.org.id, "shift.changed", payload, p.id)
    await run_all(database, delivery_settings)

    [card] = fake.received(webhook)
    assert (card["type"], card["version"]) == ("AdaptiveCard", "1.4")
    assert card["body"][0]["text"] == "Your shift has changed"
    assert "(was Mon 30 Nov 2026, 09:00" in card["body"][1]["facts"][0]["value"]
    [ok] = await deliveries(database, world.staff.id, "teams")
    assert ok.state is DeliveryState.sent
    [refused] = await deliveries(database, world.colleague.id, "teams")
    assert (refused.state, refused.last_error) == (
        DeliveryState.dead,
        "teams workflow: HTTP 404",
    )
    assert (await person(database, world.colleague.id)).teams_failing_since is not None
