"""A run reads the facts its rules need: the whole rule period it touches.

A four-week rule period from Monday 25 February 2030 runs to Sunday 24 March. A run
over its last week (18-24 March) must count the 50 hours worked in its first week
(25 February - 1 March, more than 14 days before the run), so a proposed 6 more on
Wednesday 20 March (56 against a 55-hour maximum) is dropped by the run's re-check,
exactly as accepting it would be refused by place().
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from shiftwise.db import Database
from shiftwise.models import Organisation
from shiftwise.schedule_runs.inputs import load_inputs
from shiftwise.schedule_runs.recheck import recheck
from tests.fixtures.factories import World
from tests.schedule_runs.helpers import FOUR_WEEKS, PERIOD_ANCHOR, arrange_fifty_hours

RUN_START = date(2030, 3, 18)  # the rule period's last week


async def _arrange(database: Database, world: World) -> uuid.UUID:
    return await arrange_fifty_hours(database, world, FOUR_WEEKS, date(2030, 3, 20))


async def test_a_run_over_the_end_of_a_rule_period_counts_its_earlier_hours(
    world: World, database: Database
) -> None:
    shift_id = await _arrange(database, world)
    async with database.session(write=False) as s:
        inputs = await load_inputs(s, world.org.id, [world.loc.id], RUN_START, 7)
    # The facts reach back to the rule period's first day ...
    early = [a for a in inputs.facts[world.staff.id].assignments if a.local_date < RUN_START]
    first_week = [PERIOD_ANCHOR + timedelta(days=d) for d in range(5)]
    assert sorted(a.local_date for a in early) == first_week
    # ... so the 56th hour is refused by the run, not first by accept.
    checked = recheck(inputs, [(world.staff.id, shift_id)], [])
    assert [v.rule for _, found in checked.dropped for v in found] == ["max_hours_per_period"]
    assert (world.staff.id, shift_id) not in checked.kept


async def test_a_run_within_a_rule_period_accepts_what_fits(
    world: World, database: Database
) -> None:
    shift_id = await _arrange(database, world)
    async with database.session(write=True) as s:
        org = await s.get_one(Organisation, world.org.id)
        org.settings = {"rule_period": {"weeks": 4, "anchor_date": "2030-03-18"}}
    async with database.session(write=False) as s:
        inputs = await load_inputs(s, world.org.id, [world.loc.id], RUN_START, 7)
    # A period starting with the run: the February hours are another period's.
    checked = recheck(inputs, [(world.staff.id, shift_id)], [])
    assert [v.rule for _, found in checked.dropped for v in found] == []
    assert (world.staff.id, shift_id) in checked.kept
