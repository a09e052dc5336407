from __future__ import annotations

import asyncio
import uuid

import pytest
from sqlalchemy import func, select

from shiftwise.db import Database
from shiftwise.models import AuditEntry, Location
from tests.conftest import Clients
from tests.fixtures.factories import World


class TestCreateLocation:
    async def test_admin_creates_location_with_coordinator_and_audit(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post(
            "/api/v1/locations",
            json={
                "name": "East Ward",
                "time_zone": "Europe/Paris",
                "coordinator_user_ids": [str(world.coordinator.id)],
            },
        )
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["coordinator_user_ids"] == [str(world.coordinator.id)]
        async with database.sessionmaker() as s:
            entries = (
                await s.scalars(
                    select(AuditEntry).where(AuditEntry.record_id == uuid.UUID(body["id"]))
                )
            ).all()
        assert [e.action for e in entries] == ["location.created"]
        assert entries[0].actor_user_id == world.admin.id
        assert entries[0].request_id == r.headers["x-request-id"]

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"name": "X", "time_zone": "Mars/Olympus"}, "body.time_zone"),
            ({"name": "", "time_zone": "Europe/Paris"}, "body.name"),
            ({"time_zone": "Europe/Paris"}, "body.name"),
            ({"name": "X", "time_zone": "Europe/Paris", "colour": "red"}, "body.colour"),
            ({"name": 5, "time_zone": "Europe/Paris"}, "body.name"),
        ],
    )
    async def test_bad_input_names_the_field(
        self, clients: Clients, world: World, payload: dict[str, object], field: str
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post("/api/v1/locations", json=payload)
        assert r.status_code == 422
        assert r.json()["error"] == "validation_error"
        assert field in [f["field"] for f in r.json()["fields"]]

    async def test_coordinator_of_another_org_cannot_be_assigned(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post(
            "/api/v1/locations",
            json={
                "name": "X",
                "time_zone": "Europe/Paris",
                "coordinator_user_ids": [str(world.foreign_admin.id)],
            },
        )
        assert r.status_code == 422
        assert r.json()["fields"][0]["field"] == "body.coordinator_user_ids.0"

    async def test_duplicate_name_is_409(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post("/api/v1/locations", json={"name": "north clinic", "time_zone": "UTC"})
        assert r.status_code == 409
        assert r.json()["error"] == "duplicate_name"

    async def test_staff_and_coordinators_may_not_create(
        self, clients: Clients, world: World
    ) -> None:
        for user in (world.staff_user, world.coordinator):
            c = await clients.as_user(user)
            r = await c.post("/api/v1/locations", json={"name": "Y", "time_zone": "UTC"})
            assert r.status_code == 403


class TestIdempotency:
    async def test_retry_with_same_key_replays_and_creates_once(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.admin)
        payload = {"name": "Retry Ward", "time_zone": "UTC"}
        headers = {"Idempotency-Key": "create-retry-ward"}
        first = await c.post("/api/v1/locations", json=payload, headers=headers)
        second = await c.post("/api/v1/locations", json=payload, headers=headers)
        assert first.status_code == second.status_code == 201
        assert first.json() == second.json()
        assert second.headers["idempotent-replay"] == "true"
        async with database.sessionmaker() as s:
            count = await s.scalar(
                select(func.count()).select_from(Location).where(Location.name == "Retry Ward")
            )
        assert count == 1

    async def test_concurrent_duplicates_create_once(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.admin)
        payload = {"name": "Race Ward", "time_zone": "UTC"}
        results = await asyncio.gather(
            *[
                c.post("/api/v1/locations", json=payload, headers={"Idempotency-Key": "race"})
                for _ in range(5)
            ]
        )
        assert all(r.status_code in (201, 409) for r in results), [r.text for r in results]
        assert {r.json()["id"] for r in results if r.status_code == 201}.__len__() == 1
        async with database.sessionmaker() as s:
            count = await s.scalar(
                select(func.count()).select_from(Location).where(Location.name == "Race Ward")
            )
        assert count == 1

    async def test_same_key_different_body_is_409(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.admin)
        h = {"Idempotency-Key": "k1"}
        assert (
            await c.post("/api/v1/locations", json={"name": "A1", "time_zone": "UTC"}, headers=h)
        ).status_code == 201
        r = await c.post("/api/v1/locations", json={"name": "B1", "time_zone": "UTC"}, headers=h)
        assert r.status_code == 409
        assert r.json()["error"] == "idempotency_key_reused"


class TestReadLocations:
    async def test_other_org_location_is_404(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.admin)
        r = await c.get(f"/api/v1/locations/{world.foreign_loc.id}")
        assert r.status_code == 404
        assert r.json()["error"] == "location_not_found"

    async def test_staff_list_only_own_org(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.staff_user)
        names = [loc["name"] for loc in (await c.get("/api/v1/locations")).json()]
        assert names == ["North Clinic", "South Clinic"]
