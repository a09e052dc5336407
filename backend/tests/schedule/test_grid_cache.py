"""The week grid's server-side cache and the schedule version it is keyed by.

A hit reads the location and the version (one statement after authentication) and no
fact; a write of any organisation bumps only that organisation's version, in its own
transaction, including writes by bulk statements that never appear in the session's
new/dirty/deleted objects; a read-only transaction bumps nothing.
"""

from __future__ import annotations

import uuid
from datetime import date

import httpx
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.db import Database
from shiftwise.models import Location, Organisation, Shift
from shiftwise.schedule import cache
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.schedule.helpers import MONDAY, counting, utc

URL = "/api/v1/schedule"


async def _version(database: Database, organisation_id: uuid.UUID) -> int:
    async with database.sessionmaker() as s:
        value = await s.scalar(
            select(Organisation.schedule_version).where(Organisation.id == organisation_id)
        )
    assert value is not None
    return int(value)


async def _grid(
    c: httpx.AsyncClient, loc: Location, tag: str | None = None, start: date = MONDAY
) -> httpx.Response:
    headers = {"If-None-Match": tag} if tag else {}
    params = {"location_id": str(loc.id), "start_date": start.isoformat()}
    return await c.get(URL, params=params, headers=headers)


def _grid_tables(statements: list[str]) -> list[str]:
    """Statements that read what only a built grid needs."""
    words = ("assignments", "availability_slots", "time_off_requests", "compliance_rule")
    return [s for s in statements if any(w in s for w in words)]


async def test_an_unchanged_grid_is_answered_from_the_cache_without_facts(
    clients: Clients, world: World, session: AsyncSession, database: Database
) -> None:
    await factories.shift(session, world.loc, utc(MONDAY, 9))
    await session.commit()
    coord = await clients.as_user(world.coordinator)
    async with counting(database) as cold:
        first = await _grid(coord, world.loc)
    assert first.status_code == 200
    assert _grid_tables(cold)  # built: facts loaded
    version = await _version(database, world.org.id)
    assert first.headers["ETag"].startswith(f'"{version}-')

    async with counting(database) as warm:
        again = await _grid(coord, world.loc)
        revalidated = await _grid(coord, world.loc, first.headers["ETag"])
    assert again.status_code == 200
    assert again.content == first.content
    assert again.headers["ETag"] == first.headers["ETag"]
    assert revalidated.status_code == 304
    assert _grid_tables(warm) == []
    assert sum("schedule_version" in s for s in warm) == 2  # one read per request
    # Reading (and building) bumps nothing.
    assert await _version(database, world.org.id) == version

    # Authorisation is checked before the cache: the other location's coordinator and
    # another organisation are still refused the cached grid.
    other = await clients.as_user(world.other_coordinator)
    assert (await _grid(other, world.loc)).status_code == 403
    foreign = await clients.as_user(world.foreign_admin)
    assert (await _grid(foreign, world.loc)).status_code == 404


async def test_organisations_have_their_own_versions_and_entries(
    clients: Clients, world: World, session: AsyncSession, database: Database
) -> None:
    shift = await factories.shift(session, world.loc, utc(MONDAY, 9))
    await factories.shift(session, world.foreign_loc, utc(MONDAY, 10))
    await session.commit()
    ours = await clients.as_user(world.coordinator)
    theirs = await clients.as_user(world.foreign_admin)
    a = await _grid(ours, world.loc)
    b = await _grid(theirs, world.foreign_loc)
    assert a.json()["location"]["id"] != b.json()["location"]["id"]
    keys = [k for k in cache.grids._entries if k[1] in (world.loc.id, world.foreign_loc.id)]
    assert {k[0] for k in keys} == {world.org.id, world.other_org.id}

    before = await _version(database, world.other_org.id)
    ours_before = await _version(database, world.org.id)
    edited = await ours.patch(f"/api/v1/shifts/{shift.id}", json={"notes": "ours"})
    assert edited.status_code == 200, edited.text
    assert await _version(database, world.org.id) == ours_before + 1
    assert await _version(database, world.other_org.id) == before
    # Their grid is still the cached one; ours is rebuilt.
    assert (await _grid(theirs, world.foreign_loc, b.headers["ETag"])).status_code == 304
    r = await _grid(ours, world.loc, a.headers["ETag"])
    assert r.status_code == 200
    assert r.json()["shifts"][0]["notes"] == "ours"


async def test_bulk_statements_bump_the_version(
    clients: Clients, world: World, session: AsyncSession, database: Database
) -> None:
    shift = await factories.shift(session, world.loc, utc(MONDAY, 9))
    await session.commit()
    coord = await clients.as_user(world.coordinator)
    tag = (await _grid(coord, world.loc)).headers["ETag"]
    ours, theirs = (
        await _version(database, world.org.id),
        await _version(database, world.other_org.id),
    )

    # An UPDATE naming the organisation bumps only that organisation.
    async with database.sessionmaker() as s:
        await s.execute(
            update(Shift)
            .where(Shift.organisation_id == world.org.id, Shift.id == shift.id)
            .values(notes="bulk")
        )
        await s.commit()
    assert await _version(database, world.org.id) == ours + 1
    assert await _version(database, world.other_org.id) == theirs
    r = await _grid(coord, world.loc, tag)
    assert r.status_code == 200
    assert r.json()["shifts"][0]["notes"] == "bulk"
    tag = r.headers["ETag"]

    # A DELETE that cannot be told apart by organisation bumps every organisation.
    async with database.sessionmaker() as s:
        await s.execute(delete(Shift).where(Shift.id == shift.id))
        await s.commit()
    assert await _version(database, world.org.id) == ours + 2
    assert await _version(database, world.other_org.id) == theirs + 1
    r = await _grid(coord, world.loc, tag)
    assert r.status_code == 200
    assert r.json()["shifts"] == []

    # A rolled-back write bumps nothing.
    async with database.sessionmaker() as s:
        mine = Shift.organisation_id == world.org.id
        await s.execute(update(Shift).where(mine).values(notes="x"))
        await s.rollback()
    assert await _version(database, world.org.id) == ours + 2


def test_the_cache_is_bounded_and_drops_older_versions() -> None:
    grids = cache.GridCache(max_entries=2)
    org, loc = uuid.uuid4(), uuid.uuid4()
    one = cache.Answer.of(b"{}", 1)
    grids.put((org, loc, MONDAY, 7, 1), one)
    grids.put((org, loc, MONDAY, 7, 2), cache.Answer.of(b"[]", 2))
    assert grids.get((org, loc, MONDAY, 7, 1)) is None  # superseded
    assert len(grids) == 1
    grids.put((org, loc, MONDAY, 14, 2), one)
    grids.put((org, loc, MONDAY, 21, 2), one)
    assert len(grids) == 2
    assert grids.get((org, loc, MONDAY, 7, 2)) is None  # least recently used, evicted
    assert grids.get((org, loc, MONDAY, 21, 2)) is one
