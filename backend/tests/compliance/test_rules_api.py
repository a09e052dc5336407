"""The compliance rules API: defaults, layers, effective sets, validation and access."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.models import AuditEntry
from shiftwise.scheduling.rules import RuleCode
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World

URL = "/api/v1/compliance-rules"


def fields(r: httpx.Response) -> list[str]:
    body = r.json()
    return [f["field"] for f in body.get("fields", [])]


class TestRead:
    async def test_planners_see_defaults_and_the_effective_set(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.coordinator)
        r = await c.get(URL)
        assert r.status_code == 200, r.text
        body = r.json()
        assert set(body["defaults"]) == {code.value for code in RuleCode}
        assert body["defaults"]["min_rest"] == {
            "enabled": True,
            "severity": "hard",
            "params": {"hours": 11},
        }
        assert body["organisation"] == {}
        assert body["effective"] == body["defaults"]
        assert (body["week_start"], body["location"], body["person"]) == (0, None, None)
        assert (await clients.anonymous().get(URL)).status_code == 401
        staff = await clients.as_user(world.staff_user)
        assert (await staff.get(URL)).status_code == 403
        r = await c.get(f"{URL}/organisation")
        assert (r.status_code, r.json()["scope"], r.json()["updated_at"]) == (
            200,
            "organisation",
            None,
        )


class TestUpdate:
    async def test_admin_sets_the_organisation_layer_audited(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        admin = await clients.as_user(world.admin)
        layer = {
            "min_rest": {"params": {"hours": 10}},
            "overtime": {"enabled": False},
            "max_weekends": {"severity": "hard", "params": {"weekends": 1}},
        }
        r = await admin.put(f"{URL}/organisation", json={"rules": layer})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["rules"]["min_rest"] == {
            "enabled": None,
            "severity": None,
            "params": {"hours": 10},
        }
        assert body["effective"]["min_rest"] == {
            "enabled": True,
            "severity": "hard",
            "params": {"hours": 10},
        }
        assert body["effective"]["overtime"]["enabled"] is False
        assert body["effective"]["max_weekends"]["params"]["weeks"] == 4  # merged key by key
        assert body["updated_at"] is not None
        # Replacing the layer drops what is left out.
        r = await admin.put(
            f"{URL}/organisation", json={"rules": {"min_rest": {"params": {"hours": 9}}}}
        )
        assert r.json()["effective"]["overtime"]["enabled"] is True
        entries = (
            await session.scalars(
                select(AuditEntry)
                .where(AuditEntry.action == "compliance_rules.updated")
                .order_by(AuditEntry.created_at)
            )
        ).all()
        assert len(entries) == 2
        assert entries[0].before is None
        assert entries[1].before == {"rules": layer}
        assert entries[1].after is not None
        assert entries[1].after["rules"] == {"min_rest": {"params": {"hours": 9}}}
        coordinator = await clients.as_user(world.coordinator)
        r = await coordinator.get(URL)
        assert r.json()["organisation"]["min_rest"]["params"] == {"hours": 9}
        r = await coordinator.put(f"{URL}/organisation", json={"rules": {}})
        assert r.status_code == 403

    async def test_bad_settings_are_422_naming_the_field(
        self, clients: Clients, world: World
    ) -> None:
        admin = await clients.as_user(world.admin)
        cases = [
            ({"min_rest": {"params": {"hours": -1}}}, "body.rules.min_rest.params.hours"),
            ({"min_rest": {"params": {"hours": "ten"}}}, "body.rules.min_rest.params.hours"),
            ({"min_rest": {"params": {"minutes": 5}}}, "body.rules.min_rest.params.minutes"),
            (
                {"max_consecutive_days": {"params": {"days": 2.5}}},
                "body.rules.max_consecutive_days.params.days",
            ),
            (
                {"forbidden_succession": {"params": {"pairs": ["night"]}}},
                "body.rules.forbidden_succession.params.pairs",
            ),
            (
                {"max_weekends": {"params": {"weekend_days": [7]}}},
                "body.rules.max_weekends.params.weekend_days",
            ),
        ]
        for layer, field in cases:
            r = await admin.put(f"{URL}/organisation", json={"rules": layer})
            assert (r.status_code, fields(r)) == (422, [field]), (layer, r.text)
        r = await admin.put(f"{URL}/organisation", json={"rules": {"no_such_rule": {}}})
        assert r.status_code == 422
        assert fields(r)[0].startswith("body.rules.no_such_rule")
        r = await admin.put(f"{URL}/organisation", json={"rules": {"min_rest": {"severity": "x"}}})
        assert (r.status_code, fields(r)) == (422, ["body.rules.min_rest.severity"])
        r = await admin.put(f"{URL}/organisation", json={"rules": {"min_rest": {"colour": 1}}})
        assert (r.status_code, fields(r)) == (422, ["body.rules.min_rest.colour"])
        assert (await admin.get(URL)).json()["organisation"] == {}


class TestLayers:
    async def test_location_and_person_layers_and_who_may_touch_them(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        admin = await clients.as_user(world.admin)
        north = await clients.as_user(world.coordinator)
        south = await clients.as_user(world.other_coordinator)
        staff = await clients.as_user(world.staff_user)
        foreign = await clients.as_user(world.foreign_admin)
        loc_url = f"{URL}/locations/{world.loc.id}"
        person_url = f"{URL}/people/{world.staff.id}"
        await admin.put(
            f"{URL}/organisation", json={"rules": {"min_rest": {"params": {"hours": 10}}}}
        )
        r = await admin.put(loc_url, json={"rules": {"min_rest": {"severity": "soft"}}})
        assert r.status_code == 200, r.text
        assert (r.json()["scope"], r.json()["location_id"]) == ("location", str(world.loc.id))
        assert r.json()["effective"]["min_rest"] == {
            "enabled": True,
            "severity": "soft",
            "params": {"hours": 10},
        }
        # Sam's home coordinator may set Sam's layer; it goes through the home location.
        r = await north.put(person_url, json={"rules": {"min_rest": {"params": {"hours": 8}}}})
        assert r.status_code == 200, r.text
        assert r.json()["effective"]["min_rest"] == {
            "enabled": True,
            "severity": "soft",
            "params": {"hours": 8},
        }
        assert (await north.get(person_url)).status_code == 200
        entry = await session.scalar(
            select(AuditEntry).where(
                AuditEntry.action == "compliance_rules.updated",
                AuditEntry.actor_user_id == world.coordinator.id,
            )
        )
        assert entry is not None
        # The overview shows the effective set for a location and a person.
        r = await north.get(
            URL, params={"location_id": str(world.loc.id), "person_id": str(world.staff.id)}
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["location"]["min_rest"]["severity"] == "soft"
        assert body["person"]["min_rest"]["params"] == {"hours": 8}
        assert body["effective"]["min_rest"]["params"] == {"hours": 8}
        r = await admin.get(URL, params={"location_id": str(world.other_loc.id)})
        assert r.json()["effective"]["min_rest"] == {
            "enabled": True,
            "severity": "hard",
            "params": {"hours": 10},
        }
        # Who may not.
        assert (await north.get(loc_url)).status_code == 403
        assert (await north.put(loc_url, json={"rules": {}})).status_code == 403
        assert (await south.get(person_url)).status_code == 403
        assert (await south.put(person_url, json={"rules": {}})).status_code == 403
        assert (await staff.get(person_url)).status_code == 403
        assert (await staff.put(person_url, json={"rules": {}})).status_code == 403
        r = await north.get(URL, params={"location_id": str(world.other_loc.id)})
        assert r.status_code == 403
        r = await south.get(URL, params={"person_id": str(world.staff.id)})
        assert r.status_code == 403
        # A South coordinator planning Sam at the South Clinic sees Sam's effective rules there.
        r = await south.get(
            URL, params={"person_id": str(world.staff.id), "location_id": str(world.other_loc.id)}
        )
        assert r.status_code == 200
        for url in (f"{URL}/locations/{world.loc.id}", person_url):
            assert (await foreign.get(url)).status_code == 404
            assert (await foreign.put(url, json={"rules": {}})).status_code == 404
        assert (await admin.get(f"{URL}/locations/{uuid.uuid4()}")).status_code == 404
        assert (await admin.get(f"{URL}/people/{world.foreign_person.id}")).status_code == 404
        r = await admin.get(URL, params={"person_id": str(uuid.uuid4())})
        assert r.status_code == 404

    async def test_a_coordinator_may_not_loosen_their_own_rules(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        async with session.begin():
            me = await factories.person(session, world.org, user=world.coordinator, home=world.loc)
        c = await clients.as_user(world.coordinator)
        url = f"{URL}/people/{me.id}"
        assert (await c.get(url)).status_code == 200
        assert (
            await c.put(url, json={"rules": {"min_rest": {"enabled": False}}})
        ).status_code == 403
