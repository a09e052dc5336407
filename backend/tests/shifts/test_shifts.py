from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.db import Database
from shiftwise.models import AuditEntry, ShiftState
from tests.assignments.helpers import T0, at, iso, post_ok
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World


def body(world: World, **overrides: Any) -> dict[str, Any]:
    return {
        "location_id": str(world.loc.id),
        "skill_id": str(world.skill.id),
        "starts_at": iso(at(0)),
        "ends_at": iso(at(8)),
        "break_minutes": 30,
        "headcount": 2,
        "notes": "Ward 3",
    } | overrides


def field_names(r: httpx.Response) -> list[str]:
    return [f["field"] for f in r.json().get("fields", [])]


class TestCreate:
    async def test_coordinator_creates_a_draft_and_it_is_audited(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        c = await clients.as_user(world.coordinator)
        r = await c.post("/api/v1/shifts", json=body(world, starts_at="2030-03-04T10:00:00+01:00"))
        assert r.status_code == 201, r.text
        shift = r.json()
        assert shift["state"] == "draft"
        assert shift["starts_at"].startswith("2030-03-04T09:00:00")
        assert (shift["assigned_count"], shift["open_seats"], shift["assignments"]) == (0, 2, [])
        actions = (
            await session.scalars(
                select(AuditEntry.action).where(AuditEntry.record_id == uuid.UUID(shift["id"]))
            )
        ).all()
        assert actions == ["shift.created"]

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"starts_at": "2030-03-04T09:00:00"}, "body.starts_at"),
            ({"ends_at": iso(at(-1))}, "body.ends_at"),
            ({"ends_at": iso(at(0))}, "body.ends_at"),
            ({"ends_at": iso(at(24.5))}, "body.ends_at"),
            ({"break_minutes": 480}, "body.break_minutes"),
            ({"break_minutes": -1}, "body.break_minutes"),
            ({"headcount": 0}, "body.headcount"),
            ({"headcount": 101}, "body.headcount"),
            ({"headcount": "two"}, "body.headcount"),
            ({"location_id": "not-a-uuid"}, "body.location_id"),
            ({"colour": "red"}, "body.colour"),
        ],
    )
    async def test_invalid_values_are_422_naming_the_field(
        self, clients: Clients, world: World, overrides: dict[str, Any], field: str
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post("/api/v1/shifts", json=body(world, **overrides))
        assert r.status_code == 422, r.text
        assert field in field_names(r)
        assert r.json()["error"] == "validation_error"

    async def test_exactly_24_hours_is_allowed(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post("/api/v1/shifts", json=body(world, ends_at=iso(at(24))))
        assert r.status_code == 201, r.text

    async def test_location_and_skill_of_another_organisation_are_422(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        async with database.session(write=True) as s:
            foreign_skill = await factories.skill(s, world.other_org, "Forklift")
        c = await clients.as_user(world.admin)
        r = await c.post("/api/v1/shifts", json=body(world, location_id=str(world.foreign_loc.id)))
        assert r.status_code == 422
        assert field_names(r) == ["body.location_id"]
        r = await c.post("/api/v1/shifts", json=body(world, skill_id=str(foreign_skill.id)))
        assert r.status_code == 422
        assert field_names(r) == ["body.skill_id"]

    async def test_coordinator_of_another_location_and_staff_are_403(
        self, clients: Clients, world: World
    ) -> None:
        for user in (world.other_coordinator, world.staff_user):
            c = await clients.as_user(user)
            r = await c.post("/api/v1/shifts", json=body(world))
            assert r.status_code == 403, r.text
            assert r.json()["error"] == "forbidden"

    async def test_malformed_json_is_422_in_the_error_shape(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post(
            "/api/v1/shifts", content=b"{not json", headers={"content-type": "application/json"}
        )
        assert r.status_code == 422
        assert r.json()["error"] == "malformed_json"
        assert r.json()["detail"]

    async def test_signed_out_is_401(self, client: httpx.AsyncClient, world: World) -> None:
        r = await client.post("/api/v1/shifts", json=body(world))
        assert r.status_code == 401


async def _arrange(database: Database, world: World) -> dict[str, Any]:
    async with database.session(write=True) as s:
        draft = await factories.shift(s, world.loc, at(0), skill=world.skill, headcount=2)
        published = await factories.shift(s, world.loc, at(24), state=ShiftState.published)
        south = await factories.shift(s, world.other_loc, at(0), state=ShiftState.published)
        later = await factories.shift(s, world.loc, at(24 * 14))
        foreign = await factories.shift(s, world.foreign_loc, at(0))
        await factories.assignment(s, draft, world.staff)
    return {
        "draft": str(draft.id),
        "published": str(published.id),
        "south": str(south.id),
        "later": str(later.id),
        "foreign": str(foreign.id),
    }


def ids(r: httpx.Response) -> set[str]:
    assert r.status_code == 200, r.text
    return {s["id"] for s in r.json()["items"]}


class TestRead:
    async def test_who_sees_what(self, clients: Clients, world: World, database: Database) -> None:
        sh = await _arrange(database, world)
        admin = await clients.as_user(world.admin)
        coordinator = await clients.as_user(world.coordinator)
        staff = await clients.as_user(world.staff_user)
        everything = {sh["draft"], sh["published"], sh["south"], sh["later"]}
        assert ids(await admin.get("/api/v1/shifts")) == everything
        assert ids(await coordinator.get("/api/v1/shifts")) == {
            sh["draft"],
            sh["published"],
            sh["later"],
        }
        assert ids(await staff.get("/api/v1/shifts")) == {sh["published"], sh["south"]}

    async def test_period_location_and_state_filters(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        sh = await _arrange(database, world)
        c = await clients.as_user(world.admin)
        week = {"start": iso(at(4)), "end": iso(at(24 * 7))}
        assert ids(await c.get("/api/v1/shifts", params=week)) == {
            sh["draft"],
            sh["published"],
            sh["south"],
        }
        assert ids(
            await c.get("/api/v1/shifts", params=week | {"location_id": str(world.other_loc.id)})
        ) == {sh["south"]}
        assert ids(await c.get("/api/v1/shifts", params={"state": "draft"})) == {
            sh["draft"],
            sh["later"],
        }
        r = await c.get("/api/v1/shifts", params={"start": "2030-03-04T09:00:00"})
        assert r.status_code == 422
        assert field_names(r) == ["query.start"]
        r = await c.get("/api/v1/shifts", params={"start": iso(at(5)), "end": iso(at(1))})
        assert r.status_code == 422
        assert field_names(r) == ["query.end"]

    async def test_coordinator_filtering_another_location_is_403(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.coordinator)
        r = await c.get("/api/v1/shifts", params={"location_id": str(world.other_loc.id)})
        assert r.status_code == 403

    async def test_pagination(self, clients: Clients, world: World, database: Database) -> None:
        await _arrange(database, world)
        c = await clients.as_user(world.admin)
        first = (await c.get("/api/v1/shifts", params={"limit": 3})).json()
        assert len(first["items"]) == 3
        assert first["next_offset"] == 3
        rest = (await c.get("/api/v1/shifts", params={"limit": 3, "offset": 3})).json()
        assert len(rest["items"]) == 1
        assert rest["next_offset"] is None

    async def test_shift_carries_its_assignments(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        sh = await _arrange(database, world)
        c = await clients.as_user(world.coordinator)
        r = await c.get(f"/api/v1/shifts/{sh['draft']}")
        assert r.status_code == 200
        shift = r.json()
        assert (shift["assigned_count"], shift["open_seats"]) == (1, 1)
        assert [(a["person_id"], a["display_name"]) for a in shift["assignments"]] == [
            (str(world.staff.id), "Sam Staff")
        ]

    async def test_assignments_load_in_one_statement_however_many_shifts(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.admin)
        counts = []
        for n in (1, 12):
            async with database.session(write=True) as s:
                loc = await factories.location(s, world.org)
                pair = [await factories.person(s, world.org) for _ in range(2)]
                for i in range(n):
                    shift = await factories.shift(s, loc, at(i * 24), headcount=2)
                    for p in pair:
                        await factories.assignment(s, shift, p)
            statements: list[str] = []

            def count(*args: Any, seen: list[str] = statements) -> None:
                seen.append(str(args[2]))

            event.listen(database.engine.sync_engine, "before_cursor_execute", count)
            try:
                r = await c.get("/api/v1/shifts", params={"location_id": str(loc.id)})
            finally:
                event.remove(database.engine.sync_engine, "before_cursor_execute", count)
            assert len(r.json()["items"]) == n
            assert all(s["assigned_count"] == 2 for s in r.json()["items"])
            counts.append(len(statements))
        assert counts[0] == counts[1]

    async def test_unknown_foreign_and_forbidden_shift_ids(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        sh = await _arrange(database, world)
        coordinator = await clients.as_user(world.coordinator)
        staff = await clients.as_user(world.staff_user)
        assert (await coordinator.get(f"/api/v1/shifts/{uuid.uuid4()}")).status_code == 404
        r = await coordinator.get(f"/api/v1/shifts/{sh['foreign']}")
        assert r.status_code == 404
        assert r.json()["error"] == "shift_not_found"
        assert (await coordinator.get(f"/api/v1/shifts/{sh['south']}")).status_code == 403
        assert (await staff.get(f"/api/v1/shifts/{sh['draft']}")).status_code == 403
        assert (await staff.get(f"/api/v1/shifts/{sh['published']}")).status_code == 200
        assert (await coordinator.get("/api/v1/shifts/not-a-uuid")).status_code == 422


class TestLifecycle:
    async def test_publish_then_staff_see_it(self, clients: Clients, world: World) -> None:
        coordinator = await clients.as_user(world.coordinator)
        staff = await clients.as_user(world.staff_user)
        shift = await post_ok(coordinator, "/api/v1/shifts", body(world))
        assert (await staff.get(f"/api/v1/shifts/{shift['id']}")).status_code == 403
        published = await post_ok(coordinator, f"/api/v1/shifts/{shift['id']}/publish")
        assert published["state"] == "published"
        assert published["published_at"] is not None
        assert (await staff.get(f"/api/v1/shifts/{shift['id']}")).status_code == 200
        r = await coordinator.post(f"/api/v1/shifts/{shift['id']}/publish")
        assert r.status_code == 409
        assert r.json()["error"] == "already_published"

    async def test_cancel_cancels_live_assignments_and_freezes_the_shift(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        c = await clients.as_user(world.coordinator)
        shift = await post_ok(c, "/api/v1/shifts", body(world))
        made = await post_ok(
            c, f"/api/v1/shifts/{shift['id']}/assignments", {"person_id": str(world.staff.id)}
        )
        cancelled = await post_ok(c, f"/api/v1/shifts/{shift['id']}/cancel")
        assert cancelled["state"] == "cancelled"
        assert cancelled["assigned_count"] == 0
        a = (await c.get(f"/api/v1/assignments/{made['assignment']['id']}")).json()
        assert a["state"] == "cancelled"
        for method, url, payload in [
            ("PATCH", "", {"notes": "x"}),
            ("POST", "/publish", None),
            ("POST", "/cancel", None),
            ("POST", "/assignments", {"person_id": str(world.colleague.id)}),
        ]:
            r = await c.request(method, f"/api/v1/shifts/{shift['id']}{url}", json=payload)
            assert r.status_code == 409, (url, r.text)
            assert r.json()["error"] == "shift_cancelled"
        actions = set((await session.scalars(select(AuditEntry.action))).all())
        assert {"shift.cancelled", "assignment.cancelled"} <= actions

    async def test_other_coordinator_may_not_change_it(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.coordinator)
        shift = await post_ok(c, "/api/v1/shifts", body(world))
        other = await clients.as_user(world.other_coordinator)
        for url in ("/publish", "/cancel"):
            assert (await other.post(f"/api/v1/shifts/{shift['id']}{url}")).status_code == 403
        r = await other.patch(f"/api/v1/shifts/{shift['id']}", json={"notes": "x"})
        assert r.status_code == 403
        foreign = await clients.as_user(world.foreign_admin)
        r = await foreign.patch(f"/api/v1/shifts/{shift['id']}", json={"notes": "x"})
        assert r.status_code == 404


class TestUpdate:
    async def test_moving_a_shift_moves_its_assignments(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        c = await clients.as_user(world.coordinator)
        shift = await post_ok(c, "/api/v1/shifts", body(world))
        made = await post_ok(
            c, f"/api/v1/shifts/{shift['id']}/assignments", {"person_id": str(world.staff.id)}
        )
        r = await c.patch(
            f"/api/v1/shifts/{shift['id']}",
            json={"starts_at": iso(at(2)), "ends_at": iso(at(10)), "notes": None},
        )
        assert r.status_code == 200, r.text
        assert r.json()["notes"] is None
        a = (await c.get(f"/api/v1/assignments/{made['assignment']['id']}")).json()
        assert (a["starts_at"], a["ends_at"]) == (r.json()["starts_at"], r.json()["ends_at"])
        entry = await session.scalar(select(AuditEntry).where(AuditEntry.action == "shift.updated"))
        assert entry is not None
        assert entry.before is not None
        assert entry.before["notes"] == "Ward 3"

    async def test_move_into_a_double_booking_is_409(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.coordinator)
        first = await post_ok(c, "/api/v1/shifts", body(world))
        second = await post_ok(
            c, "/api/v1/shifts", body(world, starts_at=iso(at(19)), ends_at=iso(at(23)))
        )
        for s in (first, second):
            await post_ok(
                c, f"/api/v1/shifts/{s['id']}/assignments", {"person_id": str(world.staff.id)}
            )
        r = await c.patch(
            f"/api/v1/shifts/{second['id']}", json={"starts_at": iso(at(7)), "ends_at": iso(at(11))}
        )
        assert r.status_code == 409, r.text
        assert r.json()["error"] == "rule_violation"
        assert r.json()["violations"][0]["rule"] == "overlap"
        assert r.json()["violations"][0]["records"]["person_id"] == str(world.staff.id)
        unchanged = (await c.get(f"/api/v1/shifts/{second['id']}")).json()
        assert unchanged["starts_at"] == second["starts_at"]

    async def test_headcount_below_assigned_is_409(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.coordinator)
        shift = await post_ok(c, "/api/v1/shifts", body(world, headcount=2))
        for p in (world.staff, world.colleague):
            await post_ok(c, f"/api/v1/shifts/{shift['id']}/assignments", {"person_id": str(p.id)})
        r = await c.patch(f"/api/v1/shifts/{shift['id']}", json={"headcount": 1})
        assert r.status_code == 409
        assert r.json()["error"] == "headcount_below_assigned"
        r = await c.patch(f"/api/v1/shifts/{shift['id']}", json={"headcount": 3})
        assert r.json()["open_seats"] == 1

    @pytest.mark.parametrize(
        ("patch", "field"),
        [
            ({"ends_at": iso(T0)}, "body.ends_at"),
            ({"starts_at": iso(at(-20))}, "body.ends_at"),
            ({"break_minutes": 600}, "body.break_minutes"),
            ({"starts_at": None}, "body.starts_at"),
            ({"skill_id": str(uuid.uuid4())}, "body.skill_id"),
            ({"location_id": str(uuid.uuid4())}, "body.location_id"),
            ({"ends_at": "2030-03-04T18:00:00"}, "body.ends_at"),
        ],
    )
    async def test_invalid_edits_are_422(
        self, clients: Clients, world: World, patch: dict[str, Any], field: str
    ) -> None:
        c = await clients.as_user(world.coordinator)
        shift = await post_ok(c, "/api/v1/shifts", body(world))
        r = await c.patch(f"/api/v1/shifts/{shift['id']}", json=patch)
        assert r.status_code == 422, r.text
        assert field in field_names(r)

    async def test_clearing_the_skill(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.coordinator)
        shift = await post_ok(c, "/api/v1/shifts", body(world))
        r = await c.patch(f"/api/v1/shifts/{shift['id']}", json={"skill_id": None})
        assert r.status_code == 200
        assert r.json()["skill_id"] is None
