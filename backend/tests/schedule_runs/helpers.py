"""A small location's week: people with time off, unavailability and expired skills."""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.db import Database
from shiftwise.kit.time import utcnow
from shiftwise.models import (
    AvailabilityException,
    AvailabilityStatus,
    ComplianceRuleSetting,
    Organisation,
    Person,
    Shift,
    ShiftState,
    TimeOffKind,
    TimeOffRequest,
    TimeOffState,
)
from shiftwise.schedule_runs.inputs import load_inputs
from shiftwise.scheduling import rules
from tests.fixtures import factories
from tests.fixtures.factories import World

DONE = {"succeeded", "failed", "cancelled"}


@dataclass
class Week:
    start: date
    people: list[Person]
    on_leave: Person
    unavailable: Person
    expired: Person
    shifts: list[Shift]
    unstaffable: Shift  # needs a skill nobody holds


def next_monday() -> date:
    today = utcnow().date()
    return today + timedelta(days=7 + (7 - today.weekday()) % 7)


def at(day: date, hour: int) -> datetime:
    return datetime(
        day.year, day.month, day.day, hour, tzinfo=ZoneInfo("Europe/London")
    ).astimezone(UTC)


async def arrange_week(s: AsyncSession, world: World, *, days: int = 7, seats: int = 2) -> Week:
    start = next_monday()
    nurse = world.skill
    surgeon = await factories.skill(s, world.org, "Surgeon")
    people = [world.staff, world.colleague]
    for n in range(3):
        people.append(
            await factories.person(s, world.org, f"Nurse {n}", home=world.loc, skills={nurse: None})
        )
    expired = await factories.person(
        s, world.org, "Ex Pired", home=world.loc, skills={nurse: start - timedelta(days=30)}
    )
    people.append(expired)
    on_leave, unavailable = people[2], people[3]
    s.add(
        TimeOffRequest(
            organisation_id=world.org.id,
            person_id=on_leave.id,
            starts_at=at(start, 0),
            ends_at=at(start + timedelta(days=3), 0),
            kind=TimeOffKind.vacation,
            state=TimeOffState.approved,
        )
    )
    s.add(
        AvailabilityException(
            organisation_id=world.org.id,
            person_id=unavailable.id,
            exception_date=start + timedelta(days=1),
            status=AvailabilityStatus.unavailable,
        )
    )
    shifts: list[Shift] = []
    for d in range(days):
        day = start + timedelta(days=d)
        shifts.append(
            await factories.shift(
                s,
                world.loc,
                at(day, 7),
                8,
                skill=nurse,
                headcount=seats,
                state=ShiftState.published,
            )
        )
        shifts.append(await factories.shift(s, world.loc, at(day, 15), 8, state=ShiftState.draft))
    unstaffable = await factories.shift(s, world.loc, at(start, 9), 4, skill=surgeon)
    shifts.append(unstaffable)
    await s.flush()
    return Week(start, people, on_leave, unavailable, expired, shifts, unstaffable)


async def wait_done(c: httpx.AsyncClient, run_id: str, within: float = 90) -> dict[str, Any]:
    deadline = time.monotonic() + within
    while True:
        r = await c.get(f"/api/v1/schedule-runs/{run_id}")
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        if body["state"] in DONE:
            return body
        if time.monotonic() > deadline:
            raise AssertionError(f"run not done in {within} s: {body['state']}")
        await asyncio.sleep(0.1)


async def hard_violations_with(
    s: AsyncSession, world: World, start: date, days: int, pairs: list[tuple[str, str]]
) -> list[rules.Violation]:
    """check_schedule on the database's state plus `pairs` (person id, shift id)."""
    inputs = await load_inputs(s, world.org.id, [world.loc.id], start, days)
    proposed = [(uuid.UUID(p), inputs.shifts[uuid.UUID(sh)].fact) for p, sh in pairs]
    found = rules.check_schedule(
        inputs.facts.values(),
        lambda person: inputs.book.for_(world.loc.id, uuid.UUID(str(person.person_id))),
        inputs.period(),
        proposed=[(p, f) for p, f in proposed],
    )
    return [v for v in found if v.is_hard]


# A four-week rule period from Monday 25 February 2030 (London is UTC until 31 March),
# with 50 hours worked in its first week under a 55-hour period maximum.
PERIOD_ANCHOR = date(2030, 2, 25)
FOUR_WEEKS = {"weeks": 4, "anchor_date": PERIOD_ANCHOR.isoformat()}
_MAX_55 = {"max_hours_per_period": {"enabled": True, "params": {"hours": 55}}}


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


async def arrange_fifty_hours(
    database: Database, world: World, rule_period: dict[str, object], proposed_on: date
) -> uuid.UUID:
    """Mon 25 Feb - Fri 1 Mar 2030, 10 h a day for `world.staff` under a 55-hour period
    maximum and `rule_period`; returns an open 6-hour shift on `proposed_on`."""
    async with database.session(write=True) as s:
        org = await s.get_one(Organisation, world.org.id)
        org.settings = {"rule_period": rule_period}
        s.add(
            ComplianceRuleSetting(
                id=uuid.uuid4(),
                organisation_id=world.org.id,
                scope_key="organisation",
                rules=_MAX_55,
            )
        )
        for d in range(5):
            sh = await factories.shift(s, world.loc, _at(PERIOD_ANCHOR + timedelta(days=d), 8), 10)
            await factories.assignment(s, sh, world.staff)
        proposed = await factories.shift(s, world.loc, _at(proposed_on, 9), 6)
        return proposed.id
