from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.db import Database
from shiftwise.models import Assignment, AuditEntry, Shift, ShiftState
from tests.assignments.helpers import at, iso, post_ok, rule_layer
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World


async def new_shift(
    database: Database,
    world: World,
    start: float,
    hours: float = 3,
    *,
    skill: bool = False,
    headcount: int = 2,
    state: ShiftState = ShiftState.draft,
) -> Shift:
    async with database.session(write=True) as s:
        return await factories.shift(
            s,
            world.loc,
            at(start),
            hours,
            skill=world.skill if skill else None,
            headcount=headcount,
            state=state,
        )


def assign(c: httpx.AsyncClient, shift: Shift | str, person: uuid.UUID, **extra: Any) -> Any:
    shift_id = shift.id if isinstance(shift, Shift) else shift
    return c.post(f"/api/v1/shifts/{shift_id}/assignments", json={"person_id": str(person)} | extra)


def rules(r: httpx.Response) -> list[str]:
    return [v["rule"] for v in r.json().get("violations", [])]


class TestCreate:
    async def test_assigning_returns_the_assignment_and_no_warnings(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        shift = await new_shift(database, world, 0, skill=True)
        c = await clients.as_user(world.coordinator)
        r = await assign(c, shift, world.staff.id)
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["warnings"] == []
        a = body["assignment"]
        assert (a["shift_id"], a["person_id"]) == (str(shift.id), str(world.staff.id))
        assert a["person_display_name"] == "Sam Staff"
        assert a["location_id"] == str(world.loc.id)
        assert (a["state"], a["source"]) == ("assigned", "manual")
        assert a["starts_at"] == iso(at(0)).replace("+00:00", "Z")
        seen = (await c.get(f"/api/v1/shifts/{shift.id}")).json()
        assert seen["assignments"][0]["id"] == a["id"]

    async def test_adjacent_shifts_do_not_overlap_but_leave_no_rest(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        morning = await new_shift(database, world, 0, 3)
        afternoon = await new_shift(database, world, 3, 3)
        c = await clients.as_user(world.coordinator)
        assert (await assign(c, morning, world.staff.id)).status_code == 201
        r = await assign(c, afternoon, world.staff.id)
        assert (r.status_code, rules(r)) == (409, ["min_rest"])
        async with database.session(write=True) as s:
            await rule_layer(s, world, {"min_rest": {"enabled": False}})
        assert (await assign(c, afternoon, world.staff.id)).status_code == 201

    async def test_overlap_is_a_hard_violation_no_reason_overrides(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        first = await new_shift(database, world, 0, 3)
        second = await new_shift(database, world, 2, 3)
        c = await clients.as_user(world.coordinator)
        assert (await assign(c, first, world.staff.id)).status_code == 201
        r = await assign(c, second, world.staff.id, override_reason="short-staffed")
        assert r.status_code == 409
        assert r.json()["error"] == "rule_violation"
        v = r.json()["violations"][0]
        assert (v["rule"], v["severity"]) == ("overlap", "hard")
        assert v["records"]["shift_ids"] == [str(first.id), str(second.id)]
        assert v["records"]["person_id"] == str(world.staff.id)
        assert "override_reason" not in r.json()["detail"]

    async def test_cancel_then_reassign_the_same_window(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        first = await new_shift(database, world, 0, 3)
        second = await new_shift(database, world, 0, 3)
        c = await clients.as_user(world.coordinator)
        made = (await assign(c, first, world.staff.id)).json()["assignment"]
        assert (await assign(c, second, world.staff.id)).status_code == 409
        await post_ok(c, f"/api/v1/assignments/{made['id']}/cancel")
        assert (await assign(c, second, world.staff.id)).status_code == 201
        assert (await assign(c, first, world.colleague.id)).status_code == 201

    async def test_missing_skill_needs_a_written_override(
        self, clients: Clients, world: World, database: Database, session: AsyncSession
    ) -> None:
        shift = await new_shift(database, world, 0, skill=True)
        async with database.session(write=True) as s:
            novice = await factories.person(s, world.org, "Nia Novice")
        c = await clients.as_user(world.coordinator)
        r = await assign(c, shift, novice.id)
        assert r.status_code == 409
        assert rules(r) == ["skill_required"]
        assert "override_reason" in r.json()["detail"]
        r = await assign(c, shift, novice.id, override_reason="Shadowing a senior nurse")
        assert r.status_code == 201, r.text
        assert [w["rule"] for w in r.json()["warnings"]] == ["skill_required"]
        assert r.json()["assignment"]["override_reason"] == "Shadowing a senior nurse"
        entry = await session.scalar(
            select(AuditEntry).where(AuditEntry.action == "assignment.created")
        )
        assert entry is not None
        assert entry.reason == "Shadowing a senior nurse"
        assert entry.after is not None
        assert entry.after["overridden"][0]["rule"] == "skill_required"

    async def test_skill_expiry_is_judged_on_the_local_date(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        # 03:00 UTC on 5 March is 22:00 on 4 March in New York.
        async with database.session(write=True) as s:
            shift = await factories.shift(s, world.other_loc, at(18), 4, skill=world.skill)
            late = await factories.shift(s, world.other_loc, at(24 + 18), 4, skill=world.skill)
            p = await factories.person(s, world.org, skills={world.skill: date(2030, 3, 4)})
        c = await clients.as_user(world.other_coordinator)
        assert (await assign(c, shift, p.id)).status_code == 201
        r = await assign(c, late, p.id)
        assert r.status_code == 409
        assert rules(r) == ["skill_expired"]
        v = r.json()["violations"][0]
        assert v["records"]["local_date"] == "2030-03-05"
        assert v["records"]["skill_ids"] == [str(world.skill.id)]
        assert "4 Mar 2030" in v["message"]

    async def test_inactive_person_cannot_be_assigned_even_with_a_reason(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        shift = await new_shift(database, world, 0)
        async with database.session(write=True) as s:
            p = await factories.person(s, world.org)
            p.is_active = False
        c = await clients.as_user(world.coordinator)
        r = await assign(c, shift, p.id, override_reason="please")
        assert r.status_code == 409
        assert rules(r) == ["inactive_person"]

    async def test_full_duplicate_and_cancelled_shifts_are_409(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        shift = await new_shift(database, world, 0, headcount=1)
        cancelled = await new_shift(database, world, 24, state=ShiftState.cancelled)
        c = await clients.as_user(world.coordinator)
        assert (await assign(c, shift, world.staff.id)).status_code == 201
        r = await assign(c, shift, world.staff.id)
        assert (r.status_code, r.json()["error"]) == (409, "already_assigned")
        r = await assign(c, shift, world.colleague.id)
        assert (r.status_code, r.json()["error"]) == (409, "shift_full")
        r = await assign(c, cancelled, world.colleague.id)
        assert (r.status_code, r.json()["error"]) == (409, "shift_cancelled")

    async def test_unknown_foreign_and_forbidden(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        shift = await new_shift(database, world, 0)
        async with database.session(write=True) as s:
            foreign = await factories.shift(s, world.foreign_loc, at(0))
        c = await clients.as_user(world.coordinator)
        r = await assign(c, str(uuid.uuid4()), world.staff.id)
        assert (r.status_code, r.json()["error"]) == (404, "shift_not_found")
        assert (await assign(c, foreign, world.staff.id)).status_code == 404
        r = await assign(c, shift, world.foreign_person.id)
        assert r.status_code == 422
        assert r.json()["fields"][0]["field"] == "body.person_id"
        r = await assign(c, shift, uuid.uuid4())
        assert r.status_code == 422
        for user in (world.other_coordinator, world.staff_user):
            other = await clients.as_user(user)
            assert (await assign(other, shift, world.staff.id)).status_code == 403

    async def test_malformed_and_mistyped_bodies_are_422(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        shift = await new_shift(database, world, 0)
        c = await clients.as_user(world.coordinator)
        url = f"/api/v1/shifts/{shift.id}/assignments"
        r = await c.post(
            url, content=b'{"person_id":', headers={"content-type": "application/json"}
        )
        assert (r.status_code, r.json()["error"]) == (422, "malformed_json")
        r = await c.post(url, json={"person_id": 12})
        assert (r.status_code, r.json()["error"]) == (422, "validation_error")
        assert r.json()["fields"][0]["field"] == "body.person_id"
        r = await c.post(url, json={"person_id": str(world.staff.id), "override_reason": ""})
        assert r.json()["fields"][0]["field"] == "body.override_reason"
        r = await c.post(url, json=[])
        assert r.status_code == 422


class TestRead:
    async def test_staff_see_only_their_own_published_assignments(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        published = await new_shift(database, world, 0, state=ShiftState.published)
        draft = await new_shift(database, world, 24)
        coordinator = await clients.as_user(world.coordinator)
        mine = (await assign(coordinator, published, world.staff.id)).json()["assignment"]
        hidden = (await assign(coordinator, draft, world.staff.id)).json()["assignment"]
        theirs = (await assign(coordinator, published, world.colleague.id)).json()["assignment"]
        staff = await clients.as_user(world.staff_user)
        r = await staff.get("/api/v1/assignments")
        assert [a["id"] for a in r.json()["items"]] == [mine["id"]]
        assert (await staff.get(f"/api/v1/assignments/{mine['id']}")).status_code == 200
        assert (await staff.get(f"/api/v1/assignments/{theirs['id']}")).status_code == 403
        assert (await staff.get(f"/api/v1/assignments/{hidden['id']}")).status_code == 403
        r = await staff.get("/api/v1/assignments", params={"person_id": str(world.colleague.id)})
        assert r.status_code == 403
        assert (await staff.get(f"/api/v1/shifts/{published.id}/assignments")).status_code == 403

    async def test_filters(self, clients: Clients, world: World, database: Database) -> None:
        first = await new_shift(database, world, 0)
        second = await new_shift(database, world, 48)
        c = await clients.as_user(world.coordinator)
        a1 = (await assign(c, first, world.staff.id)).json()["assignment"]
        a2 = (await assign(c, second, world.staff.id)).json()["assignment"]
        a3 = (await assign(c, first, world.colleague.id)).json()["assignment"]
        await post_ok(c, f"/api/v1/assignments/{a3['id']}/cancel")

        async def found(**params: str) -> list[str]:
            r = await c.get("/api/v1/assignments", params=params)
            assert r.status_code == 200, r.text
            return [a["id"] for a in r.json()["items"]]

        assert set(await found()) == {a1["id"], a2["id"], a3["id"]}
        assert await found(person_id=str(world.staff.id)) == [a1["id"], a2["id"]]
        assert await found(start=iso(at(24)), end=iso(at(72))) == [a2["id"]]
        assert await found(state="cancelled") == [a3["id"]]
        assert await found(location_id=str(world.loc.id), state="assigned") == [a1["id"], a2["id"]]
        r = await c.get(f"/api/v1/shifts/{first.id}/assignments")
        assert {a["id"] for a in r.json()["items"]} == {a1["id"], a3["id"]}
        r = await c.get("/api/v1/assignments", params={"location_id": str(world.other_loc.id)})
        assert r.status_code == 403
        r = await c.get("/api/v1/assignments", params={"state": "maybe"})
        assert r.status_code == 422

    async def test_other_coordinators_and_organisations(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        shift = await new_shift(database, world, 0)
        c = await clients.as_user(world.coordinator)
        made = (await assign(c, shift, world.staff.id)).json()["assignment"]
        other = await clients.as_user(world.other_coordinator)
        assert (await other.get(f"/api/v1/assignments/{made['id']}")).status_code == 403
        assert (await other.get("/api/v1/assignments")).json()["items"] == []
        r = await other.post(f"/api/v1/assignments/{made['id']}/cancel")
        assert r.status_code == 403
        assert (await other.get(f"/api/v1/shifts/{shift.id}/assignments")).status_code == 403
        foreign = await clients.as_user(world.foreign_admin)
        assert (await foreign.get(f"/api/v1/assignments/{made['id']}")).status_code == 404
        r = await foreign.post(f"/api/v1/assignments/{made['id']}/cancel")
        assert r.status_code == 404
        assert (await foreign.get("/api/v1/assignments")).json()["items"] == []
        assert (await c.get(f"/api/v1/assignments/{uuid.uuid4()}")).status_code == 404


class TestCancel:
    async def test_cancel_is_audited_and_only_once(
        self, clients: Clients, world: World, database: Database, session: AsyncSession
    ) -> None:
        shift = await new_shift(database, world, 0)
        c = await clients.as_user(world.coordinator)
        made = (await assign(c, shift, world.staff.id)).json()["assignment"]
        staff = await clients.as_user(world.staff_user)
        assert (await staff.post(f"/api/v1/assignments/{made['id']}/cancel")).status_code == 403
        done = await post_ok(c, f"/api/v1/assignments/{made['id']}/cancel")
        assert done["state"] == "cancelled"
        assert done["cancelled_at"] is not None
        r = await c.post(f"/api/v1/assignments/{made['id']}/cancel")
        assert (r.status_code, r.json()["error"]) == (409, "already_cancelled")
        stored = await session.get(Assignment, uuid.UUID(made["id"]))
        assert stored is not None
        assert stored.cancelled_at is not None
        actions = (
            await session.scalars(
                select(AuditEntry.action).where(AuditEntry.record_id == stored.id)
            )
        ).all()
        assert sorted(actions) == ["assignment.cancelled", "assignment.created"]
        assert (await c.get(f"/api/v1/shifts/{shift.id}")).json()["open_seats"] == 2


class TestIdempotency:
    async def test_a_retried_create_replays_instead_of_double_assigning(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        shift = await new_shift(database, world, 0)
        c = await clients.as_user(world.coordinator)
        url = f"/api/v1/shifts/{shift.id}/assignments"
        headers = {"Idempotency-Key": "assign-sam-1"}
        first = await c.post(url, json={"person_id": str(world.staff.id)}, headers=headers)
        again = await c.post(url, json={"person_id": str(world.staff.id)}, headers=headers)
        assert (first.status_code, again.status_code) == (201, 201)
        assert again.json() == first.json()
        assert again.headers["idempotent-replay"] == "true"
        r = await c.post(
            "/api/v1/shifts",
            json={
                "location_id": str(world.loc.id),
                "starts_at": at(30).isoformat(),
                "ends_at": at(32).isoformat(),
            },
            headers={"Idempotency-Key": "shift-1"},
        )
        replay = await c.post(
            "/api/v1/shifts",
            json={
                "location_id": str(world.loc.id),
                "starts_at": at(30).isoformat(),
                "ends_at": at(32).isoformat(),
            },
            headers={"Idempotency-Key": "shift-1"},
        )
        assert r.status_code == 201
        assert replay.json()["id"] == r.json()["id"]
