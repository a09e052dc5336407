from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from shiftwise.db import Database
from shiftwise.models import AuditEntry, AvailabilityException, AvailabilitySlot
from tests.conftest import Clients
from tests.fixtures.factories import World

WEEK = [
    {"weekday": 0, "start_time": "09:00", "end_time": "17:00", "status": "available"},
    {"weekday": 2, "start_time": "22:00", "end_time": "06:00", "status": "preferred"},
    {"weekday": 6, "start_time": "00:00", "end_time": "00:00", "status": "unavailable"},
]


def pattern_url(person_id: uuid.UUID) -> str:
    return f"/api/v1/availability/{person_id}/pattern"


def exceptions_url(person_id: uuid.UUID) -> str:
    return f"/api/v1/availability/{person_id}/exceptions"


async def audit_actions(database: Database, record_id: uuid.UUID) -> list[str]:
    async with database.sessionmaker() as s:
        rows = await s.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.record_id == record_id)
            .order_by(AuditEntry.created_at)
        )
        return list(rows.all())


class TestPattern:
    async def test_staff_sets_and_reads_own_pattern(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.staff_user)
        r = await c.put(pattern_url(world.staff.id), json={"slots": WEEK})
        assert r.status_code == 200, r.text
        slots = r.json()["slots"]
        assert [(s["weekday"], s["start_time"], s["end_time"], s["status"]) for s in slots] == [
            (0, "09:00:00", "17:00:00", "available"),
            (2, "22:00:00", "06:00:00", "preferred"),
            (6, "00:00:00", "00:00:00", "unavailable"),
        ]
        r = await c.get("/api/v1/availability")
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["person_id"] == str(world.staff.id)
        assert body["display_name"] == "Sam Staff"
        assert len(body["slots"]) == 3
        assert await audit_actions(database, world.staff.id) == ["availability.pattern_replaced"]

    async def test_replacing_replaces_and_empty_clears(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.coordinator)
        assert (await c.put(pattern_url(world.staff.id), json={"slots": WEEK})).status_code == 200
        r = await c.put(pattern_url(world.staff.id), json={"slots": WEEK[:1]})
        assert len(r.json()["slots"]) == 1
        r = await c.put(pattern_url(world.staff.id), json={"slots": []})
        assert r.json()["slots"] == []
        async with database.sessionmaker() as s:
            count = await s.scalar(select(func.count()).select_from(AvailabilitySlot))
        assert count == 0
        async with database.sessionmaker() as s:
            entry = await s.scalar(
                select(AuditEntry)
                .where(AuditEntry.record_id == world.staff.id)
                .order_by(AuditEntry.created_at.desc())
                .limit(1)
            )
        assert entry is not None
        assert entry.before == {"slots": [_json_slot(WEEK[0])]}
        assert entry.after == {"slots": []}

    async def test_overlap_names_the_later_slots_field(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.staff_user)
        slots = [
            {"weekday": 0, "start_time": "09:00", "end_time": "12:00", "status": "available"},
            {"weekday": 1, "start_time": "09:00", "end_time": "17:00", "status": "available"},
            {"weekday": 0, "start_time": "07:00", "end_time": "10:00", "status": "preferred"},
        ]
        r = await c.put(pattern_url(world.staff.id), json={"slots": slots})
        assert r.status_code == 422, r.text
        body = r.json()
        assert body["error"] == "validation_error"
        assert [f["field"] for f in body["fields"]] == ["body.slots.2.end_time"]
        assert body["fields"][0]["code"] == "slot_overlap"

    @pytest.mark.parametrize(
        ("slot", "field"),
        [
            ({"weekday": 7, "start_time": "09:00", "end_time": "10:00"}, "body.slots.0.weekday"),
            ({"weekday": -1, "start_time": "09:00", "end_time": "10:00"}, "body.slots.0.weekday"),
            ({"weekday": 1, "start_time": "25:00", "end_time": "10:00"}, "body.slots.0.start_time"),
            ({"weekday": 1, "start_time": "09:00", "end_time": "09:00"}, "body.slots.0.end_time"),
            (
                {"weekday": 1, "start_time": "09:00:30", "end_time": "10:00"},
                "body.slots.0.start_time",
            ),
            ({"weekday": 1, "start_time": "09:00", "end_time": "10:00Z"}, "body.slots.0.end_time"),
        ],
    )
    async def test_bad_slots_name_the_field(
        self, clients: Clients, world: World, slot: dict[str, Any], field: str
    ) -> None:
        c = await clients.as_user(world.staff_user)
        r = await c.put(
            pattern_url(world.staff.id), json={"slots": [slot | {"status": "available"}]}
        )
        assert r.status_code == 422, r.text
        assert field in [f["field"] for f in r.json()["fields"]]

    async def test_night_slot_into_next_morning_clashes(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.staff_user)
        slots = [
            {"weekday": 6, "start_time": "22:00", "end_time": "06:00", "status": "available"},
            {"weekday": 0, "start_time": "05:00", "end_time": "09:00", "status": "available"},
        ]
        r = await c.put(pattern_url(world.staff.id), json={"slots": slots})
        assert r.status_code == 422
        assert [f["field"] for f in r.json()["fields"]] == ["body.slots.1.start_time"]

    async def test_staff_cannot_touch_anothers_pattern(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.staff_user)
        r = await c.put(pattern_url(world.colleague.id), json={"slots": WEEK})
        assert r.status_code == 403
        r = await c.get("/api/v1/availability", params={"person_id": str(world.colleague.id)})
        assert r.status_code == 403

    async def test_coordinator_of_another_location_is_refused(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.other_coordinator)
        r = await c.put(pattern_url(world.staff.id), json={"slots": WEEK})
        assert r.status_code == 403
        r = await c.get("/api/v1/availability", params={"person_id": str(world.staff.id)})
        assert r.status_code == 403

    async def test_other_organisation_sees_nothing(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.foreign_admin)
        assert (await c.put(pattern_url(world.staff.id), json={"slots": WEEK})).status_code == 404
        r = await c.get("/api/v1/availability", params={"person_id": str(world.staff.id)})
        assert r.status_code == 404
        mine = await clients.as_user(world.admin)
        r = await mine.get(
            "/api/v1/availability", params={"person_id": str(world.foreign_person.id)}
        )
        assert r.status_code == 404

    async def test_admin_without_profile_must_name_a_person(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.get("/api/v1/availability")
        assert r.status_code == 422
        assert r.json()["fields"][0]["field"] == "query.person_id"

    async def test_anonymous_is_401(self, clients: Clients, world: World) -> None:
        c = clients.anonymous()
        assert (await c.get("/api/v1/availability")).status_code == 401
        assert (await c.put(pattern_url(world.staff.id), json={"slots": []})).status_code == 401


def _json_slot(slot: dict[str, Any]) -> dict[str, Any]:
    return {
        "weekday": slot["weekday"],
        "start_time": slot["start_time"] + ":00",
        "end_time": slot["end_time"] + ":00",
        "status": slot["status"],
    }


class TestExceptions:
    async def test_create_list_in_range_and_delete(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.staff_user)
        made = []
        for day, times in (
            ("2030-03-04", {}),
            ("2030-03-10", {"start_time": "08:00", "end_time": "12:00"}),
        ):
            r = await c.post(
                exceptions_url(world.staff.id),
                json={"exception_date": day, "status": "unavailable", "note": "dentist"} | times,
            )
            assert r.status_code == 201, r.text
            made.append(r.json())
        assert made[0]["start_time"] is None
        assert made[1]["end_time"] == "12:00:00"
        r = await c.get(
            "/api/v1/availability", params={"start_date": "2030-03-01", "end_date": "2030-03-04"}
        )
        assert [e["id"] for e in r.json()["exceptions"]] == [made[0]["id"]]
        r = await c.get(
            "/api/v1/availability", params={"start_date": "2030-03-01", "end_date": "2030-03-31"}
        )
        assert [e["id"] for e in r.json()["exceptions"]] == [made[0]["id"], made[1]["id"]]
        r = await c.delete(f"{exceptions_url(world.staff.id)}/{made[0]['id']}")
        assert r.status_code == 204
        r = await c.delete(f"{exceptions_url(world.staff.id)}/{made[0]['id']}")
        assert r.status_code == 404
        assert await audit_actions(database, uuid.UUID(made[0]["id"])) == [
            "availability.exception_created",
            "availability.exception_deleted",
        ]

    async def test_overlapping_exception_is_a_conflict(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.coordinator)
        url = exceptions_url(world.staff.id)
        night = {
            "exception_date": "2030-03-04",
            "start_time": "22:00",
            "end_time": "06:00",
            "status": "available",
        }
        assert (await c.post(url, json=night)).status_code == 201
        morning = {
            "exception_date": "2030-03-05",
            "start_time": "05:00",
            "end_time": "07:00",
            "status": "unavailable",
        }
        r = await c.post(url, json=morning)
        assert r.status_code == 409
        assert r.json()["error"] == "exception_overlaps"
        later = morning | {"start_time": "06:00", "end_time": "08:00"}
        assert (await c.post(url, json=later)).status_code == 201
        whole_day = {"exception_date": "2030-03-04", "status": "unavailable"}
        assert (await c.post(url, json=whole_day)).status_code == 409

    @pytest.mark.parametrize(
        ("extra", "field"),
        [
            ({"start_time": "09:00"}, "body.end_time"),
            ({"end_time": "09:00"}, "body.start_time"),
            ({"start_time": "09:00", "end_time": "09:00"}, "body.end_time"),
            ({"exception_date": "2030-02-30"}, "body.exception_date"),
            ({"status": "maybe"}, "body.status"),
            ({"note": "x" * 501}, "body.note"),
        ],
    )
    async def test_bad_exceptions_name_the_field(
        self, clients: Clients, world: World, extra: dict[str, Any], field: str
    ) -> None:
        c = await clients.as_user(world.staff_user)
        body = {"exception_date": "2030-03-04", "status": "unavailable"} | extra
        r = await c.post(exceptions_url(world.staff.id), json=body)
        assert r.status_code == 422, r.text
        assert field in [f["field"] for f in r.json()["fields"]]

    async def test_staff_cannot_add_or_delete_for_another(
        self, clients: Clients, world: World
    ) -> None:
        coord = await clients.as_user(world.coordinator)
        r = await coord.post(
            exceptions_url(world.colleague.id),
            json={"exception_date": "2030-03-04", "status": "unavailable"},
        )
        exception_id = r.json()["id"]
        c = await clients.as_user(world.staff_user)
        r = await c.post(
            exceptions_url(world.colleague.id),
            json={"exception_date": "2030-03-05", "status": "unavailable"},
        )
        assert r.status_code == 403
        r = await c.delete(f"{exceptions_url(world.colleague.id)}/{exception_id}")
        assert r.status_code == 403
        # Another person's exception id under your own path is simply not there.
        r = await c.delete(f"{exceptions_url(world.staff.id)}/{exception_id}")
        assert r.status_code == 404

    async def test_idempotency_key_replays_the_creation(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.staff_user)
        body = {"exception_date": "2030-03-04", "status": "unavailable"}
        headers = {"Idempotency-Key": "exc-1"}
        first = await c.post(exceptions_url(world.staff.id), json=body, headers=headers)
        again = await c.post(exceptions_url(world.staff.id), json=body, headers=headers)
        assert (first.status_code, again.status_code) == (201, 201)
        assert again.json() == first.json()
        assert again.headers.get("idempotent-replay") == "true"
        async with database.sessionmaker() as s:
            count = await s.scalar(select(func.count()).select_from(AvailabilityException))
        assert count == 1

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"start_date": "2030-03-10", "end_date": "2030-03-01"}, "query.end_date"),
            ({"start_date": "2030-01-01", "end_date": "2031-01-02"}, "query.end_date"),
            ({"start_date": "tomorrow"}, "query.start_date"),
        ],
    )
    async def test_bad_range_names_the_field(
        self, clients: Clients, world: World, params: dict[str, str], field: str
    ) -> None:
        c = await clients.as_user(world.staff_user)
        r = await c.get("/api/v1/availability", params=params)
        assert r.status_code == 422
        assert field in [f["field"] for f in r.json()["fields"]]
