from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.auth.subject import Subject
from shiftwise.db import Database
from shiftwise.models import (
    AvailabilityStatus,
    ComplianceRuleSetting,
    Location,
    Organisation,
    Person,
    Role,
    ShiftState,
    TimeOffKind,
    TimeOffRequest,
    TimeOffState,
)
from shiftwise.schedule import grid, schemas
from shiftwise.schedule.grid import week_grid
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.schedule.helpers import MONDAY, counting, slot, statements, utc

URL = "/api/v1/schedule"


def params(world: World, start: date = MONDAY, **extra: Any) -> dict[str, Any]:
    return {"location_id": str(world.loc.id), "start_date": start.isoformat()} | extra


def by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in items}


class TestGrid:
    async def test_shifts_seats_people_hours_and_violations(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        mon, tue = MONDAY, MONDAY + timedelta(days=1)
        day = await factories.shift(session, world.loc, utc(mon, 9), skill=world.skill, headcount=3)
        day.break_minutes = 30
        night = await factories.shift(session, world.loc, utc(mon, 22), state=ShiftState.published)
        early = await factories.shift(session, world.loc, utc(tue, 8))
        cancelled = await factories.shift(session, world.loc, utc(tue, 12))
        cancelled.state = ShiftState.cancelled
        next_week = await factories.shift(session, world.loc, utc(mon + timedelta(days=7), 9))
        elsewhere = await factories.shift(session, world.other_loc, utc(tue, 14), hours=6)
        visitor = await factories.person(session, world.org, "Vic Visitor", home=world.other_loc)
        inactive = await factories.person(session, world.org, "Ina Inactive", home=world.loc)
        inactive.is_active = False
        await factories.person(session, world.org, "Oli Other", home=world.other_loc)
        # Sam works the day, then the night, then an early shift after 2 hours' rest.
        for shift, person in [
            (day, world.staff),
            (night, world.staff),
            (early, world.staff),
            (day, visitor),
            (elsewhere, world.colleague),
            (next_week, world.colleague),
        ]:
            await factories.assignment(session, shift, person)
        await session.commit()

        c = await clients.as_user(world.coordinator)
        r = await c.get(URL, params=params(world))
        assert r.status_code == 200, r.text
        grid = r.json()
        assert grid["location"]["time_zone"] == "Europe/London"
        assert (grid["start_date"], grid["end_date"], grid["days"]) == (
            "2030-03-04",
            "2030-03-10",
            7,
        )
        shifts = by_id(grid["shifts"])
        assert list(shifts) == [str(day.id), str(night.id), str(early.id)]
        assert str(cancelled.id) not in shifts
        assert str(next_week.id) not in shifts
        first = shifts[str(day.id)]
        assert (first["paid_minutes"], first["open_seats"], first["local_date"]) == (
            450,
            1,
            "2030-03-04",
        )
        assert [a["display_name"] for a in first["assignments"]] == ["Sam Staff", "Vic Visitor"]
        assert shifts[str(night.id)]["state"] == "published"
        assert grid["open_seats"] == 1

        people = {p["display_name"]: p for p in grid["people"]}
        assert set(people) == {"Cleo Colleague", "Sam Staff", "Vic Visitor"}
        sam = people["Sam Staff"]
        assert Decimal(sam["paid_hours"]) == Decimal("23.50")
        assert sam["paid_minutes"] == 450 + 480 + 480
        assert Decimal(sam["contracted_hours"]) == Decimal("37.50")
        assert sam["skills"] == [{"skill_id": str(world.skill.id), "expires_date": None}]
        # Hours count every location; the shift elsewhere is not on this grid.
        assert people["Cleo Colleague"]["paid_minutes"] == 360

        mine = [v for v in grid["violations"] if v["records"]["person_id"] == str(world.staff.id)]
        rules = {v["rule"] for v in mine}
        assert {"min_rest", "forbidden_succession"} <= rules
        rests = [v for v in mine if v["rule"] == "min_rest"]
        assert {v["severity"] for v in rests} == {"hard"}
        assert [v["records"]["shift_ids"] for v in rests] == [
            [str(day.id), str(night.id)],
            [str(night.id), str(early.id)],
        ]
        # The whole-period minimum is judged too (soft): Cleo has 6 of 37.5 hours.
        cleo = [
            v["rule"]
            for v in grid["violations"]
            if v["records"]["person_id"] == str(world.colleague.id)
        ]
        assert "min_hours_per_period" in cleo
        hard_first = [v["severity"] for v in grid["violations"]]
        assert hard_first == sorted(hard_first)  # "hard" < "soft"

    async def test_days_and_local_dates_in_the_location_zone(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        # New York: 2030-07-02 01:00 UTC is still 1 July locally.
        late = await factories.shift(session, world.other_loc, utc(date(2030, 7, 2), 1))
        await factories.shift(session, world.other_loc, utc(date(2030, 7, 3), 13))
        await session.commit()
        c = await clients.as_user(world.other_coordinator)
        q: dict[str, str | int] = {
            "location_id": str(world.other_loc.id),
            "start_date": "2030-07-01",
            "days": 1,
        }
        r = await c.get(URL, params=q)
        assert r.status_code == 200, r.text
        assert [s["id"] for s in r.json()["shifts"]] == [str(late.id)]
        assert r.json()["shifts"][0]["local_date"] == "2030-07-01"
        assert r.json()["starts_at"].startswith("2030-07-01T04:00:00")

    @pytest.mark.parametrize(
        ("starts", "local", "minutes"),
        [
            # 22:00 GMT → 06:00 BST: the night the clocks go forward lasts 7 hours.
            (datetime(2030, 3, 30, 22, tzinfo=UTC), "2030-03-30", 420),
            # 22:00 BST → 06:00 GMT: the night they go back lasts 9 hours.
            (datetime(2030, 10, 26, 21, tzinfo=UTC), "2030-10-26", 540),
        ],
    )
    async def test_hours_are_true_across_clock_changes(
        self,
        clients: Clients,
        world: World,
        session: AsyncSession,
        starts: datetime,
        local: str,
        minutes: int,
    ) -> None:
        sh = await factories.shift(session, world.loc, starts, hours=minutes / 60)
        await factories.assignment(session, sh, world.staff)
        await session.commit()
        c = await clients.as_user(world.admin)
        r = await c.get(URL, params=params(world, date.fromisoformat(local), days=1))
        assert r.status_code == 200, r.text
        assert r.json()["shifts"][0]["paid_minutes"] == minutes
        sam = next(p for p in r.json()["people"] if p["id"] == str(world.staff.id))
        assert sam["paid_minutes"] == minutes

    async def test_who_may_see_it_and_bad_input(self, clients: Clients, world: World) -> None:
        assert (await clients.anonymous().get(URL, params=params(world))).status_code == 401
        for user, status in [
            (world.staff_user, 403),
            (world.other_coordinator, 403),
            (world.foreign_admin, 404),
            (world.coordinator, 200),
            (world.admin, 200),
        ]:
            c = await clients.as_user(user)
            r = await c.get(URL, params=params(world))
            assert r.status_code == status, (user.role, r.text)
        c = await clients.as_user(world.admin)
        assert (await c.get(URL, params=params(world, location_id=str(uuid.uuid4())))).json()[
            "error"
        ] == "location_not_found"
        for bad in ({"days": 0}, {"days": 32}, {"start_date": "2030-02-30"}):
            r = await c.get(URL, params=params(world) | bad)
            assert r.status_code == 422, r.text
        assert (await c.get(URL, params={"start_date": "2030-03-04"})).status_code == 422


async def _location_of_size(s: AsyncSession, world: World, size: int, name: str) -> Location:
    """`size` people with skills, availability, time off and their own rule layer, and
    2 × size shifts (half of them filled) over a week."""
    loc = await factories.location(s, world.org, name)
    people: list[Person] = []
    for i in range(size):
        p = await factories.person(
            s, world.org, f"{name} {i:03d}", home=loc, skills={world.skill: None}
        )
        s.add(slot(world, p, i % 7, time(6), time(22), AvailabilityStatus.preferred))
        s.add(
            TimeOffRequest(
                id=uuid.uuid4(),
                organisation_id=world.org.id,
                person_id=p.id,
                kind=TimeOffKind.vacation,
                starts_at=utc(MONDAY + timedelta(days=9), 0),
                ends_at=utc(MONDAY + timedelta(days=10), 0),
                state=TimeOffState.approved,
            )
        )
        s.add(
            ComplianceRuleSetting(
                organisation_id=world.org.id,
                scope_key=f"person:{p.id}",
                person_id=p.id,
                rules={"max_hours_per_week": {"params": {"hours": 50}}},
            )
        )
        people.append(p)
    for i in range(2 * size):
        day = MONDAY + timedelta(days=i % 7)
        sh = await factories.shift(
            s, loc, utc(day, 8 + (i // 7) % 2 * 9), hours=6, skill=world.skill
        )
        if i % 2 == 0:
            await factories.assignment(s, sh, people[(i // 2) % size])
    return loc


async def test_a_fixed_number_of_statements_whatever_the_size(
    clients: Clients, world: World, session: AsyncSession, database: Database
) -> None:
    small = await _location_of_size(session, world, 3, "Small")
    large = await _location_of_size(session, world, 30, "Large")
    await session.commit()
    admin = await clients.as_user(world.admin)
    counts, sizes = [], []
    for loc in (small, large):
        r, n = await statements(
            database,
            lambda loc=loc: admin.get(  # type: ignore[misc]
                URL, params={"location_id": str(loc.id), "start_date": MONDAY.isoformat()}
            ),
        )
        counts.append(n)
        sizes.append((len(r.json()["shifts"]), len(r.json()["people"])))
    assert sizes == [(6, 3), (60, 30)]
    assert counts[0] == counts[1], counts
    # The build's statements, the read of stored parts (none yet), and after the answer
    # the store of the new ones in a transaction of its own (BEGIN IMMEDIATE, an upsert).
    assert counts[0] <= 18, counts


async def test_inactive_people_on_a_shift_still_show(
    clients: Clients, world: World, session: AsyncSession
) -> None:
    sh = await factories.shift(session, world.loc, utc(MONDAY, 9))
    await factories.assignment(session, sh, world.colleague)
    await session.commit()
    world.colleague.is_active = False
    session.add(world.colleague)
    await session.commit()
    c = await clients.as_user(world.admin)
    r = await c.get(URL, params=params(world))
    cleo = next(p for p in r.json()["people"] if p["id"] == str(world.colleague.id))
    assert cleo["is_active"] is False
    assert "inactive_person" in {v["rule"] for v in r.json()["violations"]}


async def test_the_grid_itself_reads_ten_statements_whatever_the_size(
    world: World, session: AsyncSession, database: Database
) -> None:
    """The location, shifts, seats, people shown, the rule book (week start, rule period
    and layers) and five kinds of facts: the same ten for 3 people as for 30."""
    small = await _location_of_size(session, world, 3, "Small")
    large = await _location_of_size(session, world, 30, "Large")
    await session.commit()
    admin = Subject(world.admin.id, world.org.id, Role.admin, None, "session")
    counts = []
    for loc in (small, large):
        async with database.session(write=False) as s, counting(database) as seen:
            grid = await week_grid(s, admin, loc.id, MONDAY, 7)
        assert grid.people
        counts.append(len([q for q in seen if q.lstrip().upper().startswith("SELECT")]))
    assert counts == [10, 10], counts


async def test_per_period_rules_judge_the_rule_period_the_days_touch(
    clients: Clients, world: World, session: AsyncSession
) -> None:
    """A fortnightly rule period: the second week's grid adds up the whole fortnight,
    as the single check does (docs/adr/0005-rule-period.md)."""
    org = await session.get_one(Organisation, world.org.id)
    org.settings = {"rule_period": {"weeks": 2, "anchor_date": MONDAY.isoformat()}}
    session.add(
        ComplianceRuleSetting(
            organisation_id=world.org.id,
            scope_key="organisation",
            rules={"max_hours_per_period": {"enabled": True, "params": {"hours": 55}}},
        )
    )
    for d in range(5):  # 50 h in the fortnight's first week
        sh = await factories.shift(session, world.loc, utc(MONDAY + timedelta(days=d), 8), 10)
        await factories.assignment(session, sh, world.staff)
    second = await factories.shift(session, world.loc, utc(MONDAY + timedelta(days=8), 8), 6)
    await factories.assignment(session, second, world.staff)
    await session.commit()
    c = await clients.as_user(world.coordinator)
    r = await c.get(URL, params=params(world, MONDAY + timedelta(days=7)))
    assert r.status_code == 200, r.text
    [v] = [v for v in r.json()["violations"] if v["rule"] == "max_hours_per_period"]
    assert (v["records"]["amount"], v["records"]["local_date"]) == ("56.00", MONDAY.isoformat())
    assert str(second.id) in v["records"]["shift_ids"]
    # The week after the fortnight is a new period: nothing to add up there.
    r = await c.get(URL, params=params(world, MONDAY + timedelta(days=14)))
    assert "max_hours_per_period" not in {v["rule"] for v in r.json()["violations"]}


async def test_the_answer_assembled_from_parts_is_the_schema_s_own_json(
    clients: Clients, world: World, session: AsyncSession
) -> None:
    """People's rows and violations are kept as JSON and put into the answer as they
    are: the bytes must be exactly what serialising the whole grid gives, even when a
    shift's notes spell out the fields the parts go between."""
    shift = await factories.shift(session, world.loc, utc(MONDAY, 9), headcount=2)
    shift.notes = 'Bring "people":[],"violations":[],"open_seats":0 and ünïcödé ✓'
    await factories.assignment(session, shift, world.staff)
    await factories.assignment(  # three hours' rest after the first: a violation
        session, await factories.shift(session, world.loc, utc(MONDAY, 20)), world.staff
    )
    await session.commit()
    coord = await clients.as_user(world.coordinator)
    r = await coord.get(
        URL, params={"location_id": str(world.loc.id), "start_date": MONDAY.isoformat()}
    )
    assert r.status_code == 200, r.text
    as_model = schemas.ScheduleGrid.model_validate_json(r.content)
    assert as_model.violations
    assert grid.serialise(as_model) == r.content
