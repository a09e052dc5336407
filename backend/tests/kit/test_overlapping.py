"""`overlapping`: what overlaps a window, with the start bounded on both sides.

The lower bound on `starts_at` (window start minus the longest shift) keeps an index
on (person or location, starts_at) from being read from the first row ever; these
tests pin that it never loses a row that overlaps: a shift of the longest length that
started just before the window is still found, one ending as the window starts is not.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from shiftwise.db import Database
from shiftwise.kit.repository import overlapping
from shiftwise.models import Assignment, Shift, ShiftState
from shiftwise.models.shift import MAX_SHIFT_LENGTH
from shiftwise.scheduling.facts import NO_CONTEXT, load_people_facts
from tests.assignments.helpers import at
from tests.conftest import db_backend
from tests.fixtures import factories
from tests.fixtures.factories import World

LONGEST = MAX_SHIFT_LENGTH.total_seconds() / 3600


async def test_a_longest_shift_started_before_the_window_overlaps_it(
    world: World, database: Database
) -> None:
    start, end = at(100), at(124)
    async with database.session(write=True) as s:
        shifts = {
            # started a whole longest-shift before, ends one minute into the window
            "longest, into the window": await factories.shift(
                s, world.loc, start - MAX_SHIFT_LENGTH + timedelta(minutes=1), LONGEST
            ),
            "longest, ending as it starts": await factories.shift(
                s, world.loc, start - MAX_SHIFT_LENGTH, LONGEST
            ),
            "inside": await factories.shift(s, world.loc, start + timedelta(hours=2), 8),
            "across the end": await factories.shift(s, world.loc, end - timedelta(hours=1), 8),
            "starting as it ends": await factories.shift(s, world.loc, end, 8),
            "a year before": await factories.shift(s, world.loc, start - timedelta(days=365), 8),
        }
        # Two people: no one person may hold overlapping shifts (PostgreSQL refuses it).
        for name, shift in shifts.items():
            later = name in ("longest, ending as it starts", "starting as it ends")
            await factories.assignment(s, shift, world.colleague if later else world.staff)
    names: dict[object, str] = {shift.id: name for name, shift in shifts.items()}
    expected = {"longest, into the window", "inside", "across the end"}
    async with database.session(write=False) as s:
        found_shifts = await s.scalars(
            select(Shift.id).where(overlapping(Shift.starts_at, Shift.ends_at, start, end))
        )
        assert {names[i] for i in found_shifts} == expected
        found_assignments = await s.scalars(
            select(Assignment.shift_id).where(
                overlapping(Assignment.starts_at, Assignment.ends_at, start, end)
            )
        )
        assert {names[i] for i in found_assignments} == expected
        open_ended = await s.scalars(
            select(Shift.id).where(overlapping(Shift.starts_at, Shift.ends_at, start))
        )
        assert {names[i] for i in open_ended} == expected | {"starting as it ends"}
        # The rule engine's facts read the same way: the longest shift is context for
        # rest and overlap on the window's first day.
        facts = await load_people_facts(
            s, world.org.id, [world.staff.id, world.colleague.id], start, end, context=NO_CONTEXT
        )
        assert {names[f.id] for f in facts[world.staff.id].assignments} == expected
        assert facts[world.colleague.id].assignments == ()


@pytest.mark.skipif(
    db_backend() != "postgresql", reason="the CHECK is PostgreSQL's (migration 0009)"
)
async def test_the_database_refuses_a_shift_longer_than_the_longest(
    world: World, database: Database
) -> None:
    """What the lower bound relies on, where no service check stands in the way."""
    start = at(10)
    too_long = start + MAX_SHIFT_LENGTH + timedelta(minutes=1)
    with pytest.raises(IntegrityError, match="ck_shifts_at_most_a_day"):
        async with database.session(write=True) as s:
            await s.execute(
                insert(Shift).values(
                    id=uuid.uuid4(),
                    organisation_id=world.org.id,
                    location_id=world.loc.id,
                    starts_at=start,
                    ends_at=too_long,
                    break_minutes=0,
                    headcount=1,
                    state=ShiftState.draft,
                )
            )
    async with database.session(write=True) as s:
        longest = await factories.shift(s, world.loc, start, LONGEST)
    with pytest.raises(IntegrityError, match="ck_assignments_at_most_a_day"):
        async with database.session(write=True) as s:
            await s.execute(
                insert(Assignment).values(
                    id=uuid.uuid4(),
                    organisation_id=world.org.id,
                    shift_id=longest.id,
                    person_id=world.staff.id,
                    starts_at=start,
                    ends_at=too_long,
                )
            )
