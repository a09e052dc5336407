"""Outbox relay and delivery benchmark (issue 6).

    uv run python -m bench.outbox_bench [--db postgresql|sqlite] [--events 5000]

On a scratch database (PostgreSQL `shiftwise_outbox_bench`, or a temporary SQLite
file) with one organisation of 500 people, against the Redis broker:

1. relay lag: events committed in small transactions (5 at a time, about 100 commits
   a second) while a relay runs; lag = dispatched_at (handed to the broker) minus the
   moment the commit returned, p50 / p99 / max;
2. delivery: N events (a 500-person week being published: 10 per person) committed
   at once in publish-sized transactions, with `shiftwise worker` running as one
   process, then as two; time from the last commit until every event has reached the
   in-app sink (each exactly once).

Redis DB 14 is used and flushed. Print the load average with the figures: on a
shared 2-core machine they only compare between runs at similar load.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import asyncpg
from redis import Redis
from sqlalchemy import func, insert, select

from shiftwise.config import Settings
from shiftwise.db import Database, create_engine
from shiftwise.models import EmploymentType, Notification, Organisation, OutboxEvent, Person
from shiftwise.worker.runtime import WorkerRuntime

BACKEND = Path(__file__).resolve().parents[1]
PG_SERVER = os.environ.get("SHIFTWISE_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432")
PG_NAME = "shiftwise_outbox_bench"
REDIS_URL = os.environ.get("SHIFTWISE_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
PEOPLE = 500
PY = platform.python_version()


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


async def _pg(sql: str) -> None:
    conn = await asyncpg.connect(f"{PG_SERVER}/postgres", timeout=10)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def scratch_url(db: str, workdir: Path) -> str:
    if db == "postgresql":
        await _pg(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
        await _pg(f'CREATE DATABASE "{PG_NAME}"')
        return PG_SERVER.replace("postgresql://", "postgresql+asyncpg://", 1) + f"/{PG_NAME}"
    return f"sqlite+aiosqlite:///{workdir / 'outbox_bench.db'}"


def migrate(url: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "shiftwise.cli", "migrate"],
        cwd=BACKEND,
        env=os.environ | {"SHIFTWISE_DATABASE_URL": url},
        check=True,
        stdout=subprocess.DEVNULL,
    )


async def seed(database: Database) -> tuple[uuid.UUID, list[uuid.UUID]]:
    org_id = uuid.uuid4()
    people = [uuid.uuid4() for _ in range(PEOPLE)]
    async with database.session(write=True) as s:
        s.add(Organisation(id=org_id, name="Bench Care", default_time_zone="Europe/London"))
        await s.flush()
        await s.execute(
            insert(Person),
            [
                {
                    "id": p,
                    "organisation_id": org_id,
                    "display_name": f"Person {i}",
                    "employment_type": EmploymentType.full_time,
                    "hourly_rate": Decimal("15.00"),
                    "is_active": True,
                }
                for i, p in enumerate(people)
            ],
        )
    return org_id, people


def rows(org_id: uuid.UUID, people: list[uuid.UUID], n: int, tag: str) -> list[dict[str, object]]:
    return [
        {
            "id": uuid.uuid4(),
            "organisation_id": org_id,
            "topic": "assignment.created",
            "person_id": people[i % len(people)],
            "payload": {"n": i},
            "dedupe_key": f"bench:{tag}:{i}",
        }
        for i in range(n)
    ]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def relay_lag(
    database: Database, settings: Settings, org_id: uuid.UUID, people: list[uuid.UUID]
) -> str:
    runtime = WorkerRuntime(settings, consume=False).start()
    committed: dict[uuid.UUID, datetime] = {}
    try:
        batch = rows(org_id, people, 1000, "lag")
        for start in range(0, len(batch), 5):
            chunk = batch[start : start + 5]
            async with database.session(write=True) as s:
                await s.execute(insert(OutboxEvent), chunk)
            now = datetime.now().astimezone()
            for r in chunk:
                committed[r["id"]] = now  # type: ignore[index]
            await asyncio.sleep(0.01)
        deadline = time.monotonic() + 120
        while True:
            async with database.session(write=False) as s:
                left = await s.scalar(
                    select(func.count()).where(OutboxEvent.dispatched_at.is_(None))
                )
            if not left or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.1)
        async with database.session(write=False) as s:
            found = (await s.execute(select(OutboxEvent.id, OutboxEvent.dispatched_at))).all()
    finally:
        runtime.stop()
    lags = [
        (dispatched - committed[i]).total_seconds() * 1000
        for i, dispatched in found
        if dispatched is not None and i in committed
    ]
    return (
        f"relay lag over {len(lags)} events (poll {settings.relay_poll_seconds} s): "
        f"p50 {statistics.median(lags):.0f} ms, p99 {pct(lags, 0.99):.0f} ms, "
        f"max {max(lags):.0f} ms"
    )


def start_workers(url: str, count: int) -> list[subprocess.Popen[bytes]]:
    env = os.environ | {
        "SHIFTWISE_DATABASE_URL": url,
        "SHIFTWISE_REDIS_URL": REDIS_URL,
        "SHIFTWISE_LOG_LEVEL": "WARNING",
    }
    return [
        subprocess.Popen(
            [sys.executable, "-m", "shiftwise.cli", "worker"],
            cwd=BACKEND,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(count)
    ]


async def delivery(
    database: Database, url: str, org_id: uuid.UUID, people: list[uuid.UUID], n: int, workers: int
) -> str:
    procs = start_workers(url, workers)
    try:
        await asyncio.sleep(8)  # let the processes import and connect before the clock starts
        batch = rows(org_id, people, n, f"deliver{workers}")
        for start in range(0, n, PEOPLE):
            async with database.session(write=True) as s:
                await s.execute(insert(OutboxEvent), batch[start : start + PEOPLE])
        t0 = time.monotonic()
        ids = [r["id"] for r in batch]
        while True:
            async with database.session(write=False) as s:
                done = await s.scalar(select(func.count()).where(Notification.event_id.in_(ids)))
            if done == n or time.monotonic() - t0 > 600:
                break
            await asyncio.sleep(0.1)
        elapsed = time.monotonic() - t0
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(30)
    return (
        f"{n:,} events to the in-app sink with {workers} worker process(es) "
        f"(4 threads each): {elapsed:.1f} s ({n / elapsed:,.0f} events/s), {done:,} delivered"
    )


async def main(db: str, events: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = await scratch_url(db, Path(tmp))
        await asyncio.to_thread(migrate, url)
        redis = Redis.from_url(REDIS_URL)
        redis.flushdb()
        settings = Settings(database_url=url, redis_url=REDIS_URL, log_level="WARNING")
        database = Database(create_engine(settings))
        try:
            org_id, people = await seed(database)
            load = os.getloadavg()[0]
            say(f"{db}: load average {load:.1f} on {os.cpu_count()} CPUs, Python {PY}")
            say("  " + await relay_lag(database, settings, org_id, people))
            redis.flushdb()
            for workers in (1, 2):
                say("  " + await delivery(database, url, org_id, people, events, workers))
            say(f"  1-minute load average after: {os.getloadavg()[0]:.1f}")
        finally:
            await database.dispose()
            redis.flushdb()
            redis.close()
            if db == "postgresql":
                await _pg(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--events", type=int, default=5000)
    args = parser.parse_args()
    asyncio.run(main(args.db, args.events))
