"""Grid parts stored in the database (schedule/parts.py) and kept judged by the worker
(schedule/warm.py).

A process with no parts of its own for a grid (just started, or another API process)
rebuilds it from the stored parts, re-judging only the people whose facts changed since;
parts of another facts epoch or of other code are never read; a process writes its
parts back once it has judged a tenth of the people since they were stored, never over
parts of a newer epoch. After a change to everyone's rules the worker judges the
current weeks again before anyone asks. Every answer equals a build from scratch
(test_grid_revalidation.py checks that write by write).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.kit.time import utcnow
from shiftwise.models import GridParts, Location, Organisation, OutboxEvent, Shift
from shiftwise.schedule import cache, grid, parts, warm
from shiftwise.worker.actors import load_actors
from shiftwise.worker.executor import Outcome
from shiftwise.worker.scheduler import periodic_jobs
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.schedule.helpers import MONDAY, Judged, utc
from tests.worker.helpers import RecordingPublisher, drain

URL = "/api/v1/schedule"


@pytest.fixture
def saves(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many people's parts each store after an answer held."""
    seen: list[int] = []
    real = parts.save_quietly

    async def spy(*args: Any, **kwargs: Any) -> None:
        seen.append(len(args[-1].people))
        await real(*args, **kwargs)

    monkeypatch.setattr(parts, "save_quietly", spy)
    return seen


def _forget_in_process() -> None:
    """As a process that never built the grid: nothing kept, no answer cached."""
    parts.kept.clear()
    cache.grids.clear()


async def _grid(c: httpx.AsyncClient, loc: Location, start: date = MONDAY) -> bytes:
    r = await c.get(URL, params={"location_id": str(loc.id), "start_date": start.isoformat()})
    assert r.status_code == 200, r.text
    return r.content


async def _stored(database: Database, loc: Location) -> dict[date, tuple[int, int]]:
    """The stored grids of the location: start date → (facts epoch, people)."""
    async with database.sessionmaker() as s:
        rows = await s.execute(
            select(GridParts.start_date, GridParts.facts_epoch, GridParts.people).where(
                GridParts.location_id == loc.id
            )
        )
        return {start: (int(epoch), int(n)) for start, epoch, n in rows}


async def _epoch(database: Database, world: World) -> int:
    async with database.sessionmaker() as s:
        found = await s.scalar(
            select(Organisation.facts_epoch).where(Organisation.id == world.org.id)
        )
        return int(found or 0)


async def _people(session: AsyncSession, world: World, n: int) -> list[uuid.UUID]:
    ids = []
    for i in range(n):
        p = await factories.person(session, world.org, f"Person {i:02d}", home=world.loc)
        ids.append(p.id)
    shift = await factories.shift(session, world.loc, utc(MONDAY, 9), headcount=2)
    await factories.assignment(session, shift, world.staff)
    await session.commit()
    return ids


async def test_a_process_with_nothing_of_its_own_rebuilds_from_the_stored_parts(
    clients: Clients, world: World, session: AsyncSession, database: Database, judged: Judged
) -> None:
    await _people(session, world, 3)
    coord = await clients.as_user(world.coordinator)
    first = await _grid(coord, world.loc)
    assert len(judged) == 1
    assert len(judged[0]) == 5
    assert list((await _stored(database, world.loc)).values()) == [
        (await _epoch(database, world), 5)
    ]

    _forget_in_process()
    again = await _grid(coord, world.loc)
    assert len(judged) == 1  # nobody judged: every part came from the database
    assert again == first

    # A write changes one person's facts: only they are judged, whatever the process.
    shift = await session.scalar(select(Shift).where(Shift.location_id == world.loc.id))
    assert shift is not None
    r = await coord.post(f"/api/v1/shifts/{shift.id}/cancel")
    assert r.status_code == 200, r.text
    _forget_in_process()
    await _grid(coord, world.loc)
    assert judged[-1] == {world.staff.id}


async def test_parts_of_another_epoch_or_other_code_are_not_read(
    clients: Clients,
    world: World,
    session: AsyncSession,
    database: Database,
    judged: Judged,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    everyone = {world.staff.id, world.colleague.id, *await _people(session, world, 2)}
    coord = await clients.as_user(world.coordinator)
    admin = await clients.as_user(world.admin)
    await _grid(coord, world.loc)

    # Everyone's rules change: the epoch moves and the stored parts no longer hold.
    r = await admin.put(
        "/api/v1/compliance-rules/organisation",
        json={"rules": {"not_preferred": {"enabled": False}}},
    )
    assert r.status_code == 200, r.text
    _forget_in_process()
    await _grid(coord, world.loc)
    assert judged[-1] == everyone
    assert list((await _stored(database, world.loc)).values()) == [
        (await _epoch(database, world), 4)
    ]

    # Other code (a deploy): not read either.
    monkeypatch.setattr(parts, "FINGERPRINT", "0" * 32)
    _forget_in_process()
    await _grid(coord, world.loc)
    assert judged[-1] == everyone


async def test_parts_are_stored_once_a_tenth_of_the_people_were_judged(
    clients: Clients,
    world: World,
    session: AsyncSession,
    database: Database,
    judged: Judged,
    saves: list[int],
) -> None:
    people = await _people(session, world, 20)  # 22 shown: stored every 2 judged
    coord = await clients.as_user(world.coordinator)
    await _grid(coord, world.loc)
    assert saves == [22]

    async def edit(person_id: uuid.UUID) -> None:
        slot = {"weekday": 0, "start_time": "00:00", "end_time": "06:00", "status": "unavailable"}
        r = await coord.put(f"/api/v1/availability/{person_id}/pattern", json={"slots": [slot]})
        assert r.status_code == 200, r.text
        await _grid(coord, world.loc)

    await edit(people[0])
    assert judged[-1] == {people[0]}
    assert saves == [22]  # one judged since: not yet
    await edit(people[1])
    assert judged[-1] == {people[1]}
    assert saves == [22, 22]  # two: stored

    # A process with nothing of its own re-judges nobody: the store is current.
    _forget_in_process()
    builds = len(judged)
    await _grid(coord, world.loc)
    assert len(judged) == builds


async def test_older_judgements_never_replace_newer_ones(
    world: World, session: AsyncSession, database: Database
) -> None:
    await _people(session, world, 1)
    async with database.sessionmaker() as s:
        loc = await s.get(Location, world.loc.id)
        assert loc is not None
        _, built = await grid.judged_parts(s, world.org.id, loc, MONDAY, 7, None, 5)
    key = (world.org.id, world.loc.id, MONDAY, 7)
    await parts.save(database, key, built)
    await parts.save(database, key, parts.Parts(4, {}))
    assert await _stored(database, world.loc) == {MONDAY: (5, 3)}
    await parts.save(database, key, parts.Parts(6, {}))
    assert await _stored(database, world.loc) == {MONDAY: (6, 0)}
    async with database.sessionmaker() as s:
        found = await parts.load(s, world.org.id, world.loc.id, MONDAY, 7, 6)
        assert found is not None
        assert found.people == {}
        assert await parts.load(s, world.other_org.id, world.loc.id, MONDAY, 7, 6) is None
        assert await parts.load(s, world.org.id, world.loc.id, MONDAY, 7, 5) is None


NOW = datetime(2030, 3, 6, 12, tzinfo=UTC)  # a Wednesday: its week starts on MONDAY


async def test_the_worker_judges_the_current_weeks_and_then_has_nothing_to_do(
    world: World, session: AsyncSession, database: Database
) -> None:
    archived = await factories.location(session, world.org, "Closed")
    archived.archived_at = NOW
    await _people(session, world, 1)
    weeks = [MONDAY + timedelta(weeks=w) for w in range(warm.WEEKS_AHEAD + 1)]

    judged = await warm.keep_judged(database, world.org.id, NOW)
    assert judged == 2 * len(weeks)  # both open locations of the organisation
    assert sorted(await _stored(database, world.loc)) == weeks
    assert await _stored(database, world.other_loc) != {}
    assert await _stored(database, archived) == {}
    assert await _stored(database, world.foreign_loc) == {}  # another organisation's
    assert await warm.keep_judged(database, world.org.id, NOW) == 0

    # A grid someone opened, not yet over, is kept judged too; one that is over is not.
    before = await _epoch(database, world)
    async with database.sessionmaker() as s:
        loc = await s.get(Location, world.loc.id)
        assert loc is not None
        for start in (MONDAY + timedelta(weeks=6), MONDAY - timedelta(weeks=1)):
            _, built = await grid.judged_parts(s, world.org.id, loc, start, 7, None, before)
            await parts.save(database, (world.org.id, loc.id, start, 7), built)
    async with database.sessionmaker() as s:
        await s.execute(
            update(Organisation)
            .where(Organisation.id == world.org.id)
            .values(facts_epoch=Organisation.facts_epoch + 1)
        )
        await s.commit()
    assert await warm.keep_judged(database, world.org.id, NOW) == 2 * len(weeks) + 1
    stored = await _stored(database, world.loc)
    after = await _epoch(database, world)
    assert after > before
    assert {stored[week][0] for week in weeks} == {after}
    assert stored[MONDAY + timedelta(weeks=6)][0] == after
    assert stored[MONDAY - timedelta(weeks=1)][0] == before


async def test_a_grid_the_worker_judged_is_answered_without_judging(
    clients: Clients,
    world: World,
    session: AsyncSession,
    database: Database,
    judged: Judged,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await _people(session, world, 2)
    coord = await clients.as_user(world.coordinator)
    await warm.keep_judged(database, world.org.id, NOW)
    _forget_in_process()
    judged.clear()
    body = await _grid(coord, world.loc)
    assert judged == []

    async def nothing_stored(*args: Any, **kwargs: Any) -> None:
        return None

    monkeypatch.setattr(parts, "load", nothing_stored)
    _forget_in_process()
    assert await _grid(coord, world.loc) == body  # as built from scratch
    assert len(judged) == 1


async def test_a_change_to_everyones_rules_asks_the_worker_at_once(
    clients: Clients, world: World, database: Database, settings: Settings
) -> None:
    admin = await clients.as_user(world.admin)

    async def jobs() -> int:
        async with database.sessionmaker() as s:
            found = await s.scalars(
                select(OutboxEvent).where(
                    OutboxEvent.topic == warm.ACTOR, OutboxEvent.organisation_id == world.org.id
                )
            )
            return len(found.all())

    r = await admin.put(
        f"/api/v1/compliance-rules/people/{world.staff.id}",
        json={"rules": {"max_shift_length": {"params": {"hours": 10}}}},
    )
    assert r.status_code == 200, r.text
    assert await jobs() == 0  # one person's rules: their parts only, on demand
    r = await admin.put(
        f"/api/v1/compliance-rules/locations/{world.loc.id}",
        json={"rules": {"not_preferred": {"enabled": False}}},
    )
    assert r.status_code == 200, r.text
    assert await jobs() == 1
    load_actors()
    assert periodic_jobs()[warm.ACTOR].every == warm.EVERY

    # Run as the worker runs it: the current week and the WEEKS_AHEAD after it, at the new
    # epoch.
    outcomes = await drain(database, settings, RecordingPublisher())
    assert Outcome.done in outcomes
    assert set(outcomes) <= {Outcome.done}
    today = utcnow().astimezone(ZoneInfo(world.loc.time_zone)).date()
    first = warm.week_of(today, world.org.week_start)
    stored = await _stored(database, world.loc)
    assert sorted(stored) == [first + timedelta(weeks=w) for w in range(warm.WEEKS_AHEAD + 1)]
    assert {epoch for epoch, _ in stored.values()} == {await _epoch(database, world)}


async def test_after_a_rule_change_a_process_takes_what_the_worker_judged(
    clients: Clients, world: World, session: AsyncSession, database: Database, judged: Judged
) -> None:
    """Its own parts are of the old epoch (as in an API process beside the worker): the
    stored ones of the new epoch are read instead of judging everyone."""
    await _people(session, world, 2)
    coord = await clients.as_user(world.coordinator)
    admin = await clients.as_user(world.admin)
    await _grid(coord, world.loc)
    key = (world.org.id, world.loc.id, MONDAY, 7)
    own = parts.kept.get(key)
    assert own is not None
    r = await admin.put(
        "/api/v1/compliance-rules/organisation",
        json={"rules": {"not_preferred": {"enabled": False}}},
    )
    assert r.status_code == 200, r.text
    assert await warm.keep_judged(database, world.org.id, NOW) > 0
    parts.kept.put(key, own)
    cache.grids.clear()
    builds = len(judged)
    await _grid(coord, world.loc)
    assert len(judged) == builds
