"""Changing a staffed shift re-judges everyone on it through the rule engine's gateway.

Moving its times, its break or its skill is the same question as placing each of its
people on it again: hard violations refuse with a 409 listing them per person, unless a
coordinator overrides with a written reason (audited); soft ones come back as warnings.
"""

from __future__ import annotations

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.db import Database
from shiftwise.models import AuditEntry, Person, Shift, TimeOffRequest, TimeOffState
from tests.assignments.helpers import at, iso, rule_layer, violation_rules, warning_rules
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World


async def staffed(database: Database, world: World, *people: Person, hours: float = 8) -> Shift:
    """A draft shift on day 0 at 09:00 UTC (London is on UTC in early March), 8 h,
    needing the Nurse skill, with `people` on it."""
    async with database.session(write=True) as s:
        shift = await factories.shift(s, world.loc, at(0), hours, skill=world.skill, headcount=3)
        for p in people:
            await factories.assignment(s, shift, p)
    return shift


async def time_off(
    database: Database, world: World, person: Person, start: float, end: float
) -> None:
    async with database.session(write=True) as s:
        s.add(
            TimeOffRequest(
                organisation_id=world.org.id,
                person_id=person.id,
                starts_at=at(start),
                ends_at=at(end),
                kind="vacation",
                state=TimeOffState.approved,
            )
        )


def url(shift: Shift) -> str:
    return f"/api/v1/shifts/{shift.id}"


def people_of(r: httpx.Response, rule: str) -> set[str]:
    return {v["records"]["person_id"] for v in r.json()["violations"] if v["rule"] == rule}


async def updated_entry(session: AsyncSession, shift: Shift) -> AuditEntry | None:
    await session.rollback()  # see what has been committed since
    found: AuditEntry | None = await session.scalar(
        select(AuditEntry).where(
            AuditEntry.record_id == shift.id, AuditEntry.action == "shift.updated"
        )
    )
    return found


async def test_moving_into_someones_time_off_is_refused_for_that_person(
    clients: Clients, world: World, database: Database, session: AsyncSession
) -> None:
    shift = await staffed(database, world, world.staff, world.colleague)
    await time_off(database, world, world.colleague, 20, 48)  # Tuesday 05:00 to Wednesday 09:00
    c = await clients.as_user(world.coordinator)
    r = await c.patch(url(shift), json={"starts_at": iso(at(24)), "ends_at": iso(at(32))})
    assert (r.status_code, r.json()["error"]) == (409, "rule_violation"), r.text
    assert violation_rules(r) == ["time_off"]
    assert people_of(r, "time_off") == {str(world.colleague.id)}
    assert "override_reason" in r.json()["detail"]
    unchanged = (await c.get(url(shift))).json()
    assert unchanged["starts_at"].startswith(at(0).isoformat()[:19])
    assert await updated_entry(session, shift) is None


async def test_a_written_reason_overrides_and_is_audited(
    clients: Clients, world: World, database: Database, session: AsyncSession
) -> None:
    shift = await staffed(database, world, world.staff, world.colleague)
    await time_off(database, world, world.colleague, 20, 48)
    c = await clients.as_user(world.coordinator)
    move = {"starts_at": iso(at(24)), "ends_at": iso(at(32))}
    r = await c.patch(url(shift), json=move | {"override_reason": "  "})
    assert r.status_code == 409, r.text  # a blank reason is no reason
    r = await c.patch(url(shift), json=move | {"override_reason": "She offered to come in"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["starts_at"].startswith(at(24).isoformat()[:19])
    assert warning_rules(r) == ["time_off"]
    assert body["warnings"][0]["records"]["person_id"] == str(world.colleague.id)
    assert {a["person_id"] for a in body["assignments"]} == {
        str(world.staff.id),
        str(world.colleague.id),
    }
    found = await updated_entry(session, shift)
    assert found is not None
    assert found.reason == "She offered to come in"
    assert found.after is not None
    assert [v["rule"] for v in found.after["overridden"]] == ["time_off"]


async def test_a_new_skill_some_people_lack_is_refused_naming_them(
    clients: Clients, world: World, database: Database
) -> None:
    async with database.session(write=True) as s:
        forklift = await factories.skill(s, world.org, "Forklift")
        holder = await factories.person(s, world.org, "Hal Holder", skills={forklift: None})
    shift = await staffed(database, world, world.staff, holder)
    c = await clients.as_user(world.coordinator)
    r = await c.patch(url(shift), json={"skill_id": str(forklift.id)})
    assert (r.status_code, r.json()["error"]) == (409, "rule_violation"), r.text
    assert people_of(r, "skill_required") == {str(world.staff.id)}
    # Clearing the skill asks nothing of anyone.
    r = await c.patch(url(shift), json={"skill_id": None})
    assert (r.status_code, r.json()["warnings"]) == (200, [])


async def test_lengthening_past_the_maximum_is_refused(
    clients: Clients, world: World, database: Database
) -> None:
    shift = await staffed(database, world, world.staff)
    c = await clients.as_user(world.coordinator)
    r = await c.patch(url(shift), json={"ends_at": iso(at(13))})  # 13 h > 12 h by default
    assert r.status_code == 409, r.text
    assert "max_shift_length" in violation_rules(r)
    r = await c.patch(url(shift), json={"ends_at": iso(at(13)), "override_reason": "Gala night"})
    assert r.status_code == 200, r.text
    assert "max_shift_length" in warning_rules(r)


async def test_a_shorter_break_is_judged_on_the_paid_hours(
    clients: Clients, world: World, database: Database
) -> None:
    async with database.session(write=True) as s:
        await rule_layer(s, world, {"max_hours_per_week": {"params": {"hours": 7.5}}})
    shift = await staffed(database, world, world.staff)  # 8 h, no break: already over
    c = await clients.as_user(world.coordinator)
    r = await c.patch(url(shift), json={"break_minutes": 30})  # 7.5 h paid
    assert (r.status_code, r.json()["warnings"]) == (200, []), r.text
    r = await c.patch(url(shift), json={"break_minutes": 0})  # 8 h paid again
    assert (r.status_code, violation_rules(r)) == (409, ["max_hours_per_week"]), r.text


async def test_soft_violations_come_back_as_warnings(
    clients: Clients, world: World, database: Database
) -> None:
    async with database.session(write=True) as s:
        await rule_layer(
            s, world, {"max_shift_length": {"severity": "soft", "params": {"hours": 9}}}
        )
    shift = await staffed(database, world, world.staff)
    c = await clients.as_user(world.coordinator)
    r = await c.patch(url(shift), json={"ends_at": iso(at(10))})
    assert r.status_code == 200, r.text
    assert warning_rules(r) == ["max_shift_length"]
    assert r.json()["warnings"][0]["severity"] == "soft"


async def test_double_booking_is_never_overridden(
    clients: Clients, world: World, database: Database
) -> None:
    shift = await staffed(database, world, world.staff)
    async with database.session(write=True) as s:
        other = await factories.shift(s, world.other_loc, at(24), 8)
        await factories.assignment(s, other, world.staff)
    c = await clients.as_user(world.admin)
    move = {"starts_at": iso(at(22)), "ends_at": iso(at(30)), "override_reason": "Please"}
    r = await c.patch(url(shift), json=move)
    assert (r.status_code, r.json()["error"]) == (409, "rule_violation"), r.text
    assert "overlap" in violation_rules(r)
    assert people_of(r, "overlap") == {str(world.staff.id)}


async def test_notes_and_headcount_do_not_re_judge_anyone(
    clients: Clients, world: World, database: Database
) -> None:
    # Time off approved after the assignment: the shift's other details may still change.
    shift = await staffed(database, world, world.staff)
    await time_off(database, world, world.staff, -1, 10)
    c = await clients.as_user(world.coordinator)
    r = await c.patch(url(shift), json={"notes": "Bring badge", "headcount": 2})
    assert (r.status_code, r.json()["warnings"]) == (200, []), r.text
    # But moving it, even an hour, asks the engine again.
    r = await c.patch(url(shift), json={"starts_at": iso(at(1)), "ends_at": iso(at(9))})
    assert (r.status_code, violation_rules(r)) == (409, ["time_off"]), r.text
