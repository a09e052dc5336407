"""The shared gateway other paths call: place() and check_people_on_shift()."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, select

from shiftwise.assignments.service import place
from shiftwise.db import Database
from shiftwise.errors import Conflict
from shiftwise.models import (
    Assignment,
    AssignmentSource,
    AuditEntry,
    OutboxEvent,
    ShiftState,
)
from shiftwise.scheduling.verdict import check_people_on_shift
from tests.assignments.helpers import at
from tests.fixtures import factories
from tests.fixtures.factories import World


@contextmanager
def statements(database: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(*args: Any) -> None:
        if str(args[2]).lstrip().upper().startswith("SELECT"):
            seen.append(str(args[2]))

    engine = database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


async def test_place_refuses_hard_rules_without_the_right_to_override(
    world: World, database: Database
) -> None:
    async with database.session(write=True) as s:
        shift = await factories.shift(s, world.loc, at(0), 8, skill=world.skill, headcount=3)
        novice = await factories.person(s, world.org)
    with pytest.raises(Conflict) as refused:
        async with database.session(write=True) as s:
            await place(
                s,
                None,
                shift,
                novice.id,
                source=AssignmentSource.claim,
                override_reason="I shadowed last week",
                may_override=False,
            )
    assert refused.value.instance_code == "rule_violation"
    assert [v.rule for v in refused.value.violations or []] == ["skill_required"]
    assert "override_reason" not in refused.value.detail


async def test_place_for_a_system_path_audits_and_tells_the_person(
    world: World, database: Database
) -> None:
    async with database.session(write=True) as s:
        shift = await factories.shift(s, world.loc, at(0), 8, state=ShiftState.published)
    async with database.session(write=True) as s:
        placed = await place(
            s,
            None,
            shift,
            world.staff.id,
            source=AssignmentSource.auto_schedule,
            may_override=False,
            audit_action="schedule.auto_assigned",
        )
        assert placed.event_recorded
        assert placed.warnings == []
    async with database.session(write=False) as s:
        a = await s.get_one(Assignment, placed.assignment.id)
        assert (a.source, a.starts_at, a.ends_at) == (
            AssignmentSource.auto_schedule,
            shift.starts_at,
            shift.ends_at,
        )
        entry = await s.scalar(select(AuditEntry).where(AuditEntry.record_id == a.id))
        assert entry is not None
        assert (entry.action, entry.actor_user_id) == ("schedule.auto_assigned", None)
        [told] = (await s.scalars(select(OutboxEvent))).all()
        assert (told.topic, told.person_id) == ("assignment.created", world.staff.id)


async def test_the_check_reads_a_fixed_number_of_statements(
    world: World, database: Database
) -> None:
    async with database.session(write=True) as s:
        shift = await factories.shift(s, world.loc, at(48), 8, skill=world.skill)
        people = [
            await factories.person(s, world.org, skills={world.skill: None}) for _ in range(25)
        ]
        for i, p in enumerate(people):
            await factories.assignment(s, await factories.shift(s, world.loc, at(i), 2), p)
    async with database.session(write=False) as s:
        with statements(database) as one:
            await check_people_on_shift(s, world.org.id, shift, world.loc.time_zone, [people[0].id])
    async with database.session(write=False) as s:
        with statements(database) as many:
            verdicts = await check_people_on_shift(
                s, world.org.id, shift, world.loc.time_zone, [p.id for p in people]
            )
    assert len(many) == len(one) == 6
    assert set(verdicts) == {p.id for p in people}


async def test_excluded_assignments_are_treated_as_gone(world: World, database: Database) -> None:
    async with database.session(write=True) as s:
        mine = await factories.shift(s, world.loc, at(0), 4)
        given_away = await factories.assignment(s, mine, world.staff)
        theirs = await factories.shift(s, world.loc, at(2), 4)
    async with database.session(write=False) as s:
        found = await check_people_on_shift(
            s, world.org.id, theirs, world.loc.time_zone, [world.staff.id]
        )
        assert [v.code.value for v in found[world.staff.id]] == ["overlap"]
        found = await check_people_on_shift(
            s,
            world.org.id,
            theirs,
            world.loc.time_zone,
            [world.staff.id, world.foreign_person.id],
            exclude_assignment_ids=[given_away.id],
        )
        assert found == {world.staff.id: []}
