"""A schedule run's re-check judges the organisation's rule period, as place() will.

A four-week period from Monday 25 February 2030 runs to Sunday 24 March: 50 hours in
its first week and 6 more on Wednesday 6 March make 56 against a 55-hour maximum. The
calendar month (March: 16 hours) or the run's own week (6 hours) would let it through,
and accepting the proposal would then be refused by place().
"""

from __future__ import annotations

import uuid
from datetime import date

from shiftwise.db import Database
from shiftwise.schedule_runs.inputs import load_inputs
from shiftwise.schedule_runs.recheck import recheck
from tests.fixtures.factories import World
from tests.schedule_runs.helpers import FOUR_WEEKS, arrange_fifty_hours

RUN_START = date(2030, 3, 4)


async def _arrange(database: Database, world: World, rule_period: dict[str, object]) -> uuid.UUID:
    return await arrange_fifty_hours(database, world, rule_period, date(2030, 3, 6))


async def _recheck(database: Database, world: World, shift_id: uuid.UUID) -> list[str]:
    async with database.session(write=False) as s:
        inputs = await load_inputs(s, world.org.id, [world.loc.id], RUN_START, 7)
    checked = recheck(inputs, [(world.staff.id, shift_id)], [])
    return [v.rule for _, found in checked.dropped for v in found]


async def test_recheck_drops_an_addition_over_a_four_week_period(
    world: World, database: Database
) -> None:
    shift_id = await _arrange(database, world, FOUR_WEEKS)
    assert await _recheck(database, world, shift_id) == ["max_hours_per_period"]


async def test_recheck_keeps_it_under_the_calendar_month(world: World, database: Database) -> None:
    shift_id = await _arrange(database, world, {"months": 1})
    assert await _recheck(database, world, shift_id) == []
