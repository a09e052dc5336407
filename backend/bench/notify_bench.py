"""Publishing a 500-person week: time until every notification reaches the fake
providers, with one and two worker processes, and the relay's lag (issue 6).

    uv run python -m bench.notify_bench [--db postgresql|sqlite] [--workers 1,2]

For each worker count, on a fresh scratch database (PostgreSQL `shiftwise_notify_bench`
or a temporary SQLite file): one location with 500 people (email and phone encrypted
as the product stores them, default preferences), a week of draft shifts in which each
person works five days (2,500 assignments). Real `shiftwise worker` processes run
against Redis (DB 13) with email going to an in-process SMTP server (aiosmtpd: the fake
email provider). Then the week is published through the product's own publish service
(one transaction, one "schedule.published" event per person) and the clock runs from
its commit until every event is processed, every person has the in-app row and the
fake SMTP server has accepted every email (the defaults send a publication by in-app
and email; SMS and Teams are not among them).

Relay lag: for the published events, dispatched_at (handed to Redis) minus the moment
the publish commit returned, p50 / p99 / max — a 500-event burst, so it includes the
relay's batching (`relay_batch_size`, default 200) and poll interval.

Client, workers, database and Redis share the machine: print the load average with
the figures; on a shared 2-core machine they only compare between runs at similar load.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as wall
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from redis import Redis
from sqlalchemy import func, insert, select

from bench.run import scratch_database
from shiftwise.auth.subject import Subject
from shiftwise.config import Settings
from shiftwise.db import Database, create_engine
from shiftwise.models import (
    Assignment,
    EmploymentType,
    Location,
    Notification,
    Organisation,
    OutboxEvent,
    Person,
    Role,
    Shift,
    ShiftState,
)
from shiftwise.people.contact import encrypt_contact
from shiftwise.schedule import publishing
from shiftwise.schedule.schemas import PublishRequest
from shiftwise.users.accounts import new_user

BACKEND = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REDIS_URL = os.environ.get("SHIFTWISE_BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
PEOPLE = 500
ZONE = "Europe/London"
PER_SHIFT = 5
TIMEOUT_S = 600.0


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


class FakeSmtp:
    """The fake email provider: an SMTP server that counts what it accepts."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.received = 0
        self.lock = threading.Lock()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.received += len(envelope.rcpt_tos)
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return self.received


@dataclass(frozen=True)
class World:
    organisation_id: uuid.UUID
    location_id: uuid.UUID
    admin_id: uuid.UUID
    start: date


async def seed(database: Database) -> World:
    """One location, 500 people, a week of drafts: each person on five of seven days."""
    org_id, loc_id = uuid.uuid4(), uuid.uuid4()
    start = (datetime.now(ZoneInfo(ZONE)) + timedelta(days=14)).date()
    async with database.session(write=True) as s:
        s.add(Organisation(id=org_id, name="Bench Care", default_time_zone=ZONE, week_start=0))
        await s.flush()
        s.add(Location(id=loc_id, organisation_id=org_id, name="Bench Ward", time_zone=ZONE))
        admin = await new_user(s, org_id, "admin@bench.test", Role.admin, password="x" * 12)
        people = []
        for i in range(PEOPLE):
            p = Person(
                id=uuid.uuid4(),
                organisation_id=org_id,
                display_name=f"Person {i:03d}",
                employment_type=EmploymentType.full_time,
                hourly_rate=Decimal("15.00"),
                home_location_id=loc_id,
                is_active=True,
            )
            encrypt_contact(p, email=f"p{i}@bench.test", phone=f"+4477009{i:05d}")
            people.append(p)
        s.add_all(people)
        await s.flush()
        shifts: list[dict[str, Any]] = []
        seats: list[dict[str, Any]] = []
        for d in range(7):
            day = start + timedelta(days=d)
            begins = datetime.combine(day, wall(8), tzinfo=ZoneInfo(ZONE))
            working = [p for i, p in enumerate(people) if (i + d) % 7 < 5]
            for k in range(0, len(working), PER_SHIFT):
                shift_id = uuid.uuid4()
                shifts.append(
                    {
                        "id": shift_id,
                        "organisation_id": org_id,
                        "location_id": loc_id,
                        "starts_at": begins,
                        "ends_at": begins + timedelta(hours=8),
                        "headcount": PER_SHIFT,
                        "state": ShiftState.draft,
                    }
                )
                seats.extend(
                    {
                        "id": uuid.uuid4(),
                        "organisation_id": org_id,
                        "shift_id": shift_id,
                        "person_id": p.id,
                        "starts_at": begins,
                        "ends_at": begins + timedelta(hours=8),
                    }
                    for p in working[k : k + PER_SHIFT]
                )
        await s.execute(insert(Shift), shifts)
        await s.execute(insert(Assignment), seats)
        return World(org_id, loc_id, admin.id, start)


def start_workers(url: str, count: int, smtp_port: int) -> list[subprocess.Popen[bytes]]:
    env = os.environ | {
        "SHIFTWISE_ENVIRONMENT": "development",
        "SHIFTWISE_DATABASE_URL": url,
        "SHIFTWISE_REDIS_URL": REDIS_URL,
        "SHIFTWISE_LOG_LEVEL": "WARNING",
        "SHIFTWISE_SMTP_HOST": "127.0.0.1",
        "SHIFTWISE_SMTP_PORT": str(smtp_port),
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


async def _count(database: Database, stmt: Any) -> int:
    async with database.session(write=False) as s:
        return int(await s.scalar(stmt) or 0)


async def wait_ready(database: Database, world: World) -> None:
    """A probe row the workers must process: they are up, connected and relaying."""
    async with database.session(write=True) as s:
        s.add(OutboxEvent(organisation_id=world.organisation_id, topic="outbox.purge", payload={}))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        done = await _count(
            database,
            select(func.count())
            .select_from(OutboxEvent)
            .where(OutboxEvent.topic == "outbox.purge", OutboxEvent.processed_at.is_not(None)),
        )
        if done:
            return
        await asyncio.sleep(0.2)
    raise SystemExit("workers did not start within 120 s")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def one_run(db: str, url: str, workers: int) -> list[str]:
    lines = []
    smtp = FakeSmtp()
    smtp.controller.start()
    try:
        settings = Settings(database_url=url, log_level="WARNING")
        database = Database(create_engine(settings))
        redis = Redis.from_url(REDIS_URL)
        redis.flushdb()
        procs: list[subprocess.Popen[bytes]] = []
        try:
            world = await seed(database)
            procs = start_workers(url, workers, smtp.port)
            await asyncio.sleep(2 * workers)  # let each process import before the probe
            await wait_ready(database, world)
            load = os.getloadavg()[0]
            subject = Subject(
                user_id=world.admin_id,
                organisation_id=world.organisation_id,
                role=Role.admin,
                person_id=None,
                via="session",
            )
            request = PublishRequest(location_id=world.location_id, start_date=world.start)
            async with database.session(write=True) as s:
                summary = await publishing.publish(s, subject, request, dry_run=False)
            committed_at = datetime.now().astimezone()
            t0 = time.monotonic()
            people = len(summary.people_notified)
            published = select(OutboxEvent.id).where(OutboxEvent.topic == publishing.PUBLISHED)
            state: dict[str, int] = {}
            while time.monotonic() - t0 < TIMEOUT_S:
                state = {
                    "processed": await _count(
                        database,
                        select(func.count())
                        .select_from(OutboxEvent)
                        .where(
                            OutboxEvent.id.in_(published),
                            (OutboxEvent.processed_at.is_not(None))
                            | (OutboxEvent.dead_at.is_not(None)),
                        ),
                    ),
                    "in_app": await _count(
                        database,
                        select(func.count())
                        .select_from(Notification)
                        .where(Notification.event_id.in_(published)),
                    ),
                    "email": smtp.count(),
                }
                if min(state.values()) >= people:
                    break
                await asyncio.sleep(0.1)
            elapsed = time.monotonic() - t0
            async with database.session(write=False) as s:
                found = (
                    await s.execute(
                        select(OutboxEvent.dispatched_at, OutboxEvent.dead_at).where(
                            OutboxEvent.id.in_(published)
                        )
                    )
                ).all()
            lags = [(d - committed_at).total_seconds() * 1000 for d, _ in found if d is not None]
            dead = sum(1 for _, x in found if x is not None)
            complete = min(state.values()) >= people
            lines.append(
                f"{db}, {workers} worker process(es), load {load:.1f} before: "
                f"{people} people notified of {summary.published_shift_count} shifts; "
                + (
                    f"all handed on in {elapsed:.1f} s ({people * 2 / elapsed:.0f} messages/s)"
                    if complete
                    else f"NOT complete after {elapsed:.0f} s"
                )
                + f" — events processed {state['processed']}, in-app {state['in_app']}, "
                f"emails at the fake SMTP {state['email']}, dead {dead}"
            )
            if lags:
                lines.append(
                    f"  relay lag (commit → Redis) over {len(lags)} events: "
                    f"p50 {statistics.median(lags):.0f} ms, p99 {pct(lags, 0.99):.0f} ms, "
                    f"max {max(lags):.0f} ms"
                )
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                try:
                    p.wait(30)
                except subprocess.TimeoutExpired:
                    p.kill()
            await database.dispose()
            redis.flushdb()
            redis.close()
    finally:
        smtp.controller.stop()
    return lines


def main(db: str, worker_counts: list[int]) -> None:
    say(
        f"notify_bench: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"1-minute load {os.getloadavg()[0]:.1f}"
    )
    for workers in worker_counts:
        with scratch_database(db, "shiftwise_notify_bench") as url:
            for line in asyncio.run(one_run(db, url, workers)):
                say(line)
    say(f"1-minute load after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--db", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--workers", default="1,2", help="worker process counts, e.g. 1,2")
    args = parser.parse_args()
    main(args.db, [int(w) for w in args.workers.split(",")])
