"""Where to reach me: a person sets their own notification contact details, with the
same validation as an admin's edit; a changed contact is tried afresh; audited without
its values; never logged."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from shiftwise.db import Database
from shiftwise.kit.time import utcnow
from shiftwise.models import AuditEntry, Person
from shiftwise.people.contact import set_email, teams_webhook_of
from tests.conftest import Clients
from tests.fixtures.factories import World
from tests.people.helpers import fields_of

GOOD_HOOK = "https://acme.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456"


async def test_i_read_and_set_my_own_contact(
    clients: Clients, world: World, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    c = await clients.as_user(world.staff_user)
    r = await c.get("/api/v1/me/contact")
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    assert r.json()["email"] == "sam@acme.test"
    assert r.json()["teams_webhook_set"] is False
    r = await c.patch(
        "/api/v1/me/contact",
        json={
            "phone": "+447700900999",
            "teams_webhook_url": GOOD_HOOK,
            "email": "sam.home@example.com",
        },
    )
    assert r.status_code == 200, r.text
    got = r.json()
    assert (got["phone"], got["email"], got["teams_webhook_set"]) == (
        "+447700900999",
        "sam.home@example.com",
        True,
    )
    assert GOOD_HOOK not in r.text  # write-only
    async with database.session(write=False) as s:
        person = await s.get_one(Person, world.staff.id)
        assert teams_webhook_of(person) == GOOD_HOOK
        [entry] = (
            await s.scalars(select(AuditEntry).where(AuditEntry.action == "person.contact_changed"))
        ).all()
    assert entry.record_id == world.staff.id
    assert entry.actor_user_id == world.staff_user.id
    assert entry.after is not None
    assert sorted(entry.after["contact_changed"]) == ["email", "phone", "teams_webhook_url"]
    for secret in ("+447700900999", "sam.home@example.com", GOOD_HOOK):
        assert secret not in str(entry.after)
        assert secret not in caplog.text
    # Null removes one; others stay.
    r = await c.patch("/api/v1/me/contact", json={"teams_webhook_url": None})
    assert r.json()["teams_webhook_set"] is False
    assert r.json()["phone"] == "+447700900999"


async def test_a_changed_contact_is_tried_afresh_an_unchanged_one_stays_failing(
    clients: Clients, world: World, database: Database
) -> None:
    async with database.session(write=True) as s:
        person = await s.get_one(Person, world.staff.id)
        set_email(person, "sam.work@example.com")
        person.email_failing_since = person.phone_failing_since = utcnow()
        person.email_failure = person.phone_failure = "bounced"
    c = await clients.as_user(world.staff_user)
    r = await c.get("/api/v1/me/contact")
    assert r.json()["email_state"]["failure"] == "bounced"
    r = await c.patch(
        "/api/v1/me/contact", json={"email": "sam.work@example.com", "phone": "+447700900555"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["email_state"]["failing_since"] is not None  # same address: still failing
    assert r.json()["phone_state"] == {"failing_since": None, "failure": None}
    async with database.session(write=False) as s:
        entries = (
            await s.scalars(select(AuditEntry).where(AuditEntry.action == "person.contact_changed"))
        ).all()
    assert [(e.after or {}).get("contact_changed") for e in entries] == [["phone"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"phone": "07700900123"}, "body.phone"),
        ({"phone": "+44 7700 900123"}, "body.phone"),
        ({"email": "not-an-address"}, "body.email"),
        ({"teams_webhook_url": "http://acme.webhook.office.com/x"}, "body.teams_webhook_url"),
        ({"teams_webhook_url": "https://127.0.0.1/x"}, "body.teams_webhook_url"),
        ({"teams_webhook_url": "https://10.1.2.3/x"}, "body.teams_webhook_url"),
        ({"teams_webhook_url": "https://localhost:8443/x"}, "body.teams_webhook_url"),
    ],
)
async def test_bad_contacts_are_refused_naming_the_field(
    clients: Clients, world: World, database: Database, body: dict[str, str], field: str
) -> None:
    c = await clients.as_user(world.staff_user)
    r = await c.patch("/api/v1/me/contact", json=body)
    assert r.status_code == 422, r.text
    assert field in fields_of(r.json())
    assert (await c.get("/api/v1/me/contact")).json()["phone"] == "+447700900001"


async def test_a_colleagues_email_is_a_conflict(
    clients: Clients, world: World, database: Database
) -> None:
    async with database.session(write=True) as s:
        set_email(await s.get_one(Person, world.colleague.id), "cleo@example.com")
    c = await clients.as_user(world.staff_user)
    r = await c.patch("/api/v1/me/contact", json={"email": "cleo@example.com"})
    assert r.status_code == 409
    assert fields_of(r.json()) == ["body.email"]


async def test_a_login_without_a_profile_has_nothing_to_set(clients: Clients, world: World) -> None:
    c = await clients.as_user(world.coordinator)
    r = await c.patch("/api/v1/me/contact", json={"phone": "+447700900123"})
    assert r.status_code == 403
    assert r.json()["error"] == "no_staff_profile"
