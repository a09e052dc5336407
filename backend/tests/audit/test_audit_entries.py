from __future__ import annotations

import pytest

from tests.conftest import Clients
from tests.fixtures.factories import World


async def _make_changes(clients: Clients, world: World) -> None:
    admin = await clients.as_user(world.admin)
    r = await admin.post("/api/v1/skills", json={"name": "Bar"})
    assert r.status_code == 201
    r = await admin.patch(f"/api/v1/skills/{world.skill.id}", json={"description": "RN"})
    assert r.status_code == 200
    r = await admin.patch("/api/v1/organisation", json={"week_start": 6})
    assert r.status_code == 200
    coordinator = await clients.as_user(world.coordinator)
    r = await coordinator.put(f"/api/v1/people/{world.staff.id}/skills", json=[])
    assert r.status_code == 200
    foreign = await clients.as_user(world.foreign_admin)
    assert (await foreign.post("/api/v1/skills", json={"name": "Theirs"})).status_code == 201


class TestAuditEntries:
    async def test_admin_reads_the_trail_newest_first_only_of_their_organisation(
        self, clients: Clients, world: World
    ) -> None:
        await _make_changes(clients, world)
        c = await clients.as_user(world.admin)
        r = await c.get("/api/v1/audit-entries")
        assert r.status_code == 200, r.text
        items = r.json()["items"]
        assert [e["action"] for e in items] == [
            "person.skills_replaced",
            "organisation.updated",
            "skill.updated",
            "skill.created",
        ]
        assert items[0]["actor_user_id"] == str(world.coordinator.id)
        assert items[0]["record_type"] == "people"
        assert items[0]["before"] == {
            "skills": [{"skill_id": str(world.skill.id), "expires_date": None}]
        }
        assert items[0]["request_id"]
        assert "Theirs" not in r.text

    async def test_filters_and_pagination(self, clients: Clients, world: World) -> None:
        await _make_changes(clients, world)
        c = await clients.as_user(world.admin)

        async def listed(**params: str) -> list[str]:
            r = await c.get("/api/v1/audit-entries", params=params)
            assert r.status_code == 200, r.text
            return [e["action"] for e in r.json()["items"]]

        assert await listed(record_type="skills") == ["skill.updated", "skill.created"]
        assert await listed(record_id=str(world.skill.id)) == ["skill.updated"]
        assert await listed(actor_user_id=str(world.coordinator.id)) == ["person.skills_replaced"]
        assert await listed(action="organisation.updated") == ["organisation.updated"]
        everything = (await c.get("/api/v1/audit-entries")).json()["items"]
        middle = everything[1]["created_at"]
        assert await listed(**{"from": middle}) == [
            "person.skills_replaced",
            "organisation.updated",
        ]
        assert await listed(to=middle) == ["skill.updated", "skill.created"]
        page = (await c.get("/api/v1/audit-entries", params={"limit": 3})).json()
        assert page["next_offset"] == 3
        rest = (await c.get("/api/v1/audit-entries", params={"limit": 3, "offset": 3})).json()
        assert [e["action"] for e in rest["items"]] == ["skill.created"]
        assert rest["next_offset"] is None

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"from": "2026-01-01T00:00:00"}, "query.from"),
            ({"to": "yesterday"}, "query.to"),
            ({"from": "2026-02-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"}, "query.to"),
            ({"record_id": "abc"}, "query.record_id"),
            ({"limit": "0"}, "query.limit"),
        ],
    )
    async def test_bad_filters_are_422_naming_the_parameter(
        self, clients: Clients, world: World, params: dict[str, str], field: str
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.get("/api/v1/audit-entries", params=params)
        assert r.status_code == 422, r.text
        assert field in [f["field"] for f in r.json()["fields"]]

    @pytest.mark.parametrize("who", ["coordinator", "staff_user"])
    async def test_only_admins_read_the_trail(
        self, clients: Clients, world: World, who: str
    ) -> None:
        c = await clients.as_user(getattr(world, who))
        assert (await c.get("/api/v1/audit-entries")).status_code == 403
