"""GET /open-shifts: what staff may claim, with the rule engine's verdict."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import event

from shiftwise.db import Database
from shiftwise.models import Role, ShiftState
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.open_shifts.helpers import MONDAY, at, error_of, json_of

URL = "/api/v1/open-shifts"
WINDOW = {"start": MONDAY.isoformat(), "end": (MONDAY + timedelta(days=30)).isoformat()}


def ids(page: Any) -> list[str]:
    return [item["id"] for item in page["items"]]


@contextmanager
def counting(database: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def _count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(database.engine.sync_engine, "before_cursor_execute", _count)
    try:
        yield statements
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", _count)


async def test_staff_see_open_seats_they_qualify_for(
    clients: Clients, world: World, database: Database
) -> None:
    P = ShiftState.published
    async with database.session(write=True) as s:
        forklift = await factories.skill(s, world.org, "Forklift")
        open_ = await factories.shift(s, world.loc, at(0), skill=world.skill, headcount=2, state=P)
        no_skill = await factories.shift(s, world.other_loc, at(1), state=P)
        await factories.shift(s, world.loc, at(2), skill=world.skill)  # draft
        cancelled = await factories.shift(s, world.loc, at(3), skill=world.skill, state=P)
        cancelled.state = ShiftState.cancelled
        full = await factories.shift(s, world.loc, at(4), skill=world.skill, state=P)
        await factories.assignment(s, full, world.colleague)
        await factories.shift(s, world.loc, at(5), skill=forklift, state=P)  # not held
        mine = await factories.shift(s, world.loc, at(6), skill=world.skill, headcount=3, state=P)
        await factories.assignment(s, mine, world.staff)
        await factories.shift(s, world.loc, at(-30), skill=world.skill, state=P)  # past
        partly = await factories.shift(s, world.loc, at(8), skill=world.skill, headcount=2, state=P)
        await factories.assignment(s, partly, world.colleague)
        await factories.shift(s, world.foreign_loc, at(0), state=P)
    staff = await clients.as_user(world.staff_user)
    page = json_of(await staff.get(URL, params=WINDOW))
    assert ids(page) == [str(open_.id), str(no_skill.id), str(partly.id)]
    first, _, last = page["items"]
    assert (first["open_seats"], first["skill_name"], first["location_name"]) == (
        2,
        "Nurse",
        "North Clinic",
    )
    assert (last["assigned_count"], last["open_seats"]) == (1, 1)
    assert first["verdict"] == {"allowed": True, "violations": [], "warnings": []}
    only_south = json_of(
        await staff.get(URL, params=WINDOW | {"location_id": str(world.other_loc.id)})
    )
    assert ids(only_south) == [str(no_skill.id)]
    # Paged after filtering.
    second = json_of(await staff.get(URL, params=WINDOW | {"limit": 2}))
    assert (ids(second), second["next_offset"]) == (ids(page)[:2], 2)


async def test_skill_expiry_is_judged_on_the_shifts_local_date(
    clients: Clients, world: World, database: Database
) -> None:
    async with database.session(write=True) as s:
        ward = await factories.skill(s, world.org, "Ward")
        p_user = await factories.user(s, world.org, Role.staff)
        await factories.person(s, world.org, user=p_user, skills={ward: at(1).date()})
        # New York: 02:00 UTC on day 2 is still day 1 locally, within the expiry.
        late = await factories.shift(
            s, world.other_loc, at(2, 2), skill=ward, state=ShiftState.published
        )
        await factories.shift(s, world.loc, at(2, 9), skill=ward, state=ShiftState.published)
    c = await clients.as_user(p_user)
    assert ids(json_of(await c.get(URL, params=WINDOW))) == [str(late.id)]


async def test_verdict_names_the_rule_that_would_refuse(
    clients: Clients, world: World, database: Database
) -> None:
    async with database.session(write=True) as s:
        mine = await factories.shift(s, world.loc, at(0, 8), state=ShiftState.published)
        await factories.assignment(s, mine, world.staff)
        clash = await factories.shift(s, world.other_loc, at(0, 12), state=ShiftState.published)
        short_rest = await factories.shift(s, world.loc, at(1, 0), 6, state=ShiftState.published)
    staff = await clients.as_user(world.staff_user)
    items = {i["id"]: i["verdict"] for i in json_of(await staff.get(URL, params=WINDOW))["items"]}
    assert items[str(clash.id)]["allowed"] is False
    assert "overlap" in [v["rule"] for v in items[str(clash.id)]["violations"]]
    assert [v["rule"] for v in items[str(short_rest.id)]["violations"]] == ["min_rest"]


async def test_verdicts_cost_a_fixed_number_of_statements(
    clients: Clients, world: World, database: Database
) -> None:
    staff = await clients.as_user(world.staff_user)

    async def statements_for(shifts: int, offset: int) -> int:
        async with database.session(write=True) as s:
            for i in range(shifts):
                await factories.shift(
                    s, world.loc, at(offset + i), skill=world.skill, state=ShiftState.published
                )
        window = {"start": at(offset, 0).isoformat(), "end": at(offset + 14, 0).isoformat()}
        with counting(database) as seen:
            page = json_of(await staff.get(URL, params=window))
        assert len(page["items"]) == shifts
        return len(seen)

    assert await statements_for(2, 0) == await statements_for(12, 40)


async def test_coordinators_and_admins_see_open_seats_without_verdicts(
    clients: Clients, world: World, database: Database
) -> None:
    async with database.session(write=True) as s:
        north = await factories.shift(
            s, world.loc, at(0), skill=world.skill, state=ShiftState.published
        )
        south = await factories.shift(s, world.other_loc, at(1), state=ShiftState.published)
    coord = await clients.as_user(world.coordinator)
    page = json_of(await coord.get(URL, params=WINDOW))
    assert ids(page) == [str(north.id)]
    assert page["items"][0]["verdict"] is None
    r = await coord.get(URL, params=WINDOW | {"location_id": str(world.other_loc.id)})
    assert error_of(r) == (403, "forbidden")
    admin = await clients.as_user(world.admin)
    assert ids(json_of(await admin.get(URL, params=WINDOW))) == [str(north.id), str(south.id)]
    foreign = await clients.as_user(world.foreign_admin)
    assert ids(json_of(await foreign.get(URL, params=WINDOW))) == []


async def test_bad_windows_name_the_field(clients: Clients, world: World) -> None:
    staff = await clients.as_user(world.staff_user)
    r = await staff.get(URL, params={"start": at(2).isoformat(), "end": at(1).isoformat()})
    assert error_of(r) == (422, "validation_error")
    assert r.json()["fields"][0]["field"] == "query.end"
    r = await staff.get(URL, params={"start": at(0).isoformat(), "end": at(100).isoformat()})
    assert r.json()["fields"][0]["code"] == "too_long"
    assert (await clients.anonymous().get(URL)).status_code == 401
