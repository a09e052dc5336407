"""The benchmark's generator makes data the product itself would accept."""

from __future__ import annotations

import itertools
import uuid
from collections import Counter, defaultdict
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bench.generate import generate, seeded_ids
from shiftwise.db import Database
from shiftwise.models import Assignment, Person, PersonSkill, Shift


async def test_generated_organisation_is_consistent(
    database: Database, session: AsyncSession
) -> None:
    data = await generate(database.engine, people=60, shifts=400, today=date(2026, 10, 21), seed=3)

    # Ids come from the seed too, so runs on the same day pick the same rows.
    assert data.organisation_id == seeded_ids(3)()
    assert await session.scalar(select(func.count()).select_from(Person)) == 60
    assert await session.scalar(select(func.count()).select_from(Shift)) == 400
    assert await session.scalar(select(func.count()).select_from(Assignment)) == data.assignments
    assert data.assignments > 100
    assert len(data.free_pairs) > 20

    shifts = {s.id: s for s in (await session.scalars(select(Shift))).all()}
    held = {(ps.person_id, ps.skill_id) for ps in (await session.scalars(select(PersonSkill)))}
    existing = [(a.shift_id, a.person_id) for a in (await session.scalars(select(Assignment)))]
    everything = existing + data.free_pairs
    assert len(set(everything)) == len(everything)

    seats: Counter[uuid.UUID] = Counter(shift_id for shift_id, _ in everything)
    timeline: dict[uuid.UUID, list[tuple[datetime, datetime]]] = defaultdict(list)
    for shift_id, person_id in everything:
        shift = shifts[shift_id]
        assert (person_id, shift.skill_id) in held
        assert seats[shift_id] <= shift.headcount
        timeline[person_id].append((shift.starts_at, shift.ends_at))
    for spans in timeline.values():
        spans.sort()
        for (_, ends), (starts, _) in itertools.pairwise(spans):
            assert ends <= starts


def test_seeded_ids_repeat_per_seed_and_differ_between_seeds() -> None:
    first, again, other = seeded_ids(3), seeded_ids(3), seeded_ids(4)
    ids = [first() for _ in range(1000)]
    assert ids == [again() for _ in range(1000)]
    assert len(set(ids)) == 1000
    assert all(i.version == 4 for i in ids)
    assert not set(ids) & {other() for _ in range(1000)}
