"""Approving (with the impact shown, then released on confirmation) and denying."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy import select

from shiftwise.db import Database
from shiftwise.models import Assignment, AssignmentState, Shift, ShiftState
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.time_off.helpers import URL, audit_actions, day, events, file, period


async def arrange(database: Database, world: World) -> tuple[list[Shift], list[Assignment], Shift]:
    """Sam on three shifts: two inside days 0..3 (one a draft), one outside (day 5)."""
    async with database.session(write=True) as s:
        inside = await factories.shift(
            s, world.loc, day(1).replace(hour=9), state=ShiftState.published, headcount=2
        )
        draft = await factories.shift(s, world.other_loc, day(2).replace(hour=9))
        outside = await factories.shift(
            s, world.loc, day(5).replace(hour=9), state=ShiftState.published
        )
        assignments = [
            await factories.assignment(s, sh, world.staff) for sh in (inside, draft, outside)
        ]
    return [inside, draft], assignments, outside


async def states(database: Database, ids: list[uuid.UUID]) -> list[AssignmentState]:
    async with database.sessionmaker() as s:
        found = {
            a.id: a.state for a in await s.scalars(select(Assignment).where(Assignment.id.in_(ids)))
        }
    return [found[i] for i in ids]


async def staff_request(clients: Clients, world: World) -> tuple[httpx.AsyncClient, str]:
    c = await clients.as_user(world.staff_user)
    return c, (await file(c, period(0, 3)))["id"]


class TestImpact:
    async def test_lists_overlapping_live_assignments(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        (inside, _draft), assignments, _ = await arrange(database, world)
        staff, request_id = await staff_request(clients, world)
        admin = await clients.as_user(world.admin)
        r = await admin.get(f"{URL}/{request_id}/impact")
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["request_id"] == request_id
        rows = body["assignments"]
        assert [a["assignment_id"] for a in rows] == [str(a.id) for a in assignments[:2]]
        assert rows[0]["shift_id"] == str(inside.id)
        assert rows[0]["location_name"] == "North Clinic"
        assert rows[1]["time_zone"] == "America/New_York"
        assert rows[1]["shift_state"] == "draft"
        # The person sees their own impact, but not draft shifts (as on their schedule).
        mine = (await staff.get(f"{URL}/{request_id}/impact")).json()["assignments"]
        assert [a["shift_id"] for a in mine] == [str(inside.id)]
        coord = await clients.as_user(world.coordinator)
        assert len((await coord.get(f"{URL}/{request_id}/impact")).json()["assignments"]) == 2


class TestApprove:
    async def test_conflicts_are_shown_and_nothing_changes(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        _, assignments, _ = await arrange(database, world)
        _, request_id = await staff_request(clients, world)
        coord = await clients.as_user(world.coordinator)
        r = await coord.post(f"{URL}/{request_id}/approve", json={})
        assert r.status_code == 409, r.text
        body = r.json()
        assert body["error"] == "time_off_conflicts"
        assert [row["assignment_id"] for row in body["rows"]] == [
            str(a.id) for a in assignments[:2]
        ]
        assert (await coord.get(f"{URL}/{request_id}")).json()["state"] == "pending"
        assert await states(database, [a.id for a in assignments]) == [AssignmentState.assigned] * 3
        assert await events(database, "assignment.released") == []

    async def test_confirmed_approval_releases_audits_and_records_events(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        (inside, draft), assignments, _ = await arrange(database, world)
        _, request_id = await staff_request(clients, world)
        coord = await clients.as_user(world.coordinator)
        r = await coord.post(
            f"{URL}/{request_id}/approve",
            json={"release_assignments": True, "note": "Enjoy"},
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["request"]["state"] == "approved"
        assert body["request"]["decided_by_user_id"] == str(world.coordinator.id)
        assert body["request"]["decision_note"] == "Enjoy"
        assert body["request"]["decided_at"] is not None
        released = [a["assignment_id"] for a in body["released_assignments"]]
        assert released == [str(a.id) for a in assignments[:2]]
        assert await states(database, [a.id for a in assignments]) == [
            AssignmentState.cancelled,
            AssignmentState.cancelled,
            AssignmentState.assigned,
        ]
        # The seats are open again.
        shift = (await coord.get(f"/api/v1/shifts/{inside.id}")).json()
        assert (shift["assigned_count"], shift["open_seats"]) == (0, 2)
        assert await audit_actions(database, request_id) == [
            "time_off.requested",
            "time_off.approved",
        ]
        for a in assignments[:2]:
            assert await audit_actions(database, a.id) == ["assignment.cancelled"]
        [decided] = await events(database, "time_off.decided")
        assert decided.person_id == world.staff.id
        assert decided.payload["state"] == "approved"
        assert decided.payload["released_assignment_ids"] == released
        released_events = await events(database, "assignment.released")
        assert sorted(e.payload["assignment_id"] for e in released_events) == sorted(released)
        assert {e.person_id for e in released_events} == {world.staff.id}
        opened = await events(database, "shift.open")
        assert sorted(e.payload["shift_id"] for e in opened) == sorted(
            [str(inside.id), str(draft.id)]
        )

    async def test_approval_without_assignments_needs_no_confirmation(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        _, request_id = await staff_request(clients, world)
        admin = await clients.as_user(world.admin)
        r = await admin.post(f"{URL}/{request_id}/approve", json={})
        assert r.status_code == 200, r.text
        assert r.json()["released_assignments"] == []
        r = await admin.post(f"{URL}/{request_id}/approve", json={})
        assert r.status_code == 409
        assert r.json()["error"] == "request_already_decided"
        r = await admin.post(f"{URL}/{request_id}/deny", json={})
        assert r.status_code == 409
        assert r.json()["error"] == "request_already_decided"

    async def test_staff_never_decide(self, clients: Clients, world: World) -> None:
        staff, request_id = await staff_request(clients, world)
        for action in ("approve", "deny"):
            r = await staff.post(f"{URL}/{request_id}/{action}", json={})
            assert r.status_code == 403
        colleague = await clients.as_user(world.colleague_user)
        assert (await colleague.post(f"{URL}/{request_id}/approve", json={})).status_code == 403
        other = await clients.as_user(world.other_coordinator)
        assert (await other.post(f"{URL}/{request_id}/approve", json={})).status_code == 403
        assert (await staff.get(f"{URL}/{request_id}")).json()["state"] == "pending"

    async def test_a_coordinator_cannot_decide_their_own(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        async with database.session(write=True) as s:
            await factories.person(s, world.org, "Cora", user=world.coordinator, home=world.loc)
        coord = await clients.as_user(world.coordinator)
        own = await file(coord, period(0, 1))
        r = await coord.post(f"{URL}/{own['id']}/approve", json={})
        assert r.status_code == 403
        assert "own" in r.json()["detail"]
        admin = await clients.as_user(world.admin)
        assert (await admin.post(f"{URL}/{own['id']}/approve", json={})).status_code == 200

    async def test_cancelled_request_cannot_be_approved(
        self, clients: Clients, world: World
    ) -> None:
        staff, request_id = await staff_request(clients, world)
        await staff.post(f"{URL}/{request_id}/cancel")
        coord = await clients.as_user(world.coordinator)
        r = await coord.post(f"{URL}/{request_id}/approve", json={"release_assignments": True})
        assert r.status_code == 409
        assert r.json()["error"] == "request_already_decided"

    async def test_bad_body_names_the_field(self, clients: Clients, world: World) -> None:
        _, request_id = await staff_request(clients, world)
        coord = await clients.as_user(world.coordinator)
        r = await coord.post(f"{URL}/{request_id}/approve", json={"release_assignments": "maybe"})
        assert r.status_code == 422
        assert r.json()["fields"][0]["field"] == "body.release_assignments"
        r = await coord.post(f"{URL}/{request_id}/deny", json={"note": "x" * 1001})
        assert r.status_code == 422
        assert r.json()["fields"][0]["field"] == "body.note"


class TestDeny:
    async def test_deny_keeps_assignments_and_tells_the_person(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        _, assignments, _ = await arrange(database, world)
        _, request_id = await staff_request(clients, world)
        coord = await clients.as_user(world.coordinator)
        r = await coord.post(f"{URL}/{request_id}/deny", json={"note": "Short-staffed"})
        assert r.status_code == 200, r.text
        assert (r.json()["state"], r.json()["decision_note"]) == ("denied", "Short-staffed")
        assert await states(database, [a.id for a in assignments]) == [AssignmentState.assigned] * 3
        [event] = await events(database, "time_off.decided")
        assert (event.person_id, event.payload["state"]) == (world.staff.id, "denied")
        assert await audit_actions(database, request_id) == [
            "time_off.requested",
            "time_off.denied",
        ]
        staff = await clients.as_user(world.staff_user)
        r = await staff.post(f"{URL}/{request_id}/cancel")
        assert r.status_code == 409
        assert r.json()["error"] == "request_already_decided"
