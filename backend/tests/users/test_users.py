from __future__ import annotations

import json
import uuid

import pytest

from shiftwise.db import Database
from shiftwise.models import Role
from tests.audit.helpers import entries
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World

NEW_PASSWORD = "a long enough passphrase"


def _fields(body: dict[str, object]) -> list[str]:
    found = body.get("fields")
    assert isinstance(found, list)
    return [f["field"] for f in found]


class TestListAndRead:
    async def test_admin_lists_users_without_any_hash(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.admin)
        r = await c.get("/api/v1/users")
        assert r.status_code == 200
        assert r.headers["cache-control"] == "no-store"
        users = {u["email"]: u for u in r.json()["items"]}
        assert set(users) == {
            "admin@acme.test",
            "coord@acme.test",
            "coord2@acme.test",
            "sam@acme.test",
            "cleo@acme.test",
        }
        assert users["coord@acme.test"]["location_ids"] == [str(world.loc.id)]
        assert users["sam@acme.test"]["person_id"] == str(world.staff.id)
        assert users["sam@acme.test"]["has_password"] is True
        assert "hash" not in r.text
        assert "argon2" not in r.text
        only = (await c.get("/api/v1/users", params={"role": "coordinator"})).json()["items"]
        assert sorted(u["email"] for u in only) == ["coord2@acme.test", "coord@acme.test"]

    async def test_another_organisations_user_is_404(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.admin)
        uid = world.foreign_admin.id
        assert (await c.get(f"/api/v1/users/{uid}")).status_code == 404
        r = await c.patch(f"/api/v1/users/{uid}", json={"is_active": False})
        assert r.status_code == 404
        assert r.json()["error"] == "user_not_found"

    @pytest.mark.parametrize("who", ["coordinator", "staff_user"])
    async def test_only_admins_manage_users(self, clients: Clients, world: World, who: str) -> None:
        c = await clients.as_user(getattr(world, who))
        assert (await c.get("/api/v1/users")).status_code == 403
        assert (await c.get(f"/api/v1/users/{world.admin.id}")).status_code == 403
        r = await c.post("/api/v1/users", json={"email": "x@example.com", "role": "staff"})
        assert r.status_code == 403
        r = await c.patch(f"/api/v1/users/{world.staff_user.id}", json={"role": "admin"})
        assert r.status_code == 403


class TestCreate:
    async def test_admin_creates_a_coordinator_linked_to_a_person(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        async with database.session(write=True) as s:
            person = await factories.person(s, world.org, "Nia New")
        c = await clients.as_user(world.admin)
        r = await c.post(
            "/api/v1/users",
            json={
                "email": "Nia@Example.com",
                "role": "coordinator",
                "password": NEW_PASSWORD,
                "person_id": str(person.id),
                "location_ids": [str(world.other_loc.id)],
            },
        )
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["email"] == "nia@example.com"
        assert body["person_id"] == str(person.id)
        assert body["location_ids"] == [str(world.other_loc.id)]
        assert "password" not in json.dumps(body).replace("has_password", "")
        [entry] = await entries(database)
        assert entry.action == "user.created"
        assert entry.after is not None
        assert entry.after["person_id"] == str(person.id)
        for hidden in ("password_hash", "email_ciphertext", "email_hash", "nia@example.com"):
            assert hidden not in json.dumps(entry.after)
        nia = clients.anonymous()
        r = await nia.post(
            "/api/v1/auth/login", json={"email": "nia@example.com", "password": NEW_PASSWORD}
        )
        assert r.status_code == 200
        assert r.json()["me"]["person_id"] == str(person.id)
        assert r.json()["me"]["location_ids"] == [str(world.other_loc.id)]
        linked = await c.get(f"/api/v1/people/{person.id}")
        assert linked.json()["user_id"] == body["id"]

    async def test_duplicate_email_is_409(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.admin)
        payload = {"email": "dup@example.com", "role": "staff"}
        assert (await c.post("/api/v1/users", json=payload)).status_code == 201
        r = await c.post("/api/v1/users", json=payload | {"email": "DUP@example.com"})
        assert r.status_code == 409
        assert r.json()["error"] == "duplicate_email"

    async def test_person_already_linked_is_409(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post(
            "/api/v1/users",
            json={"email": "sam2@example.com", "role": "staff", "person_id": str(world.staff.id)},
        )
        assert r.status_code == 409
        assert r.json()["error"] == "person_already_linked"

    @pytest.mark.parametrize(
        ("case", "field"),
        [
            ("bad_email", "body.email"),
            ("unknown_role", "body.role"),
            ("weak_password", "body.password"),
            ("malformed_person", "body.person_id"),
            ("foreign_person", "body.person_id"),
            ("staff_with_locations", "body.location_ids"),
            ("foreign_location", "body.location_ids.0"),
        ],
    )
    async def test_bad_input_is_422_naming_the_field(
        self, clients: Clients, world: World, database: Database, case: str, field: str
    ) -> None:
        base: dict[str, object] = {"email": "new@example.com", "role": "staff"}
        cases: dict[str, dict[str, object]] = {
            "bad_email": {"email": "not-an-email"},
            "unknown_role": {"role": "owner"},
            "weak_password": {"password": "short"},
            "malformed_person": {"person_id": "nope"},
            "foreign_person": {"person_id": str(world.foreign_person.id)},
            "staff_with_locations": {"location_ids": [str(world.loc.id)]},
            "foreign_location": {
                "role": "coordinator",
                "location_ids": [str(world.foreign_loc.id)],
            },
        }
        c = await clients.as_user(world.admin)
        r = await c.post("/api/v1/users", json=base | cases[case])
        assert r.status_code == 422, r.text
        assert field in _fields(r.json())
        assert await entries(database) == []


class TestUpdate:
    async def test_role_change_takes_effect_on_the_next_request(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        sam = await clients.as_user(world.staff_user)
        assert (await sam.get("/api/v1/users")).status_code == 403
        c = await clients.as_user(world.admin)
        r = await c.patch(f"/api/v1/users/{world.staff_user.id}", json={"role": "admin"})
        assert r.status_code == 200, r.text
        assert r.json()["role"] == "admin"
        assert (await sam.get("/api/v1/users")).status_code == 200
        [entry] = await entries(database, world.staff_user.id)
        assert entry.action == "user.updated"
        assert entry.before is not None
        assert entry.after is not None
        assert (entry.before["role"], entry.after["role"]) == ("staff", "admin")

    async def test_disabling_ends_every_session(self, clients: Clients, world: World) -> None:
        cleo = await clients.as_user(world.colleague_user)
        c = await clients.as_user(world.admin)
        r = await c.patch(f"/api/v1/users/{world.colleague_user.id}", json={"is_active": False})
        assert r.status_code == 200
        assert r.json()["is_active"] is False
        assert (await cleo.get("/api/v1/me")).status_code == 401
        await c.patch(f"/api/v1/users/{world.colleague_user.id}", json={"is_active": True})
        # Re-enabling does not revive old sessions; signing in again works.
        assert (await cleo.get("/api/v1/me")).status_code == 401
        assert (await (await clients.as_user(world.colleague_user)).get("/api/v1/me")).is_success

    async def test_coordinator_locations_are_replaced_and_demotion_clears_them(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.admin)
        uid = world.coordinator.id
        both = sorted([str(world.loc.id), str(world.other_loc.id)])
        r = await c.patch(f"/api/v1/users/{uid}", json={"location_ids": both})
        assert r.json()["location_ids"] == both
        r = await c.patch(f"/api/v1/users/{uid}", json={"role": "staff"})
        assert r.json()["location_ids"] == []
        r = await c.patch(f"/api/v1/users/{uid}", json={"location_ids": [str(world.loc.id)]})
        assert r.status_code == 422
        assert _fields(r.json()) == ["body.location_ids"]

    @pytest.mark.parametrize("change", [{"is_active": False}, {"role": "coordinator"}])
    async def test_the_last_active_admin_cannot_disable_or_demote_themself(
        self, clients: Clients, world: World, database: Database, change: dict[str, object]
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.patch(f"/api/v1/users/{world.admin.id}", json=change)
        assert r.status_code == 409
        assert r.json()["error"] == "last_admin"
        assert await entries(database) == []
        async with database.session(write=True) as s:
            await factories.user(s, world.org, Role.admin, "second@example.com")
        r = await c.patch(f"/api/v1/users/{world.admin.id}", json=change)
        assert r.status_code == 200, r.text

    async def test_a_disabled_second_admin_does_not_count(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        async with database.session(write=True) as s:
            await factories.user(s, world.org, Role.admin, "gone@example.com", active=False)
        c = await clients.as_user(world.admin)
        r = await c.patch(f"/api/v1/users/{world.admin.id}", json={"role": "staff"})
        assert r.status_code == 409

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"role": None}, "body.role"),
            ({"is_active": None}, "body.is_active"),
            ({"email": "x@example.com"}, "body.email"),
            ({"location_ids": [str(uuid.UUID(int=1))]}, "body.location_ids.0"),
        ],
    )
    async def test_bad_patch_is_422_naming_the_field(
        self, clients: Clients, world: World, payload: dict[str, object], field: str
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.patch(f"/api/v1/users/{world.coordinator.id}", json=payload)
        assert r.status_code == 422, r.text
        assert field in _fields(r.json())
