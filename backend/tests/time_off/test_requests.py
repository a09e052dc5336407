"""Filing, listing, reading and cancelling time-off requests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from shiftwise.db import Database
from shiftwise.models import TimeOffRequest, TimeOffState
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.time_off.helpers import URL, audit_actions, day, events, file, period


class TestCreate:
    async def test_staff_files_for_themself(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.staff_user)
        body = period(0, 7, reason="Family wedding")
        body["starts_at"] = "2030-03-04T01:00:00+01:00"  # offsets are honoured
        created = await file(c, body)
        assert created["person_id"] == str(world.staff.id)
        assert created["person_display_name"] == "Sam Staff"
        assert created["state"] == "pending"
        assert created["starts_at"].startswith("2030-03-04T00:00:00")
        assert created["decided_by_user_id"] is None
        assert await audit_actions(database, created["id"]) == ["time_off.requested"]
        [event] = await events(database, "time_off.requested")
        assert event.person_id == world.staff.id
        assert event.payload["time_off_request_id"] == created["id"]

    async def test_coordinator_files_for_a_person_they_manage(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.coordinator)
        created = await file(c, period(0, 1, person_id=str(world.staff.id), kind="sick"))
        assert (created["person_id"], created["kind"]) == (str(world.staff.id), "sick")
        other = await clients.as_user(world.other_coordinator)
        r = await other.post(URL, json=period(3, 1, person_id=str(world.staff.id)))
        assert r.status_code == 403

    async def test_staff_cannot_file_for_another(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.staff_user)
        r = await c.post(URL, json=period(0, 1, person_id=str(world.colleague.id)))
        assert r.status_code == 403

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"ends_at": day(0).isoformat()}, "body.ends_at"),
            ({"ends_at": day(-1).isoformat()}, "body.ends_at"),
            ({"ends_at": day(367).isoformat()}, "body.ends_at"),
            ({"starts_at": "2030-03-04T00:00:00"}, "body.starts_at"),
            ({"kind": "holiday"}, "body.kind"),
            ({"reason": "x" * 1001}, "body.reason"),
            ({"person_id": "00000000-0000-0000-0000-000000000000"}, "body.person_id"),
            ({"colour": "red"}, "body.colour"),
        ],
    )
    async def test_bad_input_names_the_field(
        self, clients: Clients, world: World, change: dict[str, Any], field: str
    ) -> None:
        c = await clients.as_user(world.coordinator)
        r = await c.post(URL, json=period(0, 1) | change)
        assert r.status_code == 422, r.text
        assert field in [f["field"] for f in r.json()["fields"]]

    async def test_other_organisations_person_is_unknown(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post(URL, json=period(0, 1, person_id=str(world.foreign_person.id)))
        assert r.status_code == 422
        assert r.json()["fields"][0]["code"] == "person_not_found"

    async def test_overlapping_open_requests_conflict(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.staff_user)
        first = await file(c, period(0, 5))
        r = await c.post(URL, json=period(4, 2))
        assert r.status_code == 409
        assert r.json()["error"] == "time_off_overlaps"
        await file(c, period(5, 2))  # back-to-back is fine
        assert (await c.post(f"{URL}/{first['id']}/cancel")).status_code == 200
        await file(c, period(4, 1))  # a cancelled request no longer blocks

    async def test_idempotency_key_files_once(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.staff_user)
        headers = {"Idempotency-Key": "vacation-2030"}
        first = await c.post(URL, json=period(0, 3), headers=headers)
        again = await c.post(URL, json=period(0, 3), headers=headers)
        assert (first.status_code, again.status_code) == (201, 201)
        assert again.json()["id"] == first.json()["id"]
        reused = await c.post(URL, json=period(10, 3), headers=headers)
        assert reused.status_code == 409
        async with database.sessionmaker() as s:
            assert await s.scalar(select(func.count()).select_from(TimeOffRequest)) == 1


class TestRead:
    async def test_staff_see_only_their_own(self, clients: Clients, world: World) -> None:
        mine = await file(await clients.as_user(world.staff_user), period(0, 1))
        theirs = await file(await clients.as_user(world.colleague_user), period(0, 1))
        c = await clients.as_user(world.staff_user)
        r = await c.get(URL)
        assert [i["id"] for i in r.json()["items"]] == [mine["id"]]
        assert (await c.get(f"{URL}/{theirs['id']}")).status_code == 403
        assert (await c.get(f"{URL}/{theirs['id']}/impact")).status_code == 403
        r = await c.get(URL, params={"person_id": str(world.colleague.id)})
        assert r.status_code == 403
        assert (await c.get(f"{URL}/{mine['id']}")).json()["id"] == mine["id"]

    async def test_coordinators_see_their_home_locations_people(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        async with database.session(write=True) as s:
            southerner = await factories.person(s, world.org, "Sid South", home=world.other_loc)
        admin = await clients.as_user(world.admin)
        north = await file(admin, period(0, 1, person_id=str(world.staff.id)))
        south = await file(admin, period(0, 1, person_id=str(southerner.id)))
        c = await clients.as_user(world.coordinator)
        r = await c.get(URL)
        assert [i["id"] for i in r.json()["items"]] == [north["id"]]
        assert (await c.get(f"{URL}/{south['id']}")).status_code == 403
        r = await c.get(URL, params={"location_id": str(world.other_loc.id)})
        assert r.status_code == 403
        r = await admin.get(URL, params={"location_id": str(world.other_loc.id)})
        assert [i["id"] for i in r.json()["items"]] == [south["id"]]

    async def test_filters_and_pages(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.coordinator)
        ids = [
            (await file(c, period(n * 10, 2, person_id=str(world.staff.id))))["id"]
            for n in range(3)
        ]
        await c.post(f"{URL}/{ids[1]}/deny", json={})
        r = await c.get(URL, params={"state": "pending"})
        assert [i["id"] for i in r.json()["items"]] == [ids[0], ids[2]]
        r = await c.get(URL, params={"start": day(11).isoformat(), "end": day(21).isoformat()})
        assert [i["id"] for i in r.json()["items"]] == [ids[1], ids[2]]
        r = await c.get(URL, params={"limit": 2})
        assert r.json()["next_offset"] == 2
        r = await c.get(URL, params={"start": day(5).isoformat(), "end": day(1).isoformat()})
        assert r.status_code == 422
        assert r.json()["fields"][0]["field"] == "query.end"

    async def test_other_organisation_gets_404(self, clients: Clients, world: World) -> None:
        mine = await file(await clients.as_user(world.staff_user), period(0, 1))
        c = await clients.as_user(world.foreign_admin)
        for path in ("", "/impact"):
            assert (await c.get(f"{URL}/{mine['id']}{path}")).status_code == 404
        for action in ("approve", "deny", "cancel"):
            assert (await c.post(f"{URL}/{mine['id']}/{action}", json={})).status_code == 404
        assert (await c.get(URL)).json()["items"] == []


class TestCancel:
    async def test_staff_withdraws_a_pending_request(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.staff_user)
        created = await file(c, period(0, 1))
        r = await c.post(f"{URL}/{created['id']}/cancel")
        assert r.status_code == 200, r.text
        assert r.json()["state"] == "cancelled"
        r = await c.post(f"{URL}/{created['id']}/cancel")
        assert r.status_code == 409
        assert r.json()["error"] == "request_already_decided"
        assert await audit_actions(database, created["id"]) == [
            "time_off.requested",
            "time_off.cancelled",
        ]
        [event] = await events(database, "time_off.cancelled")
        assert event.payload["was"] == "pending"

    async def test_approved_time_off_can_be_cancelled_before_it_starts(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.staff_user)
        created = await file(c, period(0, 1))
        coord = await clients.as_user(world.coordinator)
        assert (await coord.post(f"{URL}/{created['id']}/approve", json={})).status_code == 200
        r = await c.post(f"{URL}/{created['id']}/cancel")
        assert r.status_code == 200
        assert r.json()["state"] == "cancelled"

    async def test_approved_time_off_that_began_stays(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        now = datetime.now(UTC)
        async with database.session(write=True) as s:
            began = TimeOffRequest(
                organisation_id=world.org.id,
                person_id=world.staff.id,
                starts_at=now - timedelta(days=1),
                ends_at=now + timedelta(days=1),
                kind="vacation",
                state=TimeOffState.approved,
            )
            s.add(began)
        c = await clients.as_user(world.staff_user)
        r = await c.post(f"{URL}/{began.id}/cancel")
        assert r.status_code == 409
        assert r.json()["error"] == "time_off_started"

    async def test_who_may_cancel(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.staff_user)
        ids = [(await file(c, period(n * 3, 1)))["id"] for n in range(3)]
        colleague = await clients.as_user(world.colleague_user)
        assert (await colleague.post(f"{URL}/{ids[0]}/cancel")).status_code == 403
        other = await clients.as_user(world.other_coordinator)
        assert (await other.post(f"{URL}/{ids[0]}/cancel")).status_code == 403
        coord = await clients.as_user(world.coordinator)
        assert (await coord.post(f"{URL}/{ids[0]}/cancel")).status_code == 200
        admin = await clients.as_user(world.admin)
        assert (await admin.post(f"{URL}/{ids[1]}/cancel")).status_code == 200
