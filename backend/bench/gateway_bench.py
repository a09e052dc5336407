"""The full rule check of one assignment through the gateway, on a real database.

    uv run python -m bench.gateway_bench [--databases sqlite,postgresql] [--checks 500]

The large organisation of bench/generate.py (1,000 people, 20,000 shifts over four
weeks, about half the seats filled) plus what makes rules realistic: every person's
weekly availability pattern (with preferred and unavailable slots), dated exceptions,
approved time off for one in ten, an organisation rule layer (with max_hours_per_period
on, so every check judges the whole rule period holding the shift: the default calendar
month, docs/adr/0005-rule-period.md), a layer per location and one for every tenth
person. Then, in-process (no HTTP):

- check: `verdict.check_people_on_shift` for one (shift, person) pair, the gateway every
  path calls: facts in a fixed number of statements, the rule book, the engine;
- dry-run: `assignments.checks.assess` (seat checks plus the gateway), what
  POST /assignments/check does after loading the shift;
- place: `assignments.service.place` on a clean pair (locks, checks, insert, audit,
  outbox event), each in a transaction rolled back afterwards.

With `--history-weeks 52` (the default) the data's first four weeks are copied back over
the year before them, as a database in use has (`generate.history`).

Pairs are random shifts with random people of the organisation (most already work ~20
shifts a month), so the checks find real violations; place uses the generator's free
pairs so that it inserts.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import time as clock
from datetime import timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bench.generate import Dataset, analyse, generate, history
from bench.run import PG_DATABASE, scratch_database
from shiftwise.assignments.checks import assess
from shiftwise.assignments.service import place
from shiftwise.db import create_engine
from shiftwise.errors import Conflict
from shiftwise.kit.time import utcnow
from shiftwise.models import (
    AssignmentSource,
    AvailabilityException,
    AvailabilitySlot,
    AvailabilityStatus,
    ComplianceRuleSetting,
    Location,
    Person,
    Shift,
    TimeOffKind,
    TimeOffRequest,
    TimeOffState,
)
from shiftwise.scheduling.verdict import check_people_on_shift

GATEWAY_DB = f"{PG_DATABASE}_gateway"
WARMUP = 20


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


async def realism(engine: AsyncEngine, ds: Dataset, seed: int = 11) -> None:
    """Availability, time off and rule layers on top of the generated organisation."""
    rng = random.Random(seed)
    now = utcnow()
    async with engine.connect() as conn:
        people = list((await conn.execute(select(Person.id))).scalars())
    slots: list[dict[str, Any]] = []
    exceptions: list[dict[str, Any]] = []
    leave: list[dict[str, Any]] = []
    layers: list[dict[str, Any]] = []

    def row(**values: Any) -> dict[str, Any]:
        return {"id": uuid.uuid4(), "organisation_id": ds.organisation_id} | values

    for i, pid in enumerate(people):
        for weekday in range(7):
            status = rng.choice(
                (AvailabilityStatus.available,) * 3
                + (AvailabilityStatus.preferred, AvailabilityStatus.unavailable)
            )
            start = clock(rng.choice((0, 6, 8)))
            end = clock(rng.choice((14, 18, 22)))
            slots.append(
                row(
                    person_id=pid,
                    weekday=weekday,
                    start_time=start,
                    end_time=end,
                    status=status,
                    created_at=now,
                    updated_at=now,
                )
            )
        for _ in range(2):
            exceptions.append(
                row(
                    person_id=pid,
                    exception_date=ds.monday + timedelta(days=rng.randrange(28)),
                    status=AvailabilityStatus.unavailable,
                    created_at=now,
                    updated_at=now,
                )
            )
        if i % 10 == 0:
            first = ds.monday + timedelta(days=rng.randrange(24))
            day_start = ds.week(0, "Europe/London")[0] + timedelta(days=(first - ds.monday).days)
            leave.append(
                row(
                    person_id=pid,
                    starts_at=day_start,
                    ends_at=day_start + timedelta(days=rng.randint(1, 4)),
                    kind=TimeOffKind.vacation,
                    state=TimeOffState.approved,
                    created_at=now,
                    updated_at=now,
                )
            )
            layers.append(
                row(
                    scope_key=f"person:{pid}",
                    person_id=pid,
                    location_id=None,
                    rules={"max_hours_per_week": {"params": {"hours": 40}}},
                    created_at=now,
                    updated_at=now,
                )
            )
    layers.append(
        row(
            scope_key="organisation",
            person_id=None,
            location_id=None,
            rules={
                "min_rest": {"params": {"hours": 11}},
                "max_hours_per_period": {"enabled": True, "params": {"hours": 180}},
                "min_consecutive_days_off": {"enabled": True},
                "forbidden_succession": {
                    "params": {"pairs": [["night", "early"], ["late", "early"]]}
                },
            },
            created_at=now,
            updated_at=now,
        )
    )
    for loc in ds.location_ids:
        layers.append(
            row(
                scope_key=f"location:{loc}",
                person_id=None,
                location_id=loc,
                rules={"max_shift_length": {"params": {"hours": 12.5}}},
                created_at=now,
                updated_at=now,
            )
        )
    async with engine.begin() as conn:
        tables: tuple[tuple[type[Any], list[dict[str, Any]]], ...] = (
            (AvailabilitySlot, slots),
            (AvailabilityException, exceptions),
            (TimeOffRequest, leave),
            (ComplianceRuleSetting, layers),
        )
        for table, batch in tables:
            for offset in range(0, len(batch), 2_000):
                await conn.execute(insert(table), batch[offset : offset + 2_000])


def _p95(ordered: list[float]) -> float:
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def summary(name: str, timings: list[tuple[float, float]]) -> str:
    """Wall and CPU time (this process, all threads): on a shared machine wall time
    includes waiting for a core, CPU time does not (the database server's is not in it)."""
    wall = sorted(w for w, _ in timings)
    cpu = sorted(c for _, c in timings)
    return (
        f"{name:<8} n={len(wall):>4}  wall median {statistics.median(wall) * 1000:6.2f} ms"
        f" p95 {_p95(wall) * 1000:6.2f} ms | cpu median {statistics.median(cpu) * 1000:6.2f} ms"
        f" p95 {_p95(cpu) * 1000:6.2f} ms"
    )


async def timed(
    sessions: async_sessionmaker[AsyncSession],
    pairs: list[tuple[uuid.UUID, uuid.UUID]],
    body: Callable[[AsyncSession, Shift, str, uuid.UUID], Awaitable[object]],
) -> tuple[list[tuple[float, float]], int]:
    """Time `body` per pair (the shift loaded beforehand, untimed); roll back each."""
    timings: list[tuple[float, float]] = []
    refused = 0
    for n, (shift_id, person_id) in enumerate(pairs):
        async with sessions() as s:
            shift = await s.get_one(Shift, shift_id)
            zone = (await s.get_one(Location, shift.location_id)).time_zone
            started, cpu = time.perf_counter(), time.process_time()
            try:
                await body(s, shift, zone, person_id)
            except Conflict:
                refused += 1
            if n >= WARMUP:
                timings.append((time.perf_counter() - started, time.process_time() - cpu))
            await s.rollback()
    return timings, refused


async def measure(url: str, ds: Dataset, checks: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    engine = create_engine(url=url)
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    try:
        async with sessions() as s:
            # The data's four weeks, not their copies in the past: checks are of plans.
            shift_ids = list(
                (
                    await s.scalars(select(Shift.id).where(Shift.starts_at >= ds.week(0, "UTC")[0]))
                ).all()
            )
            people = list((await s.scalars(select(Person.id))).all())
        random_pairs = [(rng.choice(shift_ids), rng.choice(people)) for _ in range(checks)]
        found: list[int] = []

        async def check(s: AsyncSession, shift: Shift, zone: str, pid: uuid.UUID) -> None:
            verdicts = await check_people_on_shift(s, ds.organisation_id, shift, zone, [pid])
            found.append(len(verdicts[pid]))

        async def dry_run(s: AsyncSession, shift: Shift, zone: str, pid: uuid.UUID) -> None:
            await assess(s, shift, pid, lock_person=False)

        async def placing(s: AsyncSession, shift: Shift, zone: str, pid: uuid.UUID) -> None:
            await place(s, None, shift, pid, source=AssignmentSource.manual, may_override=False)

        lines = []
        seconds, _ = await timed(sessions, random_pairs, check)
        with_violations = sum(1 for n in found if n)
        lines.append(
            summary("check", seconds) + f"  ({with_violations}/{len(found)} pairs with violations)"
        )
        seconds, refused = await timed(sessions, random_pairs, dry_run)
        lines.append(summary("dry-run", seconds) + f"  ({refused} refused for the seat)")
        free = ds.free_pairs[: min(len(ds.free_pairs), checks)]
        seconds, refused = await timed(sessions, free, placing)
        lines.append(summary("place", seconds) + f"  ({len(free) - refused} placed, rolled back)")
        return lines
    finally:
        await engine.dispose()


async def prepare(url: str, people: int, shifts: int, history_weeks: int = 52) -> Dataset:
    engine = create_engine(url=url)
    try:
        ds = await generate(engine, people=people, shifts=shifts)
        await realism(engine, ds)
        if history_weeks:
            added = await history(engine, ds, history_weeks)
            say(f"history: {added} assignments over the {history_weeks} weeks before the data")
        await analyse(engine)
        return ds
    finally:
        await engine.dispose()


def bench(database: str, args: argparse.Namespace) -> list[str]:
    with scratch_database(database, GATEWAY_DB) as url:
        started = time.perf_counter()
        ds = asyncio.run(prepare(url, args.people, args.shifts, args.history_weeks))
        say(
            f"[{database}] {ds.people} people, {ds.shifts} shifts, {ds.assignments} "
            f"assignments, generated in {time.perf_counter() - started:.0f} s"
        )
        return [f"[{database}] {line}" for line in asyncio.run(measure(url, ds, args.checks))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.gateway_bench", description=__doc__)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--people", type=int, default=1_000)
    parser.add_argument("--shifts", type=int, default=20_000)
    parser.add_argument("--checks", type=int, default=500)
    parser.add_argument(
        "--history-weeks",
        type=int,
        default=52,
        help="weeks of past schedule before the data (bench/generate.history); 0 for none",
    )
    args = parser.parse_args(argv)
    lines: list[str] = []
    for database in args.databases.split(","):
        lines.extend(bench(database.strip(), args))
    say()
    for line in lines:
        say(line)


if __name__ == "__main__":
    main()
