"""The demo organisation: loads once, is realistic, and breaks none of the roster's rules."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.db import Database
from shiftwise.demo import (
    ADMIN_EMAIL,
    COORDINATOR_EMAIL,
    DEMO_PASSWORD,
    STAFF_EMAIL,
    load_demo,
    roster,
)
from shiftwise.demo.catalogue import PATTERNS
from shiftwise.models import (
    Assignment,
    Location,
    Organisation,
    Person,
    PersonSkill,
    Shift,
    ShiftState,
    User,
)
from tests.conftest import Clients

# A Monday whose four weeks cross the UK's end of summer time (25 Oct 2026) and the
# US's (1 Nov 2026).
TODAY = date(2026, 10, 21)


async def _load(database: Database) -> None:
    async with database.session(write=True) as s:
        summary = await load_demo(s, today=TODAY)
    assert summary is not None


async def test_demo_loads_once(database: Database, session: AsyncSession) -> None:
    async with database.session(write=True) as s:
        first = await load_demo(s, today=TODAY)
    async with database.session(write=True) as s:
        second = await load_demo(s, today=TODAY)

    assert first is not None
    assert second is None
    assert first.first_monday == date(2026, 10, 19)
    assert first.locations == 3
    assert 55 <= first.people <= 65
    assert await session.scalar(select(func.count()).select_from(Organisation)) == 1
    assert await session.scalar(select(func.count()).select_from(Person)) == first.people
    assert await session.scalar(select(func.count()).select_from(Shift)) == first.shifts
    assert await session.scalar(select(func.count()).select_from(Assignment)) == first.assignments
    zones = set((await session.scalars(select(Location.time_zone))).all())
    assert zones == {"Europe/London", "America/New_York"}
    # Mostly filled, with gaps left for coordinators.
    seats = await session.scalar(select(func.sum(Shift.headcount)))
    assert seats is not None
    assert 0.75 * seats <= first.assignments < seats
    assert first.open_seats == seats - first.assignments


async def test_demo_has_no_overlaps_and_respects_skills(
    database: Database, session: AsyncSession
) -> None:
    await _load(database)
    rows = (
        await session.execute(
            select(Assignment, Shift, Location.time_zone)
            .join(Shift, Shift.id == Assignment.shift_id)
            .join(Location, Location.id == Shift.location_id)
        )
    ).all()
    held = {
        (ps.person_id, ps.skill_id): ps.expires_date
        for ps in (await session.scalars(select(PersonSkill))).all()
    }
    by_person: dict[object, list[Assignment]] = defaultdict(list)
    for assignment, shift, zone in rows:
        assert (assignment.starts_at, assignment.ends_at) == (shift.starts_at, shift.ends_at)
        key = (assignment.person_id, shift.skill_id)
        assert key in held, "assigned without the shift's skill"
        expires = held[key]
        local_day = shift.starts_at.astimezone(ZoneInfo(zone)).date()
        assert expires is None or local_day <= expires, "assigned with an expired skill"
        by_person[assignment.person_id].append(assignment)
    for assignments in by_person.values():
        assignments.sort(key=lambda a: a.starts_at)
        for before, after in itertools.pairwise(assignments):
            assert before.ends_at + roster.REST <= after.starts_at

    per_shift: dict[object, int] = defaultdict(int)
    for assignment, _shift, _zone in rows:
        per_shift[assignment.shift_id] += 1
    for shift in (await session.scalars(select(Shift))).all():
        assert per_shift[shift.id] <= shift.headcount


async def test_demo_shifts_follow_local_time_across_dst(
    database: Database, session: AsyncSession
) -> None:
    await _load(database)
    rows = (
        await session.execute(
            select(Shift, Location.time_zone).join(Location, Location.id == Shift.location_id)
        )
    ).all()
    starts = {p.start for p in PATTERNS}
    nights = defaultdict(set)
    monday = date(2026, 10, 19)
    for shift, zone in rows:
        local_start = shift.starts_at.astimezone(ZoneInfo(zone))
        assert local_start.time() in starts
        week = (local_start.date() - monday).days // 7
        assert 0 <= week < 4
        assert shift.state is (ShiftState.published if week < 2 else ShiftState.draft)
        if local_start.hour == 23:
            nights[zone].add((local_start.date(), shift.ends_at - shift.starts_at))
    # The night into the end of summer time is nine hours long, the others eight.
    assert (date(2026, 10, 24), timedelta(hours=9)) in nights["Europe/London"]
    assert (date(2026, 10, 31), timedelta(hours=9)) in nights["America/New_York"]
    assert (date(2026, 10, 31), timedelta(hours=8)) in nights["Europe/London"]


def test_demo_is_deterministic() -> None:
    first, second = roster.plan(TODAY, 7), roster.plan(TODAY, 7)
    assert [p.name for p in first.people] == [p.name for p in second.people]
    assert first.assignments == second.assignments
    assert any(
        expires is not None and expires < first.monday + timedelta(days=28)
        for p in first.people
        for expires in p.skills.values()
    ), "some skills should lapse during the demo period"


async def test_demo_sign_ins_work(database: Database, clients: Clients) -> None:
    await _load(database)
    seen = {}
    for email in (ADMIN_EMAIL, COORDINATOR_EMAIL, STAFF_EMAIL):
        client = clients.anonymous()
        response = await client.post(
            "/api/v1/auth/login", json={"email": email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 200, response.text
        me = (await client.get("/api/v1/me")).json()
        seen[me["role"]] = me
    assert seen["admin"]["organisation_name"] == "Harbourview Care"
    assert len(seen["coordinator"]["location_ids"]) == 2
    assert seen["staff"]["person_id"] is not None


async def test_demo_staff_user_has_shifts(database: Database, session: AsyncSession) -> None:
    await _load(database)
    staff = await session.scalar(select(Person).join(User, User.id == Person.user_id))
    assert staff is not None
    count = await session.scalar(
        select(func.count()).select_from(Assignment).where(Assignment.person_id == staff.id)
    )
    assert count is not None
    assert count >= 8
