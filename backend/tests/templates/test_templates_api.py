from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.models import AuditEntry, Shift, ShiftState, ShiftTemplate
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World

URL = "/api/v1/shift-templates"


def body(world: World, **overrides: Any) -> dict[str, Any]:
    return {
        "location_id": str(world.loc.id),
        "skill_id": str(world.skill.id),
        "name": "Nights",
        "rrule": "FREQ=DAILY",
        "starts_on_date": "2026-03-01",
        "start_time": "22:00",
        "end_time": "06:00",
        "break_minutes": 30,
        "headcount": 2,
        "notes": "Ward 3",
    } | overrides


def fields(r: httpx.Response) -> list[str]:
    return [f["field"] for f in r.json().get("fields", [])]


def hours(shift: dict[str, Any]) -> float:
    start = datetime.fromisoformat(shift["starts_at"])
    end = datetime.fromisoformat(shift["ends_at"])
    return (end - start).total_seconds() / 3600


async def create(c: httpx.AsyncClient, world: World, **overrides: Any) -> dict[str, Any]:
    r = await c.post(URL, json=body(world, **overrides))
    assert r.status_code == 201, r.text
    result: dict[str, Any] = r.json()
    return result


async def generate(c: httpx.AsyncClient, template_id: str, start: str, end: str) -> Any:
    r = await c.post(f"{URL}/{template_id}/generate", json={"start_date": start, "end_date": end})
    assert r.status_code == 200, r.text
    return r.json()


class TestCrud:
    async def test_coordinator_creates_reads_lists_and_archives(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        c = await clients.as_user(world.coordinator)
        t = await create(c, world, rrule="rrule:freq=weekly;byday=mo,fr")
        assert t["rrule"] == "FREQ=WEEKLY;BYDAY=MO,FR"
        assert (t["start_time"], t["end_time"], t["archived_at"]) == ("22:00:00", "06:00:00", None)
        assert (await c.get(f"{URL}/{t['id']}")).json() == t
        listed = (await c.get(URL, params={"location_id": str(world.loc.id)})).json()
        assert [x["id"] for x in listed["items"]] == [t["id"]]
        r = await c.post(f"{URL}/{t['id']}/archive")
        assert r.status_code == 200
        assert r.json()["archived_at"] is not None
        assert (await c.get(URL)).json()["items"] == []
        assert len((await c.get(URL, params={"include_archived": True})).json()["items"]) == 1
        r = await c.post(
            f"{URL}/{t['id']}/generate", json={"start_date": "2026-03-01", "end_date": "2026-03-02"}
        )
        assert (r.status_code, r.json()["error"]) == (409, "template_archived")
        actions = (
            await session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.record_id == uuid.UUID(t["id"]))
                .order_by(AuditEntry.created_at)
            )
        ).all()
        assert actions == ["shift_template.created", "shift_template.archived"]

    async def test_who_may_see_and_change_templates(self, clients: Clients, world: World) -> None:
        admin = await clients.as_user(world.admin)
        t = await create(admin, world)
        staff = await clients.as_user(world.staff_user)
        other = await clients.as_user(world.other_coordinator)
        foreign = await clients.as_user(world.foreign_admin)
        assert (await staff.get(f"{URL}/{t['id']}")).status_code == 403
        assert (await staff.post(URL, json=body(world))).status_code == 403
        assert (await other.get(f"{URL}/{t['id']}")).status_code == 403
        assert (await other.post(URL, json=body(world))).status_code == 403
        assert (await other.get(URL, params={"location_id": str(world.loc.id)})).status_code == 403
        assert (await other.get(URL)).json()["items"] == []
        assert (await foreign.get(f"{URL}/{t['id']}")).status_code == 404
        assert (await foreign.patch(f"{URL}/{t['id']}", json={"name": "x"})).status_code == 404
        r = await foreign.get(URL, params={"location_id": str(world.loc.id)})
        assert r.status_code == 404
        r = await foreign.post(URL, json=body(world, skill_id=None))
        assert (r.status_code, fields(r)) == (422, ["body.location_id"])
        assert (await clients.anonymous().get(URL)).status_code == 401

    async def test_a_retried_create_with_the_same_idempotency_key_creates_one(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        c = await clients.as_user(world.coordinator)
        headers = {"Idempotency-Key": "tpl-1"}
        first = await c.post(URL, json=body(world), headers=headers)
        second = await c.post(URL, json=body(world), headers=headers)
        assert (first.status_code, second.status_code) == (201, 201)
        assert second.headers.get("Idempotent-Replay") == "true"
        assert first.json() == second.json()
        count = await session.scalar(select(func.count()).select_from(ShiftTemplate))
        assert count == 1

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"rrule": "FREQ=SOMETIMES"}, "body.rrule"),
            ({"rrule": "FREQ=WEEKLY;BYDAY=XX"}, "body.rrule"),
            ({"rrule": "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"}, "body.rrule"),
            ({"until_date": "2026-02-01"}, "body.until_date"),
            ({"start_time": "22:00:30"}, "body.start_time"),
            ({"break_minutes": 480}, "body.break_minutes"),
            ({"headcount": 0}, "body.headcount"),
            ({"skill_id": str(uuid.uuid4())}, "body.skill_id"),
            ({"starts_on_date": "1066-10-14"}, "body.starts_on_date"),
        ],
    )
    async def test_invalid_values_name_the_field(
        self, clients: Clients, world: World, overrides: dict[str, Any], field: str
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post(URL, json=body(world, **overrides))
        assert r.status_code == 422, r.text
        assert fields(r) == [field]


class TestGenerate:
    async def test_nights_across_the_clock_change_and_idempotence(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        c = await clients.as_user(world.coordinator)
        t = await create(c, world)
        first = await generate(c, t["id"], "2026-03-27", "2026-03-29")
        created = first["created"]
        assert [hours(s) for s in created] == [8, 7, 8]
        assert created[1]["starts_at"] == "2026-03-28T22:00:00Z"
        assert {(s["state"], s["template_id"], s["headcount"]) for s in created} == {
            ("draft", t["id"], 2)
        }
        again = await generate(c, t["id"], "2026-03-26", "2026-03-29")
        assert len(again["created"]) == 1  # only the 26th is new
        assert [(s["occurrence_date"], s["reason"]) for s in again["skipped"]] == [
            ("2026-03-27", "already_generated"),
            ("2026-03-28", "already_generated"),
            ("2026-03-29", "already_generated"),
        ]
        dates = (
            await session.scalars(
                select(Shift.occurrence_date).where(Shift.template_id == uuid.UUID(t["id"]))
            )
        ).all()
        assert sorted(d.isoformat() for d in dates if d) == [
            "2026-03-26",
            "2026-03-27",
            "2026-03-28",
            "2026-03-29",
        ]

    async def test_new_york_fall_back_night_lasts_nine_hours(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.admin)
        t = await create(
            c, world, location_id=str(world.other_loc.id), rrule="FREQ=WEEKLY;BYDAY=SA"
        )
        result = await generate(c, t["id"], "2026-10-24", "2026-11-07")
        assert [hours(s) for s in result["created"]] == [8, 9, 8]

    async def test_period_checks(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.coordinator)
        t = await create(c, world)
        url = f"{URL}/{t['id']}/generate"
        r = await c.post(url, json={"start_date": "2026-03-02", "end_date": "2026-03-01"})
        assert (r.status_code, fields(r)) == (422, ["body.end_date"])
        r = await c.post(url, json={"start_date": "2026-03-01", "end_date": "2027-03-02"})
        assert (r.status_code, fields(r)) == (422, ["body.end_date"])
        r = await c.post(url, json={"start_date": "2026-03-01"})
        assert (r.status_code, fields(r)) == (422, ["body.end_date"])
        staff = await clients.as_user(world.staff_user)
        r = await staff.post(url, json={"start_date": "2026-03-01", "end_date": "2026-03-02"})
        assert r.status_code == 403


class TestAllFuture:
    async def test_drafts_realign_staffed_published_and_detached_stay(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        c = await clients.as_user(world.coordinator)
        t = await create(c, world, start_time="07:00", end_time="15:00", break_minutes=0)
        made = {
            s["starts_at"][:10]: s
            for s in (await generate(c, t["id"], "2026-06-01", "2026-06-07"))["created"]
        }
        assert len(made) == 7
        # 3 June: someone assigned; 4 June: published; 5 June: edited alone (detached).
        staffed = await session.get(Shift, uuid.UUID(made["2026-06-03"]["id"]))
        assert staffed is not None
        await factories.assignment(session, staffed, world.staff)
        await session.commit()
        assert (
            await c.post(f"/api/v1/shifts/{made['2026-06-04']['id']}/publish")
        ).status_code == 200
        r = await c.patch(f"/api/v1/shifts/{made['2026-06-05']['id']}", json={"notes": "VIP visit"})
        assert r.status_code == 200
        # From 2 June: start an hour later, and no Sundays (7 June) any more.
        r = await c.patch(
            f"{URL}/{t['id']}",
            json={
                "start_time": "08:00",
                "rrule": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA",
                "apply_from_date": "2026-06-02",
            },
        )
        assert r.status_code == 200, r.text
        result = r.json()
        assert result["template"]["start_time"] == "08:00:00"
        assert [s["starts_at"] for s in result["updated"]] == [
            "2026-06-02T07:00:00Z",  # 08:00 BST
            "2026-06-06T07:00:00Z",
        ]
        assert {hours(s) for s in result["updated"]} == {7}
        assert result["removed_shift_ids"] == [made["2026-06-07"]["id"]]
        assert result["created"] == []
        assert [(x["occurrence_date"], x["reason"]) for x in result["left"]] == [
            ("2026-06-03", "assigned"),
            ("2026-06-04", "published"),
        ]

        async def starts(day: str) -> str:
            r = await c.get(f"/api/v1/shifts/{made[day]['id']}")
            return str(r.json()["starts_at"])

        assert await starts("2026-06-01") == "2026-06-01T06:00:00Z"  # before apply_from
        assert await starts("2026-06-03") == "2026-06-03T06:00:00Z"
        assert await starts("2026-06-05") == "2026-06-05T06:00:00Z"  # detached
        assert (await c.get(f"/api/v1/shifts/{made['2026-06-07']['id']}")).status_code == 404
        # Generating again does not recreate the detached or removed dates' shifts wrongly.
        again = await generate(c, t["id"], "2026-06-01", "2026-06-08")
        assert [s["starts_at"] for s in again["created"]] == ["2026-06-08T07:00:00Z"]
        detached = await session.scalar(
            select(Shift.detached).where(Shift.id == uuid.UUID(made["2026-06-05"]["id"]))
        )
        assert detached is True

    async def test_widening_the_pattern_creates_and_without_apply_from_nothing_moves(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        c = await clients.as_user(world.admin)
        t = await create(
            c, world, rrule="FREQ=WEEKLY;BYDAY=MO,WE", start_time="09:00", end_time="17:00"
        )
        await generate(c, t["id"], "2026-06-01", "2026-06-14")
        r = await c.patch(f"{URL}/{t['id']}", json={"headcount": 3})
        assert r.status_code == 200
        assert (r.json()["updated"], r.json()["created"]) == ([], [])
        counts = (
            await session.scalars(
                select(Shift.headcount).where(Shift.template_id == uuid.UUID(t["id"]))
            )
        ).all()
        assert set(counts) == {2}
        r = await c.patch(
            f"{URL}/{t['id']}",
            json={"rrule": "FREQ=WEEKLY;BYDAY=MO,TU,WE", "apply_from_date": "2026-06-08"},
        )
        result = r.json()
        assert [s["starts_at"][:10] for s in result["created"]] == ["2026-06-09"]
        assert {s["headcount"] for s in result["updated"]} == {3}
        assert len(result["updated"]) == 2  # 8 and 10 June
        states = (
            await session.scalars(
                select(Shift.state).where(Shift.template_id == uuid.UUID(t["id"]))
            )
        ).all()
        assert set(states) == {ShiftState.draft}

    async def test_invalid_patch_values(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.admin)
        t = await create(c, world)
        for payload, field in [
            ({"rrule": "FREQ=NEVER"}, "body.rrule"),
            ({"name": None}, "body.name"),
            ({"until_date": "2026-01-01"}, "body.until_date"),
            ({"location_id": str(world.other_loc.id)}, "body.location_id"),
        ]:
            r = await c.patch(f"{URL}/{t['id']}", json=payload)
            assert (r.status_code, fields(r)) == (422, [field]), r.text
