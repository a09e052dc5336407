from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from shiftwise.db import Database
from shiftwise.models import PersonSkill
from tests.audit.helpers import actions, entries
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World


class TestListAndRead:
    async def test_any_signed_in_user_lists_skills_of_their_organisation(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        async with database.session(write=True) as s:
            await factories.skill(s, world.other_org, "Foreign skill")
        c = await clients.as_user(world.staff_user)
        r = await c.get("/api/v1/skills")
        assert r.status_code == 200
        assert [s["name"] for s in r.json()] == ["Nurse"]
        r = await c.get(f"/api/v1/skills/{world.skill.id}")
        assert r.status_code == 200
        assert r.json()["name"] == "Nurse"

    async def test_another_organisations_skill_is_404(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        async with database.session(write=True) as s:
            foreign = await factories.skill(s, world.other_org, "Foreign skill")
        c = await clients.as_user(world.admin)
        for method in ("GET", "PATCH", "DELETE"):
            r = await c.request(
                method,
                f"/api/v1/skills/{foreign.id}",
                json={"name": "Mine"} if method == "PATCH" else None,
            )
            assert r.status_code == 404, method
            assert r.json()["error"] == "skill_not_found"
        assert await entries(database) == []


class TestCreate:
    async def test_admin_creates_a_skill_with_one_audit_entry(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post("/api/v1/skills", json={"name": "Forklift", "description": "Licensed"})
        assert r.status_code == 201, r.text
        skill_id = uuid.UUID(r.json()["id"])
        assert r.json()["description"] == "Licensed"
        assert await actions(database) == ["skill.created"]
        [entry] = await entries(database)
        assert entry.record_id == skill_id
        assert entry.record_type == "skills"

    async def test_duplicate_name_ignoring_case_is_409(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post("/api/v1/skills", json={"name": "nurse"})
        assert r.status_code == 409
        assert r.json()["error"] == "duplicate_name"

    async def test_same_name_in_another_organisation_is_fine(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.foreign_admin)
        assert (await c.post("/api/v1/skills", json={"name": "Nurse"})).status_code == 201

    @pytest.mark.parametrize(
        ("payload", "field"),
        [({"name": ""}, "body.name"), ({}, "body.name"), ({"name": "x" * 201}, "body.name")],
    )
    async def test_bad_input_is_422_naming_the_field(
        self, clients: Clients, world: World, payload: dict[str, object], field: str
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post("/api/v1/skills", json=payload)
        assert r.status_code == 422
        assert [f["field"] for f in r.json()["fields"]] == [field]

    @pytest.mark.parametrize("who", ["coordinator", "staff_user"])
    async def test_only_admins_create(self, clients: Clients, world: World, who: str) -> None:
        c = await clients.as_user(getattr(world, who))
        assert (await c.post("/api/v1/skills", json={"name": "Bar"})).status_code == 403


class TestUpdate:
    async def test_rename_is_audited_with_before_and_after(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.patch(f"/api/v1/skills/{world.skill.id}", json={"name": "Registered nurse"})
        assert r.status_code == 200, r.text
        assert r.json()["name"] == "Registered nurse"
        [entry] = await entries(database, world.skill.id)
        assert entry.action == "skill.updated"
        assert entry.before is not None
        assert entry.before["name"] == "Nurse"
        assert entry.after is not None
        assert entry.after["name"] == "Registered nurse"

    async def test_rename_onto_another_skill_is_409(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        async with database.session(write=True) as s:
            await factories.skill(s, world.org, "Bar")
        c = await clients.as_user(world.admin)
        r = await c.patch(f"/api/v1/skills/{world.skill.id}", json={"name": "BAR"})
        assert r.status_code == 409
        assert r.json()["error"] == "duplicate_name"

    async def test_null_name_is_422(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.admin)
        r = await c.patch(f"/api/v1/skills/{world.skill.id}", json={"name": None})
        assert r.status_code == 422
        assert r.json()["fields"][0]["field"] == "body.name"

    async def test_coordinator_may_not_rename(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.coordinator)
        r = await c.patch(f"/api/v1/skills/{world.skill.id}", json={"name": "X"})
        assert r.status_code == 403


class TestDelete:
    async def test_skill_required_by_a_shift_is_409_skill_in_use(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        async with database.session(write=True) as s:
            await factories.shift(
                s, world.loc, datetime(2026, 3, 2, 8, tzinfo=UTC), skill=world.skill
            )
        c = await clients.as_user(world.admin)
        r = await c.delete(f"/api/v1/skills/{world.skill.id}")
        assert r.status_code == 409
        assert r.json()["error"] == "skill_in_use"
        assert (await c.get(f"/api/v1/skills/{world.skill.id}")).status_code == 200
        assert await entries(database) == []

    async def test_unused_skill_is_deleted_and_people_lose_it(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.delete(f"/api/v1/skills/{world.skill.id}")
        assert r.status_code == 204
        assert (await c.get(f"/api/v1/skills/{world.skill.id}")).status_code == 404
        async with database.session(write=False) as s:
            held = (await s.scalars(select(PersonSkill))).all()
        assert held == []
        [entry] = await entries(database, world.skill.id)
        assert entry.action == "skill.deleted"
        assert entry.after is None
        assert entry.before is not None
        assert sorted(entry.before["holder_person_ids"]) == sorted(
            [str(world.staff.id), str(world.colleague.id)]
        )

    async def test_staff_may_not_delete(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.staff_user)
        assert (await c.delete(f"/api/v1/skills/{world.skill.id}")).status_code == 403
