"""The dry-run answers what the real call would, and changes nothing."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.db import Database
from shiftwise.models import Assignment, AuditEntry, OutboxEvent, Shift, ShiftState
from tests.assignments.helpers import at, count_rows
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World

URL = "/api/v1/assignments/check"


async def check(
    c: httpx.AsyncClient, shift: Shift | uuid.UUID, person: uuid.UUID, **extra: Any
) -> httpx.Response:
    shift_id = shift.id if isinstance(shift, Shift) else shift
    return await c.post(URL, json={"shift_id": str(shift_id), "person_id": str(person)} | extra)


async def create(
    c: httpx.AsyncClient, shift: Shift, person: uuid.UUID, **extra: Any
) -> httpx.Response:
    return await c.post(
        f"/api/v1/shifts/{shift.id}/assignments", json={"person_id": str(person)} | extra
    )


class TestDryRun:
    async def test_it_answers_like_the_real_call_and_changes_nothing(
        self, clients: Clients, world: World, database: Database, session: AsyncSession
    ) -> None:
        async with database.session(write=True) as s:
            early = await factories.shift(s, world.loc, at(0), 8, state=ShiftState.published)
            await factories.assignment(s, early, world.staff)
            late = await factories.shift(s, world.loc, at(14), 3, state=ShiftState.published)
            clean = await factories.shift(s, world.loc, at(48), 8, state=ShiftState.published)
        c = await clients.as_user(world.coordinator)
        tables = (Assignment, AuditEntry, OutboxEvent)
        before = await count_rows(session, *tables)

        r = await check(c, clean, world.staff.id)
        assert r.status_code == 200, r.text
        assert r.json() == {
            "violations": [],
            "would_succeed": True,
            "overridable": False,
            "refusal": None,
        }
        dry = await check(c, late, world.staff.id)
        body = dry.json()
        assert (body["would_succeed"], body["overridable"]) == (False, True)
        assert [v["rule"] for v in body["violations"]] == ["min_rest"]
        assert body["refusal"]["error"] == "rule_violation"
        r = await check(c, late, world.staff.id, override_reason="Short-staffed")
        assert (r.json()["would_succeed"], r.json()["violations"]) == (True, body["violations"])
        assert await count_rows(session, *tables) == before

        real = await create(c, late, world.staff.id)
        assert real.status_code == 409
        assert real.json()["violations"] == body["violations"]
        assert real.json()["detail"] == body["refusal"]["detail"]
        real = await create(c, late, world.staff.id, override_reason="Short-staffed")
        assert real.status_code == 201
        assert real.json()["warnings"] == body["violations"]

    async def test_absolute_rules_and_seat_refusals(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        async with database.session(write=True) as s:
            first = await factories.shift(s, world.loc, at(0), 4)
            await factories.assignment(s, first, world.staff)
            clash = await factories.shift(s, world.loc, at(2), 4)
            full = await factories.shift(s, world.loc, at(48), 4)
            await factories.assignment(s, full, world.colleague)
            gone = await factories.shift(s, world.loc, at(96), 4, state=ShiftState.cancelled)
        c = await clients.as_user(world.coordinator)
        r = await check(c, clash, world.staff.id, override_reason="please")
        body = r.json()
        assert (body["would_succeed"], body["overridable"]) == (False, False)
        assert [v["rule"] for v in body["violations"]] == ["overlap"]
        for shift, person, code in (
            (first, world.staff.id, "already_assigned"),
            (full, world.staff.id, "shift_full"),
            (gone, world.staff.id, "shift_cancelled"),
        ):
            r = await check(c, shift, person)
            assert r.status_code == 200, r.text
            assert (r.json()["would_succeed"], r.json()["refusal"]["error"]) == (False, code)
            assert (await create(c, shift, person)).json()["error"] == code

    async def test_who_may_ask(self, clients: Clients, world: World, database: Database) -> None:
        async with database.session(write=True) as s:
            shift = await factories.shift(s, world.loc, at(0), 4, state=ShiftState.published)
            foreign = await factories.shift(s, world.foreign_loc, at(0), 4)
        assert (await check(clients.anonymous(), shift, world.staff.id)).status_code == 401
        for user in (world.staff_user, world.other_coordinator):
            c = await clients.as_user(user)
            assert (await check(c, shift, world.staff.id)).status_code == 403
        c = await clients.as_user(world.foreign_admin)
        assert (await check(c, shift, world.foreign_person.id)).status_code == 404
        for user in (world.coordinator, world.admin):
            c = await clients.as_user(user)
            assert (await check(c, shift, world.staff.id)).json()["would_succeed"] is True
        c = await clients.as_user(world.coordinator)
        assert (await check(c, foreign, world.staff.id)).status_code == 404
        assert (await check(c, uuid.uuid4(), world.staff.id)).status_code == 404
        r = await check(c, shift, world.foreign_person.id)
        assert (r.status_code, r.json()["fields"][0]["field"]) == (422, "body.person_id")
        r = await c.post(URL, json={"shift_id": str(shift.id)})
        assert (r.status_code, r.json()["fields"][0]["field"]) == (422, "body.person_id")
