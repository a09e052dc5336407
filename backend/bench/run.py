"""`make bench`: generate the large organisation on SQLite and PostgreSQL, start a real
uvicorn server on each, time the API over loopback, print a table and write README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import asyncpg
import httpx
from alembic import command
from alembic.config import Config

from bench import measure
from bench.generate import Dataset, analyse, generate
from shiftwise.db import create_engine

BACKEND_DIR = Path(__file__).resolve().parent.parent
README = Path(__file__).resolve().parent / "README.md"
PG_SERVER = os.environ.get("SHIFTWISE_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432")
PG_DATABASE = "shiftwise_bench"
WARMUP = 20


@dataclass(frozen=True)
class Row:
    database: str
    request: str
    sequential: measure.Result
    concurrent: measure.Result
    expected: int


@dataclass(frozen=True)
class Setup:
    database: str
    generate_seconds: float
    people: int
    shifts: int
    assignments: int
    shifts_per_page: int
    version: str
    load: str


@contextmanager
def scratch_database(database: str, pg_name: str) -> Iterator[str]:
    """A migrated, empty database for one benchmark (a temporary SQLite file, or the
    PostgreSQL database `pg_name`, dropped afterwards); yields its URL."""
    with tempfile.TemporaryDirectory(prefix="shiftwise-bench-") as tmp:
        if database == "sqlite":
            url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        elif database == "postgresql":
            asyncio.run(_pg(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)'))
            asyncio.run(_pg(f'CREATE DATABASE "{pg_name}"'))
            url = PG_SERVER.replace("postgresql://", "postgresql+asyncpg://", 1) + f"/{pg_name}"
        else:
            raise SystemExit(f"unknown database {database!r}: use sqlite or postgresql")
        try:
            config = Config(str(BACKEND_DIR / "alembic.ini"))
            config.attributes["database_url"] = url
            command.upgrade(config, "head")
            yield url
        finally:
            if database == "postgresql":
                asyncio.run(_pg(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)'))


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--people", type=int, default=1_000)
    parser.add_argument("--shifts", type=int, default=20_000)
    parser.add_argument("--sequential", type=int, default=200, help="requests by one client")
    parser.add_argument("--concurrent", type=int, default=1_000, help="requests by --clients")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite README.md")
    args = parser.parse_args(argv)

    rows: list[Row] = []
    setups: list[Setup] = []
    for database in args.databases.split(","):
        setup, measured = bench_database(database.strip(), args)
        setups.append(setup)
        rows.extend(measured)
    table = render(rows)
    say()
    say(table)
    if not args.no_readme:
        README.write_text(readme(setups, table, args) + other_sections(README))
        say(f"\nwritten to {README.relative_to(BACKEND_DIR.parent)}")


def bench_database(database: str, args: argparse.Namespace) -> tuple[Setup, list[Row]]:
    with tempfile.TemporaryDirectory(prefix="shiftwise-bench-") as tmp:
        if database == "sqlite":
            url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
            version = f"SQLite {sqlite3.sqlite_version}"
        elif database == "postgresql":
            version = asyncio.run(_pg(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)'))
            asyncio.run(_pg(f'CREATE DATABASE "{PG_DATABASE}"'))
            url = PG_SERVER.replace("postgresql://", "postgresql+asyncpg://", 1) + f"/{PG_DATABASE}"
        else:
            raise SystemExit(f"unknown database {database!r}: use sqlite or postgresql")
        try:
            say(f"[{database}] migrating")
            config = Config(str(BACKEND_DIR / "alembic.ini"))
            config.attributes["database_url"] = url
            command.upgrade(config, "head")
            say(f"[{database}] generating {args.people} people and {args.shifts} shifts")
            started = time.perf_counter()
            dataset = asyncio.run(_generate(url, args))
            seconds = time.perf_counter() - started
            say(
                f"[{database}] generated in {seconds:.1f} s: {dataset.assignments} assignments, "
                f"{len(dataset.free_pairs)} free pairs"
            )
            load_before = os.getloadavg()[0]
            with server(url, Path(tmp) / "server.log") as base_url:
                per_page, rows = asyncio.run(measure_api(database, base_url, dataset, args))
            load = f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
        finally:
            if database == "postgresql":
                asyncio.run(_pg(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)'))
    setup = Setup(
        database,
        seconds,
        dataset.people,
        dataset.shifts,
        dataset.assignments,
        per_page,
        version,
        load,
    )
    return setup, rows


async def _pg(sql: str) -> str:
    conn = await asyncpg.connect(f"{PG_SERVER}/postgres", timeout=10)
    try:
        await conn.execute(sql)
        version: str = await conn.fetchval("SHOW server_version")
        return f"PostgreSQL {version}"
    finally:
        await conn.close()


async def _generate(url: str, args: argparse.Namespace) -> Dataset:
    engine = create_engine(url=url)
    try:
        ds = await generate(engine, people=args.people, shifts=args.shifts)
        await analyse(engine)
        return ds
    finally:
        await engine.dispose()


class server:
    """`shiftwise serve` on a free loopback port, stopped with SIGTERM on exit."""

    def __init__(self, url: str, log: Path) -> None:
        self.url = url
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None
        self.log_file: IO[bytes] | None = None

    def __enter__(self) -> str:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        script = Path(sys.executable).with_name("shiftwise")
        env = {**os.environ, "SHIFTWISE_DATABASE_URL": self.url}
        self.log_file = self.log.open("wb")
        self.process = subprocess.Popen(
            [str(script), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.log_file,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.__exit__()
                raise SystemExit(
                    f"the server exited with {self.process.returncode}:\n{self.log.read_text()}"
                )
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    return base
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.__exit__()
        raise SystemExit(f"the server did not become ready in 60 s:\n{self.log.read_text()}")

    def __exit__(self, *_: object) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log_file is not None:
            self.log_file.close()


async def measure_api(
    database: str, base_url: str, data: Dataset, args: argparse.Namespace
) -> tuple[int, list[Row]]:
    headers = {"Authorization": f"Bearer {data.api_token}"}
    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    async with httpx.AsyncClient(
        base_url=base_url, headers=headers, limits=limits, timeout=60
    ) as client:

        async def list_week(c: httpx.AsyncClient, n: int) -> httpx.Response:
            loc = n % len(data.location_ids)
            start, end = data.week(n // len(data.location_ids) % 4, data.location_zones[loc])
            return await c.get(
                "/api/v1/shifts",
                params={
                    "location_id": str(data.location_ids[loc]),
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "limit": 500,
                },
            )

        async def assign(c: httpx.AsyncClient, n: int) -> httpx.Response:
            shift_id, person_id = data.free_pairs[n]
            return await c.post(
                f"/api/v1/shifts/{shift_id}/assignments", json={"person_id": str(person_id)}
            )

        probe = await list_week(client, 0)
        if probe.status_code != 200:
            raise SystemExit(f"GET /api/v1/shifts answered {probe.status_code}: {probe.text}")
        per_page = len(probe.json()["items"])

        rows = []
        budget = len(data.free_pairs) - WARMUP
        sequential = min(args.sequential, budget // 2)
        concurrent = min(args.concurrent, budget - sequential)
        for name, call, expected, seq, conc in (
            ("list a location's week", list_week, 200, args.sequential, args.concurrent),
            ("create an assignment", assign, 201, sequential, concurrent),
        ):
            say(f"[{database}] {name}: {seq} sequential, {conc} by {args.clients} clients")
            await measure.run(client, call, first=0, count=WARMUP, workers=1)
            one = await measure.run(client, call, first=WARMUP, count=seq, workers=1)
            many = await measure.run(
                client, call, first=WARMUP + seq, count=conc, workers=args.clients
            )
            rows.append(Row(database, name, one, many, expected))
        return per_page, rows


def render(rows: list[Row]) -> str:
    lines = [
        "| database | request | 1 client median ms | 1 client p95 ms | 1 client req/s "
        "| 20 clients req/s | 20 clients median ms | 20 clients p95 ms | unexpected statuses |",
        "|---|---|--:|--:|--:|--:|--:|--:|---|",
    ]
    for r in rows:
        odd = {
            status: count
            for result in (r.sequential, r.concurrent)
            for status, count in result.statuses.items()
            if status != r.expected
        }
        lines.append(
            f"| {r.database} | {r.request} | {r.sequential.median_ms:.1f} "
            f"| {r.sequential.p95_ms:.1f} | {r.sequential.per_second:.0f} "
            f"| {r.concurrent.per_second:.0f} | {r.concurrent.median_ms:.1f} "
            f"| {r.concurrent.p95_ms:.1f} | {odd or 'none'} |"
        )
    return "\n".join(lines)


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=BACKEND_DIR,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


OWN_SECTIONS = ("## Latest results",)


def other_sections(path: Path) -> str:
    """The README's sections written by other benchmarks (e.g. bench-solver), kept as they are."""
    if not path.exists():
        return ""
    kept: list[str] = []
    keep = False
    for line in path.read_text().splitlines(keepends=True):
        if line.startswith("## "):
            keep = not line.startswith(OWN_SECTIONS)
        if keep:
            kept.append(line)
    return ("\n" + "".join(kept)) if kept else ""


def readme(setups: list[Setup], table: str, args: argparse.Namespace) -> str:
    data = "\n".join(
        f"- {s.version}: {s.people:,} people, {s.shifts:,} shifts, {s.assignments:,} "
        f"assignments generated and inserted in {s.generate_seconds:.1f} s; one location's "
        f"week is {s.shifts_per_page} shifts (the page of the first request); 1-minute load "
        f"average {s.load} the requests."
        for s in setups
    )
    return f"""# Benchmarks

`make bench` (which runs `cd backend && uv run python -m bench`) measures the API at the
size the product promises to feel instant at: one organisation of 1,000 people at ten
locations in two time zones, with 20,000 shifts over four weeks, about half of their
seats filled.

- `generate.py` builds that organisation with SQLAlchemy core bulk inserts (contact
  details encrypted as the product stores them), and sets aside (shift, person) pairs
  that can be assigned without breaking a rule.
- `run.py` migrates a scratch database (a temporary SQLite file, then the
  `{PG_DATABASE}` database on the local PostgreSQL, dropped afterwards), generates the
  data, starts `shiftwise serve` as a subprocess on a free loopback port and times, with
  an API token:
  - `GET /api/v1/shifts?location_id=…&start=…&end=…&limit=500`: one location's week
    (rotating over the ten locations and four weeks);
  - `POST /api/v1/shifts/{{id}}/assignments` `{{"person_id": …}}`: a new assignment,
    checked against every rule, committed.

  Each is warmed up with {WARMUP} requests, then timed for a fixed number of requests from
  one client in sequence (median and 95th percentile latency) and from
  {args.clients} concurrent clients (throughput, and latency under that load).
- Options: `uv run python -m bench --help` (fewer requests, one database, a smaller
  organisation, `--no-readme`).

Client and server share the machine, and the client (httpx) takes CPU the server would
otherwise have; the server runs one uvicorn worker with its default settings (INFO
request logs to a discarded stdout, no Redis). The load average is printed with the
results because the figures only compare between runs at a similar load: on a 2-core
machine shared with other work, a load far above 2 slows every row several-fold.

## Latest results

Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC at commit `{_commit()}` with
`make bench` ({args.sequential} sequential and {args.concurrent} concurrent requests per
row), on {os.cpu_count()} CPUs (`nproc`), {_memory()} memory, Python
{platform.python_version()}, {platform.system()} {platform.machine()}.

{data}

{table}
"""
