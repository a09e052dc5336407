"""Every proposal, accepted through place(), leaves no hard violation behind.

Tiny generated instances (people with skills that expire, time off, existing
assignments; shifts of random lengths and seats), solved for a fraction of a second
in both modes, then applied exactly as accepting does: nothing is refused, and the
rule engine finds no hard violation involving what was applied.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.assignments import service as assignments
from shiftwise.auth.subject import Subject
from shiftwise.db import Database
from shiftwise.models import (
    AssignmentSource,
    Role,
    ScheduleRunMode,
    Shift,
    TimeOffKind,
    TimeOffRequest,
    TimeOffState,
)
from shiftwise.schedule_runs.inputs import load_inputs
from shiftwise.schedule_runs.planner import plan
from shiftwise.scheduling import rules, solver
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.schedule_runs.helpers import at, next_monday


@dataclass(frozen=True)
class Spec:
    people: list[tuple[bool, int | None, int | None]]  # skilled, skill expires day, off day
    shifts: list[tuple[int, int, int, int, bool]]  # day, start hour, hours, seats, skilled
    existing: list[tuple[int, int]]  # (person index, shift index)
    mode: ScheduleRunMode


specs = st.builds(
    Spec,
    people=st.lists(
        st.tuples(
            st.booleans(),
            st.one_of(st.none(), st.integers(0, 3)),
            st.one_of(st.none(), st.integers(0, 3)),
        ),
        min_size=2,
        max_size=4,
    ),
    shifts=st.lists(
        st.tuples(
            st.integers(0, 3),
            st.sampled_from([6, 7, 14, 15, 22]),
            st.integers(4, 10),
            st.integers(1, 2),
            st.booleans(),
        ),
        min_size=1,
        max_size=8,
    ),
    existing=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 7)), max_size=3),
    mode=st.sampled_from(list(ScheduleRunMode)),
)


async def _arrange(s: AsyncSession, world: World, spec: Spec) -> tuple[uuid.UUID, list[Shift]]:
    start = next_monday()
    loc = await factories.location(s, world.org)
    people = []
    for skilled, expires, off in spec.people:
        grants = {world.skill: None if expires is None else start + timedelta(days=expires)}
        p = await factories.person(s, world.org, home=loc, skills=grants if skilled else {})
        people.append(p)
        if off is not None:
            s.add(
                TimeOffRequest(
                    organisation_id=world.org.id,
                    person_id=p.id,
                    starts_at=at(start + timedelta(days=off), 0),
                    ends_at=at(start + timedelta(days=off + 1), 0),
                    kind=TimeOffKind.vacation,
                    state=TimeOffState.approved,
                )
            )
    shifts = []
    for day, hour, hours, seats, skilled in spec.shifts:
        shifts.append(
            await factories.shift(
                s,
                loc,
                at(start + timedelta(days=day), hour),
                hours,
                skill=world.skill if skilled else None,
                headcount=seats,
            )
        )
    admin = Subject(world.admin.id, world.org.id, Role.admin, None, "session")
    for pi, si in spec.existing:
        if pi < len(people) and si < len(shifts):
            try:  # only what place() allows: existing data is lawful (or overridden)
                await assignments.place(
                    s,
                    admin,
                    shifts[si],
                    people[pi].id,
                    source=AssignmentSource.manual,
                    may_override=False,
                )
            except Exception:
                pass
    return loc.id, shifts


async def _check(database: Database, world: World, spec: Spec) -> None:
    async with database.session(write=True) as s:
        loc_id, _ = await _arrange(s, world, spec)
    start = next_monday()
    async with database.session(write=False) as s:
        inputs = await load_inputs(s, world.org.id, [loc_id], start, 5)
    options = solver.SolveOptions(time_limit_s=0.5, workers=1)
    proposal = plan(inputs, spec.mode, options)
    assert all(w.severity == "soft" for w in proposal.warnings)
    admin = Subject(world.admin.id, world.org.id, Role.admin, None, "session")
    async with database.session(write=True) as s:
        for removal in proposal.remove:
            await assignments.cancel(s, admin, removal.assignment_id)
        for item in sorted(proposal.add, key=lambda a: (a.starts_at, str(a.shift_id))):
            shift = await s.get(Shift, item.shift_id)
            assert shift is not None
            await assignments.place(
                s,
                admin,
                shift,
                item.person_id,
                source=AssignmentSource.auto_schedule,
                may_override=False,
            )
    async with database.session(write=False) as s:
        after = await load_inputs(s, world.org.id, [loc_id], start, 5)
    added = {(str(a.person_id), str(a.shift_id)) for a in proposal.add}
    found = rules.check_schedule(
        after.facts.values(),
        lambda person: after.book.for_(loc_id, uuid.UUID(str(person.person_id))),
        after.period(),
    )
    bad = [
        v
        for v in found
        if v.is_hard and any((str(v.person_id), str(sid)) in added for sid in v.shift_ids)
    ]
    assert bad == []


async def test_every_accepted_proposal_passes_the_rule_engine(
    database: Database, world: World
) -> None:
    # Hypothesis drives a plain function: it runs in a thread and hands each example
    # back to this loop, which owns the database connections.
    loop = asyncio.get_running_loop()

    @settings(
        max_examples=6,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(spec=specs)
    def check(spec: Spec) -> None:
        asyncio.run_coroutine_threadsafe(_check(database, world, spec), loop).result()

    await asyncio.to_thread(check)
