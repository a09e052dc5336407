from __future__ import annotations

import uuid
from datetime import time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.db import Database
from shiftwise.models import AvailabilityStatus, Person, Shift, ShiftState
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.schedule.helpers import MONDAY, exception, set_contract, slot, statements, utc

TUESDAY = MONDAY + timedelta(days=1)


def url(shift: Shift, **query: Any) -> str:
    suffix = "&".join(f"{k}={v}" for k, v in query.items())
    return f"/api/v1/shifts/{shift.id}/candidates" + (f"?{suffix}" if suffix else "")


async def nurse(s: AsyncSession, world: World, name: str, **kw: Any) -> Person:
    return await factories.person(
        s, world.org, name, home=world.loc, skills={world.skill: None}, **kw
    )


class TestRanking:
    async def test_rule_clean_then_preference_then_room_then_cost(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        s = session
        # Tuesday 10:00–18:00 (a "day" shift), needing a nurse.
        shift = await factories.shift(
            s, world.loc, utc(TUESDAY, 10), skill=world.skill, headcount=2
        )
        prefers = await nurse(s, world, "Pia Prefers")
        s.add(slot(world, prefers, 1, time(8), time(20), AvailabilityStatus.preferred))
        cheap = await nurse(s, world, "Cal Cheap")
        await set_contract(s, cheap, rate="10.00", weekly="37.5")
        dear = await nurse(s, world, "Dee Dear")
        await set_contract(s, dear, rate="20.00", weekly="37.5")
        busy = await nurse(s, world, "Bo Busy")
        monday = await factories.shift(s, world.loc, utc(MONDAY, 0), hours=8)
        await factories.assignment(s, monday, busy)
        morning = await nurse(s, world, "Mo Mornings")
        s.add(slot(world, morning, 1, time(6), time(10), AvailabilityStatus.preferred))
        away = await nurse(s, world, "Una Unavailable")
        s.add(exception(world, away, TUESDAY, AvailabilityStatus.unavailable))
        # Overtime: 36 hours already this week (Wed–Fri), then 8 more.
        long_week = await nurse(s, world, "Ola Overtime")
        for d in (2, 3, 4):
            day = MONDAY + timedelta(days=d)
            sh = await factories.shift(s, world.loc, utc(day, 8), hours=12)
            await factories.assignment(s, sh, long_week)
        # Left out: expired the day before, no skill, inactive, already on the shift.
        expired = await factories.person(s, world.org, "Exa Expired", skills={world.skill: MONDAY})
        await factories.person(s, world.org, "Nos Noskill")
        gone = await nurse(s, world, "Ian Inactive")
        gone.is_active = False
        on_it = await nurse(s, world, "Al Already")
        await factories.assignment(s, shift, on_it)
        await s.commit()

        c = await clients.as_user(world.coordinator)
        r = await c.get(url(shift, limit=50))
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["week_start_date"] == MONDAY.isoformat()
        names = [i["display_name"] for i in body["items"]]
        assert body["total"] == len(names)
        for left_out in ("Exa Expired", "Nos Noskill", "Ian Inactive", "Al Already"):
            assert left_out not in names
        assert str(expired.id) not in {i["person_id"] for i in body["items"]}
        assert [i["rank"] for i in body["items"]] == list(range(1, len(names) + 1))

        def pos(name: str) -> int:
            return names.index(name)

        # Rule-clean with no warning: preference, then room, then cost.
        assert pos("Pia Prefers") < pos("Cal Cheap") < pos("Sam Staff") < pos("Dee Dear")
        assert pos("Dee Dear") < pos("Bo Busy")
        # Then those with warnings, then those with hard violations.
        assert pos("Bo Busy") < pos("Mo Mornings") < pos("Una Unavailable")
        assert pos("Bo Busy") < pos("Ola Overtime") < pos("Una Unavailable")
        assert names[-1] == "Una Unavailable"

        items = {i["display_name"]: i for i in body["items"]}
        pia = items["Pia Prefers"]
        assert (pia["rule_clean"], pia["preference"], pia["soft_violations"]) == (
            True,
            "preferred",
            0,
        )
        assert Decimal(pia["cost"]) == Decimal("120.00")  # 8 h at 15.00
        assert pia["reasons"]["summary"].startswith("Rule-clean; inside their preferred time")
        bo = items["Bo Busy"]
        assert Decimal(bo["week_paid_hours"]) == Decimal("8.00")
        assert Decimal(bo["hours_below_contract"]) == Decimal("29.50")
        mo = items["Mo Mornings"]
        assert mo["preference"] == "not_preferred"
        assert [v["rule"] for v in mo["reasons"]["violations"]] == ["not_preferred"]
        ola = items["Ola Overtime"]
        assert Decimal(ola["overtime_hours"]) == Decimal("4.00")
        # 4 h at 15.00 and 4 h at 1.5 × 15.00.
        assert Decimal(ola["cost"]) == Decimal("150.00")
        assert "overtime" in [v["rule"] for v in ola["reasons"]["violations"]]
        assert "incl. 4.00 h overtime" in ola["reasons"]["summary"]
        una = items["Una Unavailable"]
        assert (una["rule_clean"], una["overridable"], una["hard_violations"]) == (False, True, 1)
        assert una["reasons"]["violations"][0]["rule"] == "unavailable"
        assert una["reasons"]["violations"][0]["severity"] == "hard"
        assert una["reasons"]["summary"].startswith("1 hard violation")

        r = await c.get(url(shift, limit=2))
        assert [i["display_name"] for i in r.json()["items"]] == names[:2]
        assert r.json()["total"] == len(names)

    async def test_a_shift_without_skill_takes_anyone_active(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        shift = await factories.shift(session, world.loc, utc(TUESDAY, 10))
        await factories.person(session, world.org, "Nos Noskill")
        await session.commit()
        c = await clients.as_user(world.admin)
        r = await c.get(url(shift))
        names = {i["display_name"] for i in r.json()["items"]}
        assert names == {"Nos Noskill", "Sam Staff", "Cleo Colleague"}


async def test_a_fixed_number_of_statements_whatever_the_head_count(
    clients: Clients, world: World, session: AsyncSession, database: Database
) -> None:
    shifts = []
    for size, skill_name in ((3, "Small"), (30, "Large")):
        skill = await factories.skill(session, world.org, skill_name)
        shift = await factories.shift(session, world.loc, utc(TUESDAY, 10), skill=skill)
        for i in range(size):
            p = await factories.person(
                session, world.org, f"{skill_name} {i}", home=world.loc, skills={skill: None}
            )
            other = await factories.shift(session, world.other_loc, utc(MONDAY, i % 5), hours=4)
            await factories.assignment(session, other, p)
            session.add(slot(world, p, 1, time(8), time(20), AvailabilityStatus.preferred))
        shifts.append(shift)
    await session.commit()
    admin = await clients.as_user(world.admin)
    counts = []
    for shift, size in zip(shifts, (3, 30), strict=True):
        r, n = await statements(database, lambda shift=shift: admin.get(url(shift, limit=100)))  # type: ignore[misc]
        assert r.json()["total"] == size
        counts.append(n)
    assert counts[0] == counts[1], counts
    assert counts[0] <= 16, counts


async def test_who_may_ask_and_refusals(
    clients: Clients, world: World, session: AsyncSession
) -> None:
    shift = await factories.shift(session, world.loc, utc(TUESDAY, 10), skill=world.skill)
    cancelled = await factories.shift(session, world.loc, utc(TUESDAY, 20))
    cancelled.state = ShiftState.cancelled
    foreign = await factories.shift(session, world.foreign_loc, utc(TUESDAY, 10))
    await session.commit()
    assert (await clients.anonymous().get(url(shift))).status_code == 401
    for user, status in [
        (world.staff_user, 403),
        (world.other_coordinator, 403),
        (world.foreign_admin, 404),
        (world.coordinator, 200),
        (world.admin, 200),
    ]:
        c = await clients.as_user(user)
        assert (await c.get(url(shift))).status_code == status, user.role
    admin = await clients.as_user(world.admin)
    assert (await admin.get(url(foreign))).status_code == 404
    assert (await admin.get(f"/api/v1/shifts/{uuid.uuid4()}/candidates")).status_code == 404
    r = await admin.get(url(cancelled))
    assert (r.status_code, r.json()["error"]) == (409, "shift_cancelled")
    for bad in (0, 201):
        assert (await admin.get(url(shift, limit=bad))).status_code == 422
