"""The week grid and candidates at real size, on SQLite and PostgreSQL.

    uv run python -m bench.schedule_bench [--databases sqlite,postgresql] [--runs 60]
                                          [--dataset planned|unchecked]

The large organisation of bench/generate.py (1,000 people at ten locations, 20,000
shifts over four weeks, about half the seats filled) with gateway_bench's realism
(availability patterns, exceptions, approved time off, rule layers), and 200 more people
moved to the first location so that it is home to 300. With `--dataset planned` (the
default) the assignments that break a hard rule once that realism is added are
cancelled, as the product would have refused them (`planned()`); `unchecked` keeps them
(~1,100 violations in a week, a stress case). With `--history-weeks 52` (the default)
the first four weeks are copied back over the year before them, as published and worked
schedule (`generate.history`): a database in use has a past, and a read bounded on one
side walks it. Then, in-process:

- grid (service): `schedule.grid.week_grid` for that location, rotating over the four weeks;
- grid (HTTP, cold): `GET /api/v1/schedule` through the app over httpx's ASGI transport,
  with an API token (authentication, validation, JSON and gzip included), each request a
  different week than the one before, with the grid cache, the kept parts and the stored
  parts (the `grid_parts` table) emptied first, so each is built from scratch: the first
  request for a week nobody has built, not even the worker, since the last change to
  everyone's rules. It includes storing the new parts, which ASGI runs before the
  transport returns and a real server after the answer is sent;
- grid (HTTP, parts stored): the same with only the cache and the kept parts emptied, as
  the first request for a week in a process that never built it (just started, or
  another API process), when the parts are stored: by the cold build, or by the worker;
- grid (HTTP, after one assignment changed): before each (untimed), one assignment of
  that week is cancelled through the API (`POST /api/v1/assignments/{id}/cancel`), as a
  coordinator's edit; the grid is then rebuilt at the new version, re-judging only the
  person the edit changed (the others' parts are kept from the build before, schedule/
  grid.py). The app runs without its embedded worker, as the API process of a
  deployment with Redis: the edit's notification jobs do not run in this process;
- grid (HTTP, unchanged): the same request with the ETag of the previous answer for that
  week (If-None-Match), as a browser re-asking for a grid nobody changed: a 304 from the
  cache (schedule/cache.py: one statement reads the location and schedule version);
- grid (HTTP, warm): the same request without a tag, answered 200 from the cache (the
  kept gzip body), as a second planner opening a grid someone already opened;
- worker: `schedule.warm.keep_judged` after a change to the organisation's rules (a PUT
  through the API, untimed), as the worker runs it: the current week and the next four of
  each of the ten locations, and the stored grids not yet over, judged again and stored
  (three runs);
- candidates (service / HTTP): `GET /api/v1/shifts/{id}/candidates?limit=20` for random
  shifts of that location (every qualified person of the organisation is judged).

The rule period is the generated data's own four weeks (`--rule-period data`, a four-week
pay period from the first Monday), since the data starts this Monday: with the calendar
month (`--rule-period month`) the weeks before it are empty, and every per-period
minimum of the month they belong to is short for everyone, which no real schedule is.

Each is warmed up, then timed `--runs` times in sequence (median and 95th percentile of
wall time, and the median CPU time of this process). The machine is shared: the 1-minute
load average is printed with the table.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as dt_time

import httpx
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bench.gateway_bench import realism
from bench.generate import Dataset, analyse, generate, history
from bench.measure import host_speed
from bench.run import PG_DATABASE, scratch_database
from shiftwise.app import create_app
from shiftwise.auth.subject import Subject
from shiftwise.config import Settings
from shiftwise.db import create_engine
from shiftwise.models import (
    Assignment,
    AssignmentState,
    GridParts,
    Organisation,
    Person,
    Role,
    Shift,
    User,
)
from shiftwise.schedule import cache as grid_cache
from shiftwise.schedule.candidates import candidates
from shiftwise.schedule.grid import week_grid
from shiftwise.schedule.parts import kept as grid_kept
from shiftwise.schedule.warm import keep_judged
from shiftwise.scheduling import rules
from shiftwise.scheduling.facts import NO_CONTEXT, load_people_facts, load_rule_book

SCHEDULE_DB = f"{PG_DATABASE}_schedule"
HOME_PEOPLE = 300
WARMUP = 5
WORKER_RUNS = 3  # each judges ~30 grids


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


@dataclass(frozen=True)
class Row:
    database: str
    operation: str
    timings: list[float]
    cpu: list[float]
    size: str

    @property
    def median_ms(self) -> float:
        return statistics.median(self.timings) * 1000

    @property
    def cpu_median_ms(self) -> float:
        return statistics.median(self.cpu) * 1000

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.timings)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000


async def planned(engine: AsyncEngine, ds: Dataset) -> tuple[int, int]:
    """The schedule a planner working through the product would have: generate.py
    places people before gateway_bench's realism gives them availability and time off,
    so ~1 in 5 of them breaks a hard rule (unavailable, on leave, a forbidden
    succession, too many days in a row), which the product refuses without a written
    override. Each round judges everyone with the product's rule engine (their home
    location's rules, over the data's four weeks and their context) and cancels, for
    every hard violation, the latest shift it names: the change that would have been
    refused. Soft warnings stay. Returns (rounds, assignments cancelled)."""
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    zone = ds.location_zones[0]
    cancelled = 0
    for round_ in range(1, 6):
        async with sessions() as s:
            rows = await s.execute(
                select(Person.id, Person.home_location_id).where(
                    Person.organisation_id == ds.organisation_id
                )
            )
            homes: dict[uuid.UUID, uuid.UUID | None] = dict(rows.all())
            book = await load_rule_book(s, ds.organisation_id)
            first, last = book.window(ds.monday, ds.monday + timedelta(days=27), zone)
            facts = await load_people_facts(
                s, ds.organisation_id, list(homes), first, last, context=NO_CONTEXT
            )
            found = [
                v
                for pid, person in facts.items()
                for v in rules.check_schedule(
                    [person], book.for_(homes[pid], pid), rule_period=book.rule_period
                )
            ]
            refused: set[tuple[object, object]] = set()
            for v in found:
                if v.is_hard and v.shift_ids:
                    refused.add((v.person_id, v.shift_ids[-1]))
            if not refused:
                return round_ - 1, cancelled
            for person_id, shift_id in refused:
                await s.execute(
                    update(Assignment)
                    .where(
                        Assignment.organisation_id == ds.organisation_id,
                        Assignment.person_id == person_id,
                        Assignment.shift_id == shift_id,
                    )
                    .values(state=AssignmentState.cancelled)
                )
            await s.commit()
            cancelled += len(refused)
    return 5, cancelled


async def prepare(
    url: str,
    people: int,
    shifts: int,
    rule_period: str = "data",
    dataset: str = "planned",
    history_weeks: int = 52,
) -> Dataset:
    engine = create_engine(url=url)
    try:
        ds = await generate(engine, people=people, shifts=shifts)
        await realism(engine, ds)
        target = ds.location_ids[0]
        async with engine.begin() as conn:
            if rule_period == "data":
                period = {"weeks": 4, "anchor_date": ds.monday.isoformat()}
                org = await conn.scalar(
                    select(Organisation.settings).where(Organisation.id == ds.organisation_id)
                )
                await conn.execute(
                    update(Organisation)
                    .where(Organisation.id == ds.organisation_id)
                    .values(settings={**(org or {}), "rule_period": period})
                )
            home = len(
                (await conn.execute(select(Person.id).where(Person.home_location_id == target)))
                .scalars()
                .all()
            )
            movers = (
                (
                    await conn.execute(
                        select(Person.id)
                        .where(Person.home_location_id != target)
                        .order_by(Person.id)
                        .limit(max(0, HOME_PEOPLE - home))
                    )
                )
                .scalars()
                .all()
            )
            await conn.execute(
                update(Person).where(Person.id.in_(movers)).values(home_location_id=target)
            )
        if dataset == "planned":
            rounds, cancelled = await planned(engine, ds)
            say(f"planned: {cancelled} hard-rule breaking assignments cancelled ({rounds} rounds)")
        if history_weeks:
            added = await history(engine, ds, history_weeks)
            say(f"history: {added} assignments over the {history_weeks} weeks before the data")
        await analyse(engine)
        return ds
    finally:
        await engine.dispose()


async def _time(
    runs: int,
    call: Callable[[int], Awaitable[str]],
    before: Callable[[int], Awaitable[None]] | None = None,
    warmup: int = WARMUP,
) -> tuple[list[float], list[float], str]:
    """Wall and CPU time (this process) per call: on a loaded machine wall time includes
    waiting for a core, CPU time does not (nor the PostgreSQL server's work). `before`
    runs untimed ahead of each call (e.g. the write whose grid is then timed)."""
    size = ""
    for n in range(warmup):
        if before is not None:
            await before(n)
        await call(n)
    wall, cpu = [], []
    for n in range(runs):
        if before is not None:
            await before(warmup + n)
        started, cpu_started = time.perf_counter(), time.process_time()
        size = await call(warmup + n)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return wall, cpu, size


async def measure(database: str, url: str, ds: Dataset, runs: int, seed: int = 5) -> list[Row]:
    rng = random.Random(seed)
    target, zone = ds.location_ids[0], ds.location_zones[0]
    # The API process alone, as when the worker runs apart (with Redis): the embedded
    # worker's threads would otherwise run each edit's notification jobs in this
    # process, under the GIL, during the very request the after-an-edit row times.
    settings = Settings(
        database_url=url, static_dir=None, log_level="WARNING", worker_embedded=False
    )
    app = create_app(settings)
    engine = create_engine(url=url)
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    rows: list[Row] = []
    try:
        async with sessions() as s:
            admin = await s.scalar(
                select(User).where(
                    User.organisation_id == ds.organisation_id, User.role == Role.admin
                )
            )
            assert admin is not None
            start, end = ds.week(0, zone)[0], ds.week(3, zone)[1]
            # The location's live assignments per week, for the writes.
            seats = [
                list(
                    (
                        await s.scalars(
                            select(Assignment.id)
                            .join(Shift, Shift.id == Assignment.shift_id)
                            .where(
                                Shift.location_id == target,
                                Shift.starts_at >= ds.week(w, zone)[0],
                                Shift.starts_at < ds.week(w, zone)[1],
                                Assignment.state == AssignmentState.assigned,
                            )
                        )
                    ).all()
                )
                for w in range(4)
            ]
            shift_ids = list(
                (
                    await s.scalars(
                        select(Shift.id).where(
                            Shift.location_id == target,
                            Shift.starts_at >= start,
                            Shift.starts_at < end,
                        )
                    )
                ).all()
            )
        subject = Subject(
            user_id=admin.id,
            organisation_id=ds.organisation_id,
            role=Role.admin,
            person_id=None,
            via="token",
        )
        picked = [rng.choice(shift_ids) for _ in range(runs + WARMUP)]
        # The worker's "now": midweek in the data's first week, so its current week and
        # the next three are the data's (and the fourth after it is empty).
        worker_now = datetime.combine(ds.monday + timedelta(days=2), dt_time(12), tzinfo=UTC)

        def week(n: int) -> str:
            return (ds.monday + timedelta(weeks=n % 4)).isoformat()

        async def grid_service(n: int) -> str:
            async with sessions() as s:
                g = await week_grid(s, subject, target, ds.monday + timedelta(weeks=n % 4), 7)
            return f"{len(g.shifts)} shifts, {len(g.people)} people, {len(g.violations)} violations"

        async def candidates_service(n: int) -> str:
            async with sessions() as s:
                c = await candidates(s, subject, picked[n], 20)
            return f"{c.total} people judged"

        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app),
                base_url="http://bench",
                headers={"Authorization": f"Bearer {ds.api_token}"},
                timeout=60,
            ) as client,
        ):
            tags: dict[str, str] = {}

            async def ask(n: int, headers: dict[str, str] | None = None) -> httpx.Response:
                """The target location's grid for the nth week."""
                return await client.get(
                    "/api/v1/schedule",
                    params={"location_id": str(target), "start_date": week(n), "days": 7},
                    headers=headers,
                )

            async def forget_in_process(n: int) -> None:
                """As a process that never built the grid (just started, or another
                API process): no answer cached, no parts kept in memory."""
                grid_cache.grids.clear()
                grid_kept.clear()

            async def forget_everything(n: int) -> None:
                """As the first request for a week that nobody, not even the worker,
                has built since the last change to everyone's rules."""
                await forget_in_process(n)
                async with sessions.begin() as s:
                    await s.execute(delete(GridParts))

            async def grid_http(n: int) -> str:
                r = await ask(n)
                assert r.status_code == 200, r.text
                tags[week(n)] = r.headers["ETag"]
                sent = int(r.headers.get("Content-Length", len(r.content)))
                return (
                    f"{len(r.content) // 1024} KiB of JSON, {sent // 1024} KiB sent "
                    f"({r.headers.get('Content-Encoding', 'identity')}), "
                    f"{len(r.json()['violations'])} violations"
                )

            async def grid_stored(n: int) -> str:
                r = await ask(n)
                assert r.status_code == 200, r.text
                assert r.headers["ETag"] == tags[week(n)]
                return "the same answer as built cold"

            async def rule_change(n: int) -> None:
                """A change to the organisation's rules (the facts epoch moves)."""
                r = await client.put(
                    "/api/v1/compliance-rules/organisation",
                    json={"rules": {"not_preferred": {"enabled": n % 2 == 0}}},
                )
                assert r.status_code == 200, r.text

            async def worker_after_rule_change(n: int) -> str:
                judged = await keep_judged(app.state.database, ds.organisation_id, worker_now)
                return f"{judged} grids judged again (10 locations x 5 weeks, and stored ones)"

            async def write(n: int) -> None:
                """A coordinator's edit in the week about to be asked for: one of its
                assignments cancelled through the API (each a different one)."""
                r = await client.post(f"/api/v1/assignments/{seats[n % 4].pop()}/cancel")
                assert r.status_code == 200, r.text

            async def grid_after_write(n: int) -> str:
                r = await ask(n)
                assert r.status_code == 200, r.text
                tags[week(n)] = r.headers["ETag"]
                return f"{len(r.json()['violations'])} violations"

            async def grid_unchanged(n: int) -> str:
                r = await ask(n, {"If-None-Match": tags[week(n)]})
                assert r.status_code == 304, r.status_code
                return "304, no body"

            async def grid_warm(n: int) -> str:
                r = await ask(n)
                assert r.status_code == 200, r.text
                assert r.headers["ETag"] == tags[week(n)]
                sent = int(r.headers.get("Content-Length", len(r.content)))
                return f"{sent // 1024} KiB sent ({r.headers.get('Content-Encoding')})"

            async def candidates_http(n: int) -> str:
                r = await client.get(f"/api/v1/shifts/{picked[n]}/candidates?limit=20")
                assert r.status_code == 200, r.text
                return f"{len(r.content) // 1024} KiB of JSON"

            writes: Callable[[int], Awaitable[None]] = write
            for name, call, before in (
                ("week grid, 300-person location (service)", grid_service, None),
                (
                    "week grid, 300-person location (HTTP, ASGI, cold: nothing kept or stored)",
                    grid_http,
                    forget_everything,
                ),
                (
                    "week grid, a process with nothing of its own: parts stored (HTTP, ASGI)",
                    grid_stored,
                    forget_in_process,
                ),
                (
                    "week grid, unchanged, If-None-Match (HTTP, ASGI, cached, 304)",
                    grid_unchanged,
                    None,
                ),
                ("week grid, unchanged, warm (HTTP, ASGI, cached, 200)", grid_warm, None),
                ("week grid, after one assignment changed (HTTP, ASGI)", grid_after_write, writes),
                ("candidates for one shift (service)", candidates_service, None),
                ("candidates for one shift (HTTP, ASGI)", candidates_http, None),
            ):
                say(f"[{database}] {name}")
                wall, cpu, size = await _time(runs, call, before)
                rows.append(Row(database, name, wall, cpu, size))
            name = "worker: the current weeks judged again after a rule change (all grids)"
            say(f"[{database}] {name}")
            wall, cpu, size = await _time(WORKER_RUNS, worker_after_rule_change, rule_change, 1)
            rows.append(Row(database, name, wall, cpu, size))
    finally:
        await engine.dispose()
    return rows


def bench(database: str, args: argparse.Namespace) -> list[Row]:
    with scratch_database(database, SCHEDULE_DB) as url:
        started = time.perf_counter()
        ds = asyncio.run(
            prepare(
                url, args.people, args.shifts, args.rule_period, args.dataset, args.history_weeks
            )
        )
        say(
            f"[{database}] {ds.people} people, {ds.shifts} shifts, {ds.assignments} "
            f"assignments, generated in {time.perf_counter() - started:.0f} s"
        )
        return asyncio.run(measure(database, url, ds, args.runs))


def render(rows: list[Row]) -> str:
    lines = [
        "| database | operation | runs | median ms | p95 ms | CPU median ms | size |",
        "|---|---|--:|--:|--:|--:|---|",
    ]
    lines += [
        f"| {r.database} | {r.operation} | {len(r.timings)} | {r.median_ms:.1f} "
        f"| {r.p95_ms:.1f} | {r.cpu_median_ms:.1f} | {r.size} |"
        for r in rows
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.schedule_bench", description=__doc__)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--people", type=int, default=1_000)
    parser.add_argument("--shifts", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument(
        "--rule-period",
        choices=("data", "month"),
        default="data",
        help="the organisation's rule period: the data's four weeks, or the calendar month",
    )
    parser.add_argument(
        "--dataset",
        choices=("planned", "unchecked"),
        default="planned",
        help="planned: the assignments that break a hard rule cancelled, as the product "
        "would have refused them (see planned()); unchecked: as generated",
    )
    parser.add_argument(
        "--history-weeks",
        type=int,
        default=52,
        help="weeks of past schedule before the data (bench/generate.history), as a "
        "database in use has; 0 for none",
    )
    args = parser.parse_args(argv)
    speed = host_speed()
    say(f"host speed: {speed:.2f} s for 10 million Python additions (bench/measure.py)")
    rows: list[Row] = []
    for database in args.databases.split(","):
        rows.extend(bench(database.strip(), args))
    say()
    say(render(rows))
    load = os.getloadavg()
    say(
        f"\n1-minute load average at the end: {load[0]:.1f} on {os.cpu_count()} CPUs; "
        f"host speed {speed:.2f} s before, {host_speed():.2f} s after"
    )


if __name__ == "__main__":
    main()
