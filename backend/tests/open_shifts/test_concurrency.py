"""Capacity is exact when many people claim one shift at once."""

from __future__ import annotations

from collections import Counter

import pytest

from shiftwise.db import Database
from shiftwise.models import Role, ShiftState
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.open_shifts.helpers import at, gather, statuses
from tests.open_shifts.test_claim import live_on, url


@pytest.mark.parametrize("round_", range(2))
async def test_twenty_claims_for_three_seats(
    clients: Clients, world: World, database: Database, round_: int
) -> None:
    async with database.session(write=True) as s:
        shift = await factories.shift(
            s, world.loc, at(round_), skill=world.skill, headcount=3, state=ShiftState.published
        )
        users = []
        for _ in range(20):
            u = await factories.user(s, world.org, Role.staff)
            await factories.person(s, world.org, user=u, skills={world.skill: None})
            users.append(u)
    staff = [await clients.as_user(u) for u in users]
    results = await gather(*(c.post(url(shift.id)) for c in staff))
    assert statuses(results) == Counter({201: 3, 409: 17})
    assert {r.json()["error"] for r in results if r.status_code == 409} == {"shift_full"}
    assert await live_on(database, shift.id) == 3
