"""Contacts are checked when people are saved: E.164 phones, email addresses, and a
Teams webhook that is https and points at no internal address (outside development)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from shiftwise.db import Database
from shiftwise.models import AuditEntry, Person
from shiftwise.people.contact import teams_webhook_of
from shiftwise.people.webhook import WebhookRefused, check_resolved, check_webhook_url
from tests.conftest import Clients
from tests.fixtures.factories import World
from tests.people.helpers import fields_of, person_payload

GOOD_HOOK = "https://acme.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"phone": "07700900123"}, "body.phone"),  # national format, no country code
        ({"phone": "+44 7700 900123"}, "body.phone"),  # spaces
        ({"phone": "+0447700900123"}, "body.phone"),  # country codes don't start with 0
        ({"phone": "+1234567890123456"}, "body.phone"),  # 16 digits: too long
        ({"email": "not-an-address"}, "body.email"),
        ({"email": "pat@"}, "body.email"),
        ({"email": "pat@example..com"}, "body.email"),
        ({"teams_webhook_url": "http://acme.webhook.office.com/x"}, "body.teams_webhook_url"),
        ({"teams_webhook_url": "https://127.0.0.1/x"}, "body.teams_webhook_url"),
        ({"teams_webhook_url": "https://10.1.2.3/x"}, "body.teams_webhook_url"),
        ({"teams_webhook_url": "https://169.254.169.254/latest"}, "body.teams_webhook_url"),
        ({"teams_webhook_url": "https://localhost:8443/x"}, "body.teams_webhook_url"),
        ({"teams_webhook_url": "https://[::1]/x"}, "body.teams_webhook_url"),
        ({"teams_webhook_url": "https://redis/x"}, "body.teams_webhook_url"),
        ({"teams_webhook_url": "https://" + "a" * 800 + ".com"}, "body.teams_webhook_url"),
    ],
)
async def test_bad_contacts_are_refused_naming_the_field(
    clients: Clients, world: World, database: Database, overrides: dict[str, str], field: str
) -> None:
    c = await clients.as_user(world.admin)
    r = await c.post("/api/v1/people", json=person_payload(**overrides))
    assert r.status_code == 422, r.text
    assert field in fields_of(r.json())
    r = await c.patch(f"/api/v1/people/{world.colleague.id}", json=overrides)
    assert r.status_code == 422, r.text
    assert field in fields_of(r.json())
    async with database.session(write=False) as s:
        assert await s.scalar(select(Person).where(Person.display_name == "Pat Example")) is None


async def test_good_contacts_are_kept_and_the_webhook_only_encrypted(
    clients: Clients, world: World, database: Database
) -> None:
    c = await clients.as_user(world.admin)
    r = await c.post(
        "/api/v1/people",
        json=person_payload(phone="+12025550123", teams_webhook_url=GOOD_HOOK),
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["phone"] == "+12025550123"
    assert body["teams_webhook_set"] is True
    assert GOOD_HOOK not in r.text  # write-only
    async with database.session(write=False) as s:
        person = await s.get_one(Person, uuid.UUID(body["id"]))
        assert person.teams_webhook_ciphertext is not None
        assert GOOD_HOOK not in person.teams_webhook_ciphertext
        assert teams_webhook_of(person) == GOOD_HOOK
        entries = (await s.scalars(select(AuditEntry))).all()
        assert entries
        assert all("teams_webhook" not in str(e.after) for e in entries)


async def test_changing_a_contact_clears_its_failure_and_null_removes_the_webhook(
    clients: Clients, world: World, database: Database
) -> None:
    from shiftwise.kit.time import utcnow

    async with database.session(write=True) as s:
        p = await s.get_one(Person, world.colleague.id)
        p.phone_failing_since, p.phone_failure = utcnow(), "21211 invalid number"
        p.teams_failing_since, p.teams_failure = utcnow(), "404 workflow deleted"
    c = await clients.as_user(world.admin)
    r = await c.patch(
        f"/api/v1/people/{world.colleague.id}",
        json={"phone": "+447700900999", "teams_webhook_url": GOOD_HOOK},
    )
    assert r.status_code == 200, r.text
    async with database.session(write=False) as s:
        p = await s.get_one(Person, world.colleague.id)
        assert (p.phone_failing_since, p.phone_failure) == (None, None)
        assert (p.teams_failing_since, p.teams_failure) == (None, None)
    r = await c.patch(f"/api/v1/people/{world.colleague.id}", json={"teams_webhook_url": None})
    assert r.json()["teams_webhook_set"] is False
    # Staff never learn whether a colleague has one.
    staff = await clients.as_user(world.staff_user)
    seen = (await staff.get(f"/api/v1/people/{world.colleague.id}")).json()
    assert seen["teams_webhook_set"] is None


@pytest.mark.parametrize(
    "url",
    [
        "https://127.1/x",  # legacy IPv4 forms a resolver accepts
        "https://2130706433/x",
        "https://0x7f000001/x",
        "https://0.0.0.0/x",
        "https://100.64.0.1/x",  # carrier-grade NAT
        "https://[::ffff:10.0.0.1]/x",  # IPv4-mapped IPv6
        "https://[fe80::1]/x",
        "https://[fd00::1]/x",
        "https://api.localhost/x",
        "https://user:pw@acme.webhook.office.com/x",
        "ftp://acme.webhook.office.com/x",
        "https:///x",
        "https://acme.webhook.office.com:99999/x",
    ],
)
def test_internal_targets_are_refused_outside_development(url: str) -> None:
    with pytest.raises(WebhookRefused):
        check_webhook_url(url, development=False)


def test_development_allows_local_fakes() -> None:
    for url in ("http://127.0.0.1:8025/hook", "https://localhost/hook"):
        assert check_webhook_url(url, development=True) == url
    with pytest.raises(WebhookRefused):
        check_webhook_url("ftp://127.0.0.1/hook", development=True)
    assert check_webhook_url(GOOD_HOOK, development=False) == GOOD_HOOK
    assert check_webhook_url("https://8.8.8.8/hook", development=False)


async def test_at_sending_time_a_name_resolving_inside_is_refused() -> None:
    # 'localhost' resolves from the hosts file, no network needed.
    with pytest.raises(WebhookRefused):
        await check_resolved("https://localhost/hook", development=False)
    await check_resolved("https://localhost/hook", development=True)
