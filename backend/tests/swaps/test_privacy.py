"""A colleague learns that a swap breaks a rule for the other person, never the details:
no time-off period, no availability, no other shifts. Coordinators see it all."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from shiftwise.db import Database
from shiftwise.models import TimeOffRequest, TimeOffState
from tests.assignments.helpers import rule_layer
from tests.conftest import Clients
from tests.fixtures.factories import World
from tests.open_shifts.helpers import at, error_of, json_of
from tests.swaps.helpers import URL, act, file, pair, swap


def about(violations: list[dict[str, Any]], person_id: object) -> list[dict[str, Any]]:
    return [v for v in violations if v["records"]["person_id"] == str(person_id)]


async def test_a_refused_swap_tells_the_colleague_the_rule_not_the_time_off(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)  # Sam day 0, Cleo day 2, 09:00-17:00 UTC
    async with database.session(write=True) as s:
        s.add(
            TimeOffRequest(
                organisation_id=world.org.id,
                person_id=world.staff.id,
                starts_at=at(2, 6),
                ends_at=at(3, 6),
                kind="sick",
                state=TimeOffState.approved,
            )
        )
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    rid = (await file(staff, swap(p, world)))["id"]
    r = await colleague.post(act(rid, "accept"))
    assert error_of(r) == (409, "rule_violation"), r.text
    [v] = about(r.json()["violations"], world.staff.id)
    assert (v["rule"], v["severity"]) == ("time_off", "hard")
    assert v["records"] == {"person_id": str(world.staff.id)}
    assert "Sam Staff" in v["message"]
    for text in (v["message"], r.json()["detail"]):
        assert "06:00" not in text  # when Sam's time off starts and ends


async def test_the_stored_verdict_is_shown_in_full_only_to_whom_it_concerns(
    clients: Clients, world: World, database: Database
) -> None:
    # Sam's own (soft) limit: his 8 h day on Cleo's shift is a warning about him.
    async with database.session(write=True) as s:
        await rule_layer(
            s,
            world,
            {"max_shift_length": {"severity": "soft", "params": {"hours": 7}}},
            scope=f"person:{world.staff.id}",
        )
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    rid = (await file(staff, swap(p, world)))["id"]
    accepted = json_of(await colleague.post(act(rid, "accept")))
    # Cleo, who accepted: the rule and whom it concerns, nothing more.
    [told] = about(accepted["warnings"], world.staff.id)
    assert told["records"] == {"person_id": str(world.staff.id)}
    assert "7 h" not in told["message"]
    read = json_of(await colleague.get(f"{URL}/{rid}"))["verdict"]["warnings"]
    assert about(read, world.staff.id) == [told]
    listed = json_of(await colleague.get(URL))["items"]
    assert about(listed[0]["verdict"]["warnings"], world.staff.id) == [told]
    # Sam sees his own in full, and so does the coordinator.
    for user in (world.staff_user, world.coordinator):
        c = await clients.as_user(user)
        [full] = about(json_of(await c.get(f"{URL}/{rid}"))["verdict"]["warnings"], world.staff.id)
        assert full["rule"] == "max_shift_length"
        assert "7 h" in full["message"]
        assert Decimal(full["records"]["limit"]) == 7
