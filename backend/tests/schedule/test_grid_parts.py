"""A week grid rebuilt after a write re-judges only the people the write changed.

`people.facts_version` moves with every write to a person's facts (their row, skills,
assignments, availability, time off, own rule layer, and the shifts they hold);
`organisations.facts_epoch` with every write that can change what the rules say about
anyone (an organisation or location rule layer, a skill, a location, the organisation's
settings, any bulk statement but a DELETE of one person's rows). The grid keeps each
person's part of its last build and re-judges a person only when their counter (or the
epoch) moved. That every such answer
equals a build from scratch is checked write by write in test_grid_revalidation.py.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.db import Database
from shiftwise.models import Assignment, AvailabilitySlot, Organisation, Person
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.schedule.helpers import MONDAY, Judged, utc

URL = "/api/v1/schedule"


async def _grid(c: httpx.AsyncClient, world: World) -> dict[str, Any]:
    r = await c.get(URL, params={"location_id": str(world.loc.id), "start_date": str(MONDAY)})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def _facts_versions(database: Database, *people: uuid.UUID) -> list[int]:
    async with database.sessionmaker() as s:
        rows = await s.execute(select(Person.id, Person.facts_version).where(Person.id.in_(people)))
        found = {pid: int(version) for pid, version in rows}
    return [found[p] for p in people]


async def _epoch(database: Database, org: uuid.UUID) -> int:
    async with database.sessionmaker() as s:
        value = await s.scalar(select(Organisation.facts_epoch).where(Organisation.id == org))
    return int(value or 0)


async def test_a_write_re_judges_only_the_people_it_changed(
    clients: Clients, world: World, session: AsyncSession, judged: Judged
) -> None:
    others = [await factories.person(session, world.org, f"P{i}", home=world.loc) for i in range(3)]
    shift = await factories.shift(session, world.loc, utc(MONDAY, 9), headcount=2)
    await session.commit()
    coord = await clients.as_user(world.coordinator)
    admin = await clients.as_user(world.admin)
    everyone = {world.staff.id, world.colleague.id, *(p.id for p in others)}

    await _grid(coord, world)
    assert judged == [everyone]

    # An assignment: the person placed, no one else.
    for person in (world.staff, world.colleague):
        r = await coord.post(
            f"/api/v1/shifts/{shift.id}/assignments", json={"person_id": str(person.id)}
        )
        assert r.status_code == 201, r.text
        body = await _grid(coord, world)
        assert judged[-1] == {person.id}
    assert len(body["shifts"][0]["assignments"]) == 2

    # The shift edited: both people on it.
    r = await coord.patch(f"/api/v1/shifts/{shift.id}", json={"break_minutes": 60})
    assert r.status_code == 200, r.text
    body = await _grid(coord, world)
    assert judged[-1] == {world.staff.id, world.colleague.id}
    assert {p["paid_minutes"] for p in body["people"] if p["id"] == str(world.staff.id)} == {420}

    # A new shift nobody holds: the grid is rebuilt (the shift shows), nobody judged.
    r = await coord.post(
        "/api/v1/shifts",
        json={
            "location_id": str(world.loc.id),
            "starts_at": utc(MONDAY, 30).isoformat(),
            "ends_at": utc(MONDAY, 38).isoformat(),
        },
    )
    assert r.status_code == 201, r.text
    before = len(judged)
    body = await _grid(coord, world)
    assert judged[before:] == []
    assert len(body["shifts"]) == 2

    # A person renamed: only them, and their seat shows the new name.
    r = await admin.patch(f"/api/v1/people/{world.colleague.id}", json={"display_name": "Cleo B"})
    assert r.status_code == 200, r.text
    body = await _grid(coord, world)
    assert judged[-1] == {world.colleague.id}
    names = {a["display_name"] for a in body["shifts"][0]["assignments"]}
    assert "Cleo B" in names

    # A weekly availability pattern replaced (a DELETE of that person's slots, then
    # new ones), and skills reset: only that person each time.
    colleague = await clients.as_user(world.colleague_user)
    pattern = {"slots": [{"weekday": 0, "start_time": "00:00", "end_time": "00:00"}]}
    pattern["slots"][0]["status"] = "unavailable"
    r = await colleague.put(f"/api/v1/availability/{world.colleague.id}/pattern", json=pattern)
    assert r.status_code == 200, r.text
    body = await _grid(coord, world)
    assert judged[-1] == {world.colleague.id}
    assert any(v["rule"] == "unavailable" for v in body["violations"])
    r = await admin.put(f"/api/v1/people/{world.staff.id}/skills", json=[])
    assert r.status_code == 200, r.text
    await _grid(coord, world)
    assert judged[-1] == {world.staff.id}

    # The organisation's rules: everyone.
    r = await admin.put(
        "/api/v1/compliance-rules/organisation",
        json={"rules": {"not_preferred": {"enabled": False}}},
    )
    assert r.status_code == 200, r.text
    await _grid(coord, world)
    assert judged[-1] == everyone

    # One person's own rule layer: only them.
    r = await admin.put(
        f"/api/v1/compliance-rules/people/{others[0].id}",
        json={"rules": {"max_shift_length": {"params": {"hours": 10}}}},
    )
    assert r.status_code == 200, r.text
    await _grid(coord, world)
    assert judged[-1] == {others[0].id}


async def test_counters_move_with_unit_of_work_and_bulk_writes(
    world: World, session: AsyncSession, database: Database
) -> None:
    shift = await factories.shift(session, world.loc, utc(MONDAY, 9), headcount=2)
    seat = await factories.assignment(session, shift, world.staff)
    await factories.assignment(session, shift, world.colleague)
    await session.commit()
    staff, colleague = world.staff.id, world.colleague.id
    before = await _facts_versions(database, staff, colleague, world.foreign_person.id)
    epoch = await _epoch(database, world.org.id)

    # A seat handed to someone else moves both: the one it was about and the new one.
    async with database.sessionmaker() as s:
        moved = await s.get(Assignment, seat.id)
        assert moved is not None
        moved.person_id = world.foreign_person.id  # any other person will do here
        await s.commit()
    after = await _facts_versions(database, staff, colleague, world.foreign_person.id)
    assert after == [before[0] + 1, before[1], before[2] + 1]
    assert await _epoch(database, world.org.id) == epoch

    # A shift deleted moves the people who held it (read before the cascade).
    async with database.sessionmaker() as s:
        gone = await s.get(type(shift), shift.id)
        await s.delete(gone)
        await s.commit()
    again = await _facts_versions(database, staff, colleague, world.foreign_person.id)
    assert again[1] == after[1] + 1
    assert await _epoch(database, world.org.id) == epoch

    # A bulk statement's rows are unknown: the epoch moves, no counter needs to.
    async with database.sessionmaker() as s:
        await s.execute(
            update(Person)
            .where(Person.organisation_id == world.org.id, Person.id == staff)
            .values(display_name="Bulk")
        )
        await s.commit()
    assert await _epoch(database, world.org.id) == epoch + 1

    # A DELETE of one person's rows moves only them; one that names them under an OR
    # may delete anyone's rows: the epoch moves.
    one = AvailabilitySlot.person_id == colleague
    async with database.sessionmaker() as s:
        await s.execute(delete(AvailabilitySlot).where(one))
        await s.commit()
    assert await _epoch(database, world.org.id) == epoch + 1
    assert (await _facts_versions(database, colleague))[0] == again[1] + 1
    async with database.sessionmaker() as s:
        await s.execute(delete(AvailabilitySlot).where(or_(one, AvailabilitySlot.weekday == 6)))
        await s.commit()
    assert await _epoch(database, world.org.id) == epoch + 2
    other_epoch = await _epoch(database, world.other_org.id)

    # Reading moves nothing.
    async with database.sessionmaker() as s:
        await s.scalar(select(Person.display_name).where(Person.id == staff))
        await s.commit()
    assert await _facts_versions(database, staff, colleague) == [again[0], again[1] + 1]
    assert await _epoch(database, world.org.id) == epoch + 2
    assert await _epoch(database, world.other_org.id) == other_epoch


async def test_after_a_bulk_write_everyone_is_judged(
    clients: Clients, world: World, session: AsyncSession, database: Database, judged: Judged
) -> None:
    shift = await factories.shift(session, world.loc, utc(MONDAY, 9))
    await factories.assignment(session, shift, world.staff)
    await session.commit()
    coord = await clients.as_user(world.coordinator)
    await _grid(coord, world)
    async with database.sessionmaker() as s:
        await s.execute(
            update(Assignment)
            .where(Assignment.organisation_id == world.org.id, Assignment.shift_id == shift.id)
            .values(ends_at=Assignment.ends_at)
        )
        await s.commit()
    await _grid(coord, world)
    assert judged[-1] == {world.staff.id, world.colleague.id}
