"""Double booking and over-filling are impossible, not merely checked."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter

import httpx
import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.assignments import checks
from shiftwise.assignments.repository import AssignmentRepository
from shiftwise.db import Database
from shiftwise.models import Assignment, AssignmentState
from shiftwise.shifts import service as shift_service
from tests.assignments.helpers import at, overlapping_live_pairs
from tests.conftest import Clients, db_backend
from tests.fixtures import factories
from tests.fixtures.factories import World


def responses(results: list[httpx.Response | BaseException]) -> list[httpx.Response]:
    """Every request answered (an unhandled error would surface here as an exception)."""
    errors = [r for r in results if isinstance(r, BaseException)]
    assert errors == [], errors[:3]
    return [r for r in results if isinstance(r, httpx.Response)]


def outcomes(answered: list[httpx.Response]) -> Counter[int]:
    return Counter(r.status_code for r in answered)


@pytest.mark.parametrize("round_", range(5))
async def test_fifty_overlapping_assignments_of_one_person_one_wins(
    clients: Clients, world: World, database: Database, session: AsyncSession, round_: int
) -> None:
    async with database.session(write=True) as s:
        person = await factories.person(s, world.org)
        shifts = [
            await factories.shift(s, world.loc, at(i * 0.1), 6, headcount=5) for i in range(50)
        ]
    c = await clients.as_user(world.coordinator)
    results = await asyncio.gather(
        *(
            c.post(f"/api/v1/shifts/{sh.id}/assignments", json={"person_id": str(person.id)})
            for sh in shifts
        ),
        return_exceptions=True,
    )
    answered = responses(results)
    counts = outcomes(answered)
    assert counts == Counter({201: 1, 409: 49}), counts
    refused = {r.json()["error"] for r in answered if r.status_code == 409}
    assert refused <= {"rule_violation", "double_booking"}
    assert await overlapping_live_pairs(session) == 0


async def test_twenty_people_for_three_seats(
    clients: Clients, world: World, database: Database, session: AsyncSession
) -> None:
    async with database.session(write=True) as s:
        shift = await factories.shift(s, world.loc, at(0), 8, headcount=3)
        people = [await factories.person(s, world.org) for _ in range(20)]
    c = await clients.as_user(world.coordinator)
    results = await asyncio.gather(
        *(
            c.post(f"/api/v1/shifts/{shift.id}/assignments", json={"person_id": str(p.id)})
            for p in people
        ),
        return_exceptions=True,
    )
    answered = responses(results)
    assert outcomes(answered) == Counter({201: 3, 409: 17})
    assert {r.json()["error"] for r in answered if r.status_code == 409} == {"shift_full"}
    r = await c.get(f"/api/v1/shifts/{shift.id}")
    assert (r.json()["assigned_count"], r.json()["open_seats"]) == (3, 0)


@pytest.mark.skipif(db_backend() != "postgresql", reason="the exclusion constraint is PostgreSQL's")
class TestDatabaseGuarantee:
    async def test_the_exclusion_constraint_refuses_overlap(
        self, world: World, database: Database
    ) -> None:
        async with database.session(write=True) as s:
            a = await factories.shift(s, world.loc, at(0), 4)
            b = await factories.shift(s, world.loc, at(2), 4)
            await factories.assignment(s, a, world.staff)
        with pytest.raises(IntegrityError, match="ex_assignments_no_overlap"):
            async with database.session(write=True) as s:
                await s.execute(
                    insert(Assignment).values(
                        id=uuid.uuid4(),
                        organisation_id=world.org.id,
                        shift_id=b.id,
                        person_id=world.staff.id,
                        starts_at=b.starts_at,
                        ends_at=b.ends_at,
                        state=AssignmentState.assigned,
                    )
                )

    async def test_without_the_app_check_the_database_still_answers_409(
        self, clients: Clients, world: World, database: Database, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        async def nothing(*_: object, **__: object) -> list[Assignment]:
            return []

        async def no_rules(*_: object, **__: object) -> dict[object, list[object]]:
            return {}

        monkeypatch.setattr(AssignmentRepository, "overlapping", nothing)
        monkeypatch.setattr(checks, "check_people_on_shift", no_rules)
        # Moving a staffed shift judges its people through the gateway too.
        monkeypatch.setattr(shift_service, "check_people_on_shift", no_rules)
        async with database.session(write=True) as s:
            a = await factories.shift(s, world.loc, at(0), 4)
            b = await factories.shift(s, world.loc, at(2), 4)
            c_ = await factories.shift(s, world.loc, at(8), 4)
        c = await clients.as_user(world.coordinator)
        body = {"person_id": str(world.staff.id)}
        assert (await c.post(f"/api/v1/shifts/{a.id}/assignments", json=body)).status_code == 201
        r = await c.post(f"/api/v1/shifts/{b.id}/assignments", json=body)
        assert (r.status_code, r.json()["error"]) == (409, "double_booking")
        assert (await c.post(f"/api/v1/shifts/{c_.id}/assignments", json=body)).status_code == 201
        r = await c.patch(f"/api/v1/shifts/{c_.id}", json={"starts_at": at(3).isoformat()})
        assert (r.status_code, r.json()["error"]) == (409, "double_booking")
