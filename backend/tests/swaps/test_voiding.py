"""Open requests die with the assignments they move, whichever path cancels them."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest
from sqlalchemy import select, update

from shiftwise.db import Database
from shiftwise.models import Assignment, AssignmentState, AuditEntry, Shift, ShiftState
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.open_shifts.helpers import (
    at,
    audit_actions,
    error_of,
    events,
    gather,
    json_of,
    statuses,
)
from tests.swaps.helpers import URL, act, drop, file, live, offer, pair, staff_member, swap


async def state_of(client: httpx.AsyncClient, rid: str) -> str:
    return str(json_of(await client.get(f"{URL}/{rid}"))["state"])


async def reason_of(database: Database, rid: str) -> str | None:
    async with database.sessionmaker() as s:
        found: str | None = await s.scalar(
            select(AuditEntry.reason).where(AuditEntry.action == "shift_request.cancelled")
        )
    return found


async def test_cancelling_the_assignment_cancels_its_request(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    rid = (await file(staff, offer(p, world)))["id"]
    json_of(await colleague.post(act(rid, "accept")))
    coord = await clients.as_user(world.coordinator)
    json_of(await coord.post(f"/api/v1/assignments/{p.my_assignment.id}/cancel"))
    assert await state_of(staff, rid) == "cancelled"
    assert await audit_actions(database, rid) == [
        "shift_request.created",
        "shift_request.accepted",
        "shift_request.cancelled",
    ]
    assert await reason_of(database, rid) == "The assignment was cancelled."
    told = await events(database, "shift_request.cancelled")
    assert {e.person_id for e in told} == {world.staff.id, world.colleague.id}
    assert error_of(await coord.post(act(rid, "approve"))) == (409, "request_already_decided")


async def test_cancelling_the_colleagues_shift_cancels_the_swap(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    rid = (await file(staff, swap(p, world)))["id"]
    coord = await clients.as_user(world.coordinator)
    json_of(await coord.post(f"/api/v1/shifts/{p.theirs.id}/cancel"))
    assert await state_of(staff, rid) == "cancelled"
    assert await reason_of(database, rid) == "The shift was cancelled."
    # Sam's own assignment is free to be offered again.
    await file(staff, drop(p))


async def test_time_off_releasing_the_shift_withdraws_the_drop(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    taker_user, _ = await staff_member(database, world)
    staff = await clients.as_user(world.staff_user)
    taker = await clients.as_user(taker_user)
    rid = (await file(staff, drop(p)))["id"]
    assert [i["id"] for i in json_of(await taker.get(URL))["items"]] == [rid]
    period = {
        "kind": "vacation",
        "starts_at": at(0, 0).isoformat(),
        "ends_at": at(1, 0).isoformat(),
    }
    off = json_of(await staff.post("/api/v1/time-off-requests", json=period), 201)
    coord = await clients.as_user(world.coordinator)
    json_of(
        await coord.post(
            f"/api/v1/time-off-requests/{off['id']}/approve", json={"release_assignments": True}
        )
    )
    assert json_of(await taker.get(URL))["items"] == []
    assert await state_of(staff, rid) == "cancelled"
    assert error_of(await taker.post(act(rid, "accept"))) == (409, "request_already_decided")


async def test_an_approved_request_cancels_others_moving_the_same_assignment(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    dan_user, dan = await staff_member(database, world)
    async with database.session(write=True) as s:
        dans_shift = await factories.shift(
            s, world.loc, at(4), skill=world.skill, state=ShiftState.published
        )
        dans = await factories.assignment(s, dans_shift, dan)
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    dan_client = await clients.as_user(dan_user)
    first = (await file(staff, offer(p, world)))["id"]
    # Dan would like Sam's shift in return for his.
    wanted = {
        "kind": "swap",
        "assignment_id": str(dans.id),
        "counterpart_person_id": str(world.staff.id),
        "counterpart_assignment_id": str(p.my_assignment.id),
    }
    second = (await file(dan_client, wanted))["id"]
    json_of(await colleague.post(act(first, "accept")))
    coord = await clients.as_user(world.coordinator)
    json_of(await coord.post(act(first, "approve")))
    assert await state_of(dan_client, second) == "cancelled"
    told = await events(database, "shift_request.cancelled")
    assert {e.person_id for e in told} == {dan.id, world.staff.id}
    assert await live(database, p.mine.id) == [world.colleague.id]


@pytest.mark.parametrize("round_", range(4))
async def test_approval_racing_the_shifts_cancellation(
    clients: Clients, world: World, database: Database, round_: int
) -> None:
    """Approving an offer while the shift is cancelled: whichever wins, no live
    assignment is left on a cancelled shift and the request agrees with the shift."""
    p = await pair(database, world, mine_at=at(4 + round_))
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    coord = await clients.as_user(world.coordinator)
    admin = await clients.as_user(world.admin)
    rid = (await file(staff, offer(p, world)))["id"]
    json_of(await colleague.post(act(rid, "accept")))
    calls = [admin.post(act(rid, "approve")), coord.post(f"/api/v1/shifts/{p.mine.id}/cancel")]
    if round_ % 2:
        calls.reverse()
    results = await gather(*calls)
    approved, cancelled = results if round_ % 2 == 0 else results[::-1]
    assert cancelled.status_code == 200, cancelled.text
    assert statuses(results) in (Counter({200: 2}), Counter({200: 1, 409: 1}))
    async with database.sessionmaker() as s:
        shift = await s.get_one(Shift, p.mine.id)
        on_it = (
            await s.scalars(
                select(Assignment).where(
                    Assignment.shift_id == p.mine.id, Assignment.state == AssignmentState.assigned
                )
            )
        ).all()
    assert shift.state is ShiftState.cancelled
    assert list(on_it) == []
    final = await state_of(staff, rid)
    if approved.status_code == 200:
        assert final == "approved"  # approved first, then the shift (and Cleo's seat) went
    else:
        # Cancelled first: the request went with the shift, or (when the approver held
        # the request's row at that moment, so the shift's cancellation skipped it) the
        # approver cancels it on finding the shift gone. Never left accepted.
        assert approved.json()["error"] in {"request_already_decided", "request_invalid"}
        assert final == "cancelled", approved.text
        assert await reason_of(database, rid) == "The shift was cancelled."
        assert (await audit_actions(database, rid))[-1] == "shift_request.cancelled"


async def test_approving_a_request_whose_shift_was_cancelled_unnoticed_cancels_it(
    clients: Clients, world: World, database: Database
) -> None:
    """The losing side of the race, made deterministic: the shift is cancelled while
    nothing voids the request (as when the approver held its row); approving refuses
    with request_invalid and leaves the request cancelled, audited and told."""
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    rid = (await file(staff, offer(p, world)))["id"]
    json_of(await colleague.post(act(rid, "accept")))
    async with database.session(write=True) as s:
        await s.execute(
            update(Shift).where(Shift.id == p.mine.id).values(state=ShiftState.cancelled)
        )
        await s.execute(
            update(Assignment)
            .where(Assignment.id == p.my_assignment.id)
            .values(state=AssignmentState.cancelled)
        )
    coord = await clients.as_user(world.coordinator)
    assert error_of(await coord.post(act(rid, "approve"))) == (409, "request_invalid")
    assert await state_of(staff, rid) == "cancelled"
    assert await reason_of(database, rid) == "The shift was cancelled."
    told = await events(database, "shift_request.cancelled")
    assert {e.person_id for e in told} == {world.staff.id, world.colleague.id}
    assert await live(database, p.mine.id) == []
    assert error_of(await coord.post(act(rid, "approve"))) == (409, "request_already_decided")


async def test_accepting_a_drop_whose_assignment_was_cancelled_unnoticed_cancels_it(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    taker_user, _ = await staff_member(database, world)
    staff = await clients.as_user(world.staff_user)
    taker = await clients.as_user(taker_user)
    rid = (await file(staff, drop(p)))["id"]
    async with database.session(write=True) as s:
        await s.execute(
            update(Assignment)
            .where(Assignment.id == p.my_assignment.id)
            .values(state=AssignmentState.cancelled)
        )
    assert error_of(await taker.post(act(rid, "accept"))) == (409, "request_invalid")
    assert await state_of(staff, rid) == "cancelled"
    assert await reason_of(database, rid) == "The assignment was cancelled."
