"""No log line carries a contact detail: not on success, retry, refusal or reconciliation."""

from __future__ import annotations

import logging

import pytest

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.models import NotificationPreference, Person
from shiftwise.people.contact import set_email, set_phone
from tests.fakes.smtp import FakeSmtp
from tests.fakes.teams import FakeTeams
from tests.fakes.twilio import FakeTwilio
from tests.fixtures.factories import World
from tests.notifications.helpers import (
    SAM_EMAIL,
    SAM_PHONE,
    add_event,
    deliveries,
    make_due,
    run_all,
    set_teams_webhook,
    shift_payload,
    with_smtp,
    with_twilio,
)

# The fakes' own loggers stand for the provider's side, not ours.
PROVIDER_SIDE = ("mail.log", "uvicorn")


async def test_contact_details_appear_in_no_log_line(
    database: Database,
    delivery_settings: Settings,
    world: World,
    smtp: FakeSmtp,
    twilio: tuple[FakeTwilio, str],
    teams: tuple[FakeTeams, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake_twilio, twilio_url = twilio
    fake_teams, teams_url = teams
    settings = with_twilio(with_smtp(delivery_settings, smtp.port), fake_twilio, twilio_url)
    settings = settings.model_copy(update={"teams_enabled": True})
    webhook = fake_teams.new_flow(teams_url)
    await set_teams_webhook(database, world.staff.id, webhook)
    bad_email, bad_phone = "nobody-here@acme.test", "+15005550001"
    async with database.session(write=True) as s:
        cleo = await s.get_one(Person, world.colleague.id)
        set_email(cleo, bad_email)
        set_phone(cleo, bad_phone)
        s.add(
            NotificationPreference(
                person_id=world.staff.id,
                organisation_id=world.org.id,
                channels={"cancelled": ["in_app", "email", "sms", "teams"]},
            )
        )
    smtp.refused.add(bad_email)
    fake_twilio.faults.fail_next(503, retry_after="1")  # one retry on the way

    caplog.set_level(logging.DEBUG)
    for p in (world.staff.id, world.colleague.id):
        await add_event(database, world.org.id, "shift.cancelled", shift_payload(world.loc.id), p)
    await run_all(database, settings)
    await make_due(database)
    await run_all(database, settings)

    states = {(d.person_id, d.channel): d.state.value for d in await deliveries(database)}
    assert states[(world.staff.id, "sms")] == "sent"
    assert states[(world.staff.id, "teams")] == "sent"
    assert states[(world.colleague.id, "email")] == "dead"
    assert states[(world.colleague.id, "sms")] == "dead"
    ours = [r for r in caplog.records if not r.name.startswith(PROVIDER_SIDE)]
    assert any("refused" in r.getMessage() for r in ours)  # the log did see the refusals
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in ours)
    secret = webhook.split("sig=")[1]
    for detail in (SAM_EMAIL, SAM_PHONE, bad_email, bad_phone, secret, SAM_PHONE[1:]):
        assert detail not in logged
