"""Seed a migrated database for the week-grid benchmark with the backend's bench generator.

Usage (from backend/, so its environment is used):
    uv run --no-sync python ../frontend/bench/seed.py sqlite+aiosqlite:///path/bench.db PEOPLE SHIFTS

Ten locations share PEOPLE and SHIFTS evenly, over one week; prints the first location's
id, its zone, the Monday and an API token as JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))

from bench.generate import generate  # noqa: E402
from shiftwise.db import create_engine  # noqa: E402


async def main(url: str, people: int, shifts: int) -> None:
    engine = create_engine(url=url)
    try:
        ds = await generate(engine, people=people, shifts=shifts, weeks=1)
    finally:
        await engine.dispose()
    print(
        json.dumps(
            {
                "token": ds.api_token,
                "location_id": str(ds.location_ids[0]),
                "zone": ds.location_zones[0],
                "monday": ds.monday.isoformat(),
                "people": ds.people,
                "shifts": ds.shifts,
                "assignments": ds.assignments,
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
