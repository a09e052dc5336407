"""The gateway judges the organisation's rule period holding the shift, on every path.

A single check (place(), check_people_on_shift) adds up the whole period, however far
back in it the person's other hours are, and counts the weekends worked around it.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from shiftwise.assignments.service import place
from shiftwise.db import Database
from shiftwise.errors import Conflict
from shiftwise.models import AssignmentSource, ComplianceRuleSetting, Organisation
from shiftwise.scheduling.verdict import check_people_on_shift
from tests.assignments.helpers import T0, at
from tests.fixtures import factories
from tests.fixtures.factories import World

DAY = 24  # hours
# T0 is Monday 4 March 2030 09:00 (London = UTC then): the anchor of four-week periods.
FOUR_WEEKS = {"weeks": 4, "anchor_date": "2030-03-04"}


async def arrange(
    database: Database, world: World, rule_period: dict[str, Any] | None, layer: dict[str, Any]
) -> None:
    async with database.session(write=True) as s:
        org = await s.get_one(Organisation, world.org.id)
        org.settings = {"rule_period": rule_period} if rule_period else {}
        s.add(
            ComplianceRuleSetting(
                id=uuid.uuid4(),
                organisation_id=world.org.id,
                scope_key="organisation",
                rules=layer,
            )
        )


async def work(database: Database, world: World, starts: list[float], hours: float) -> None:
    """Sam works a shift of `hours` at each start (hours after T0)."""
    async with database.session(write=True) as s:
        for h in starts:
            await factories.assignment(
                s, await factories.shift(s, world.loc, at(h), hours), world.staff
            )


MAX_55_PER_PERIOD = {"max_hours_per_period": {"enabled": True, "params": {"hours": 55}}}


async def test_max_hours_per_period_refuses_one_assignment_weeks_later_in_the_period(
    world: World, database: Database
) -> None:
    await arrange(database, world, FOUR_WEEKS, MAX_55_PER_PERIOD)
    # 50 h in the period's first week (Mon–Fri, 10 h each) ...
    await work(database, world, [d * DAY for d in range(5)], 10)
    async with database.session(write=True) as s:
        # ... and 6 h on its fourth Thursday, three weeks boundaries later: 56 h.
        late = await factories.shift(s, world.loc, at(24 * DAY), 6)
        # The same shift a week later is in the next period.
        next_period = await factories.shift(s, world.loc, at(31 * DAY), 6)
    with pytest.raises(Conflict) as refused:
        async with database.session(write=True) as s:
            await place(
                s, None, late, world.staff.id, source=AssignmentSource.manual, may_override=False
            )
    [v] = refused.value.violations or []
    assert v.rule == "max_hours_per_period"
    assert v.records["amount"] == "56.00"
    assert v.records["limit"] == "55.00"
    assert v.records["local_date"] == "2030-03-04"
    assert len(v.records["shift_ids"]) == 6

    async with database.session(write=False) as s:
        found = await check_people_on_shift(
            s, world.org.id, next_period, world.loc.time_zone, [world.staff.id]
        )
    assert found == {world.staff.id: []}


async def test_the_calendar_month_is_the_default_period(world: World, database: Database) -> None:
    await arrange(database, world, None, MAX_55_PER_PERIOD)
    await work(database, world, [d * DAY for d in range(5)], 10)  # 4–8 March
    async with database.session(write=True) as s:
        in_march = await factories.shift(s, world.loc, at(24 * DAY), 6)  # 28 March
        in_april = await factories.shift(s, world.loc, at(28 * DAY), 6)  # 1 April
    async with database.session(write=False) as s:
        march = await check_people_on_shift(
            s, world.org.id, in_march, world.loc.time_zone, [world.staff.id]
        )
        april = await check_people_on_shift(
            s, world.org.id, in_april, world.loc.time_zone, [world.staff.id]
        )
    [v] = march[world.staff.id]
    assert (v.code.value, v.amount, v.local_date.isoformat() if v.local_date else None) == (
        "max_hours_per_period",
        Decimal("56.00"),
        "2030-03-01",
    )
    assert april[world.staff.id] == []


async def test_weekends_worked_earlier_in_the_period_are_counted(
    world: World, database: Database
) -> None:
    # The default: at most 2 weekends in any 4 (soft). Sam worked the first two
    # Saturdays of the period; the fourth would be a third in four weekends, though
    # the first is 21 days before it.
    await arrange(database, world, FOUR_WEEKS, {})
    await work(database, world, [5 * DAY, 12 * DAY], 8)
    async with database.session(write=True) as s:
        fourth_saturday = await factories.shift(s, world.loc, at(26 * DAY), 8)
        fourth_friday = await factories.shift(s, world.loc, at(25 * DAY), 8)
    async with database.session(write=False) as s:
        found = await check_people_on_shift(
            s, world.org.id, fourth_saturday, world.loc.time_zone, [world.staff.id]
        )
        weekday = await check_people_on_shift(
            s, world.org.id, fourth_friday, world.loc.time_zone, [world.staff.id]
        )
    [v] = found[world.staff.id]
    assert (v.code.value, v.severity.value, v.amount) == ("max_weekends", "soft", Decimal(3))
    assert v.local_date == (T0 + timedelta(days=5)).date()
    assert len(v.shift_ids) == 3
    assert weekday[world.staff.id] == []
