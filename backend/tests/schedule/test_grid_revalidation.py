"""The week grid over HTTP: its ETag, 304 for an unchanged grid, gzip when accepted.

An ETag is only worth having if it changes with everything the grid shows: each kind
of write (assignment placed and cancelled, shift edited, time off approved, availability
changed, a rule changed) must make the next request with the old tag a 200 that shows it. Each such
answer is built once (the schedule version moved) and then served from the cache: the
same request again is a 304 without building (`builds` counts the grids built).

Each rebuild re-judges only the people whose facts the write changed, keeping the other
people's parts of the previous build: each answer must be byte for byte (same ETag) the
answer built from the parts stored in the database (as a process that has none of its
own builds it), and the answer built from scratch with nothing kept or stored.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest.mock import AsyncMock, patch

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.schedule import cache, grid, parts
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.schedule.helpers import MONDAY, utc

URL = "/api/v1/schedule"


def _params(world: World) -> dict[str, str]:
    return {"location_id": str(world.loc.id), "start_date": MONDAY.isoformat()}


async def _grid(c: httpx.AsyncClient, world: World, tag: str | None = None) -> httpx.Response:
    headers = {"If-None-Match": tag} if tag else {}
    return await c.get(URL, params=_params(world), headers=headers)


Builds = list[object]


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Builds:
    """One entry per grid actually built (facts loaded, rules judged)."""
    built: Builds = []
    real = grid._week_grid

    async def spy(*args: Any, **kwargs: Any) -> Any:
        built.append(args[2])
        return await real(*args, **kwargs)

    monkeypatch.setattr(grid, "_week_grid", spy)
    return built


async def _changed(
    c: httpx.AsyncClient, world: World, tag: str, builds: Builds | None = None
) -> tuple[str, dict[str, Any]]:
    before = len(builds) if builds is not None else 0
    r = await _grid(c, world, tag)
    assert r.status_code == 200, r.text
    assert r.headers["ETag"] != tag
    body: dict[str, Any] = r.json()
    if builds is not None:
        # Built once for the new version; asked again, it comes from the cache.
        assert len(builds) == before + 1
        assert (await _grid(c, world, r.headers["ETag"])).status_code == 304
        again = await _grid(c, world)
        assert again.status_code == 200
        assert again.json() == body
        assert len(builds) == before + 1
    # The same as a grid built by a process with nothing of its own (from what is
    # stored), and as one built from scratch, with nothing kept or stored.
    for stored in (True, False):
        parts.kept.clear()
        cache.grids.clear()
        with nothing_stored(enabled=not stored):
            again = await _grid(c, world)
        assert again.headers["ETag"] == r.headers["ETag"], f"stored={stored}"
        assert again.json() == body
    return r.headers["ETag"], body


@contextmanager
def nothing_stored(*, enabled: bool = True) -> Iterator[None]:
    """Stored grid parts are not read while the block runs."""
    if not enabled:
        yield
        return
    with patch.object(parts, "load", AsyncMock(return_value=None)):
        yield


def _rules_of(body: dict[str, Any], person_id: object) -> set[str]:
    return {v["rule"] for v in body["violations"] if v["records"]["person_id"] == str(person_id)}


async def test_unchanged_grid_is_a_304_and_gzip_is_the_same_json(
    clients: Clients, world: World, session: AsyncSession
) -> None:
    await factories.shift(session, world.loc, utc(MONDAY, 9))
    await session.commit()
    c = await clients.as_user(world.coordinator)
    first = await _grid(c, world)
    assert first.status_code == 200
    assert first.headers["Content-Encoding"] == "gzip"  # httpx asks for it
    tag = first.headers["ETag"]
    again = await _grid(c, world, tag)
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == tag
    plain = await c.get(URL, params=_params(world), headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert plain.json() == first.json()
    # Either representation's tag revalidates the other.
    assert (await _grid(c, world, plain.headers["ETag"])).status_code == 304
    assert json.loads(gzip.decompress(gzip.compress(plain.content))) == first.json()


async def test_every_kind_of_write_changes_the_grid_and_its_tag(
    clients: Clients, world: World, session: AsyncSession, builds: Builds
) -> None:
    shift = await factories.shift(session, world.loc, utc(MONDAY, 9))
    await session.commit()
    coord = await clients.as_user(world.coordinator)
    admin = await clients.as_user(world.admin)
    staff = await clients.as_user(world.staff_user)
    r = await _grid(coord, world)
    tag = r.headers["ETag"]
    assert r.json()["open_seats"] == 1

    # An assignment placed ...
    placed = await coord.post(
        f"/api/v1/shifts/{shift.id}/assignments", json={"person_id": str(world.staff.id)}
    )
    assert placed.status_code == 201, placed.text
    tag, body = await _changed(coord, world, tag, builds)
    assert body["open_seats"] == 0
    assert (await _grid(coord, world, tag)).status_code == 304

    # ... the shift edited (a 1-hour break) ...
    edited = await coord.patch(f"/api/v1/shifts/{shift.id}", json={"break_minutes": 60})
    assert edited.status_code == 200, edited.text
    tag, body = await _changed(coord, world, tag, builds)
    assert body["shifts"][0]["break_minutes"] == 60

    # ... availability changed: Sam is unavailable all Monday ...
    pattern = {"slots": [{"weekday": 0, "start_time": "00:00", "end_time": "00:00"}]}
    pattern["slots"][0]["status"] = "unavailable"
    put = await staff.put(f"/api/v1/availability/{world.staff.id}/pattern", json=pattern)
    assert put.status_code == 200, put.text
    tag, body = await _changed(coord, world, tag, builds)
    assert "unavailable" in _rules_of(body, world.staff.id)

    # ... a rule changed: availability no longer judged ...
    layer = {"rules": {"unavailable": {"enabled": False}}}
    ruled = await admin.put("/api/v1/compliance-rules/organisation", json=layer)
    assert ruled.status_code == 200, ruled.text
    tag, body = await _changed(coord, world, tag, builds)
    assert "unavailable" not in _rules_of(body, world.staff.id)

    # ... time off approved over the shift, releasing Sam's seat ...
    off = await staff.post(
        "/api/v1/time-off-requests",
        json={
            "kind": "vacation",
            "starts_at": utc(MONDAY, 0).isoformat(),
            "ends_at": utc(MONDAY, 24).isoformat(),
        },
    )
    assert off.status_code == 201, off.text
    approved = await coord.post(
        f"/api/v1/time-off-requests/{off.json()['id']}/approve",
        json={"release_assignments": True},
    )
    assert approved.status_code == 200, approved.text
    tag, body = await _changed(coord, world, tag, builds)
    assert body["open_seats"] == 1
    assert body["shifts"][0]["assignments"] == []

    # ... and an assignment placed and cancelled by hand.
    placed = await coord.post(
        f"/api/v1/shifts/{shift.id}/assignments", json={"person_id": str(world.colleague.id)}
    )
    assert placed.status_code == 201, placed.text
    tag, body = await _changed(coord, world, tag, builds)
    [seat] = body["shifts"][0]["assignments"]
    cancelled = await coord.post(f"/api/v1/assignments/{seat['id']}/cancel")
    assert cancelled.status_code == 200, cancelled.text
    tag, body = await _changed(coord, world, tag, builds)
    assert body["open_seats"] == 1
    assert body["shifts"][0]["assignments"] == []

    # ... a person's skills changed ...
    def skills_of(body: dict[str, Any], person_id: object) -> list[str]:
        [p] = [p for p in body["people"] if p["id"] == str(person_id)]
        return [s["skill_id"] for s in p["skills"]]

    assert skills_of(body, world.staff.id) == [str(world.skill.id)]
    held = await admin.put(f"/api/v1/people/{world.staff.id}/skills", json=[])
    assert held.status_code == 200, held.text
    tag, body = await _changed(coord, world, tag, builds)
    assert skills_of(body, world.staff.id) == []

    # ... the organisation's rule period changed ...
    period = {"weeks": 4, "anchor_date": MONDAY.isoformat()}
    org = await admin.patch("/api/v1/organisation", json={"settings": {"rule_period": period}})
    assert org.status_code == 200, org.text
    tag, body = await _changed(coord, world, tag, builds)

    # ... the shift published, then cancelled ...
    published = await coord.post(f"/api/v1/shifts/{shift.id}/publish")
    assert published.status_code == 200, published.text
    tag, body = await _changed(coord, world, tag, builds)
    assert body["shifts"][0]["state"] == "published"
    cancelled = await coord.post(f"/api/v1/shifts/{shift.id}/cancel")
    assert cancelled.status_code == 200, cancelled.text
    tag, body = await _changed(coord, world, tag, builds)
    assert body["shifts"] == []  # a cancelled shift leaves the grid

    # ... and a skill deleted: its holdings go by one bulk DELETE statement.
    assert skills_of(body, world.colleague.id) == [str(world.skill.id)]
    deleted = await admin.delete(f"/api/v1/skills/{world.skill.id}")
    assert deleted.status_code == 204, deleted.text
    tag, body = await _changed(coord, world, tag, builds)
    assert skills_of(body, world.colleague.id) == []
