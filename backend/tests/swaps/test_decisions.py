"""Accepting, approving, denying, cancelling and expiring shift requests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import update

from shiftwise.db import Database
from shiftwise.models import Assignment, AssignmentState, Role, ShiftRequest, ShiftState
from shiftwise.swaps.service import expire_due
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.open_shifts.helpers import at, audit_actions, error_of, events, json_of, rules_of
from tests.swaps.helpers import (
    act,
    drop,
    file,
    live,
    offer,
    org_settings,
    pair,
    staff_member,
    swap,
)


async def test_offer_accepted_then_approved_moves_the_shift(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    staff, colleague = (
        await clients.as_user(world.staff_user),
        await clients.as_user(world.colleague_user),
    )
    coord = await clients.as_user(world.coordinator)
    rid = (await file(staff, offer(p, world)))["id"]
    accepted = json_of(await colleague.post(act(rid, "accept")))
    assert accepted["request"]["state"] == "accepted"
    assert accepted["assignments"] == []
    verdict = accepted["request"]["verdict"]
    assert (verdict["allowed"], verdict["violations"]) == (True, [])
    assert await live(database, p.mine.id) == [world.staff.id]  # nothing moves yet
    waiting = await events(database, "shift_request.waiting")
    assert [(e.person_id, e.payload["location_id"]) for e in waiting] == [(None, str(world.loc.id))]
    approved = json_of(await coord.post(act(rid, "approve"), json={"note": "Fine"}))
    assert approved["request"]["state"] == "approved"
    assert approved["request"]["decided_at"] is not None
    assert approved["request"]["shift"]["assignment_state"] == "cancelled"
    [new] = approved["assignments"]
    assert (new["person_id"], new["shift_id"], new["source"]) == (
        str(world.colleague.id),
        str(p.mine.id),
        "swap",
    )
    assert await live(database, p.mine.id) == [world.colleague.id]
    assert await live(database, p.theirs.id) == [world.colleague.id]
    assert await audit_actions(database, rid) == [
        "shift_request.created",
        "shift_request.accepted",
        "shift_request.approved",
    ]
    assert await audit_actions(database, p.my_assignment.id) == ["assignment.cancelled"]
    assert await audit_actions(database, new["id"]) == ["assignment.swapped"]
    told = {e.person_id for e in await events(database, "shift_request.approved")}
    assert told == {world.staff.id, world.colleague.id}
    cancelled = await events(database, "assignment.cancelled")
    assert [e.person_id for e in cancelled] == [world.staff.id]
    created = await events(database, "assignment.created")
    assert [e.person_id for e in created] == [world.colleague.id]


async def test_swap_moves_both_shifts_at_once(
    clients: Clients, world: World, database: Database
) -> None:
    # Overlapping shifts at two locations: only cancelling both first makes room.
    async with database.session(write=True) as s:
        mine = await factories.shift(
            s, world.loc, at(0), skill=world.skill, state=ShiftState.published
        )
        theirs = await factories.shift(s, world.other_loc, at(0, 10), state=ShiftState.published)
        a = await factories.assignment(s, mine, world.staff)
        b = await factories.assignment(s, theirs, world.colleague)
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    body = {
        "kind": "swap",
        "assignment_id": str(a.id),
        "counterpart_person_id": str(world.colleague.id),
        "counterpart_assignment_id": str(b.id),
    }
    rid = (await file(staff, body))["id"]
    json_of(await colleague.post(act(rid, "accept")))
    # The coordinator of only one of the two locations may not move both.
    coord = await clients.as_user(world.coordinator)
    assert error_of(await coord.post(act(rid, "approve"))) == (403, "forbidden")
    admin = await clients.as_user(world.admin)
    approved = json_of(await admin.post(act(rid, "approve")))
    assert {(x["shift_id"], x["person_id"]) for x in approved["assignments"]} == {
        (str(mine.id), str(world.colleague.id)),
        (str(theirs.id), str(world.staff.id)),
    }
    assert await live(database, mine.id) == [world.colleague.id]
    assert await live(database, theirs.id) == [world.staff.id]


async def test_drop_taken_by_a_qualified_colleague(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    taker_user, taker = await staff_member(database, world)
    unskilled_user, _ = await staff_member(database, world, skilled=False)
    staff = await clients.as_user(world.staff_user)
    rid = (await file(staff, drop(p)))["id"]
    assert error_of(await staff.post(act(rid, "accept"))) == (403, "own_request")
    unskilled = await clients.as_user(unskilled_user)
    r = await unskilled.post(act(rid, "accept"))
    assert (error_of(r), rules_of(r)) == ((409, "rule_violation"), ["skill_required"])
    taker_client = await clients.as_user(taker_user)
    accepted = json_of(await taker_client.post(act(rid, "accept")))["request"]
    assert (accepted["counterpart_person_id"], accepted["counterpart_display_name"]) == (
        str(taker.id),
        taker.display_name,
    )
    colleague = await clients.as_user(world.colleague_user)
    assert error_of(await colleague.post(act(rid, "accept"))) == (
        409,
        "request_already_accepted",
    )
    coord = await clients.as_user(world.coordinator)
    json_of(await coord.post(act(rid, "approve")))
    assert await live(database, p.mine.id) == [taker.id]


async def test_only_the_named_colleague_accepts(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    other_user, _ = await staff_member(database, world)
    staff = await clients.as_user(world.staff_user)
    rid = (await file(staff, offer(p, world)))["id"]
    for c in (staff, await clients.as_user(other_user), await clients.as_user(world.admin)):
        assert (await c.post(act(rid, "accept"))).status_code == 403


async def test_nobody_approves_their_own_request(
    clients: Clients, world: World, database: Database
) -> None:
    # The colleague is also a coordinator of the location: still not their own request.
    async with database.session(write=True) as s:
        boss_user = await factories.user(s, world.org, Role.coordinator, locations=[world.loc])
        boss = await factories.person(
            s, world.org, "Bea Boss", user=boss_user, skills={world.skill: None}
        )
        mine = await factories.shift(
            s, world.loc, at(0), skill=world.skill, state=ShiftState.published
        )
        a = await factories.assignment(s, mine, world.staff)
    staff = await clients.as_user(world.staff_user)
    body = {"kind": "offer", "assignment_id": str(a.id), "counterpart_person_id": str(boss.id)}
    rid = (await file(staff, body))["id"]
    boss_client = await clients.as_user(boss_user)
    json_of(await boss_client.post(act(rid, "accept")))
    for c in (staff, boss_client):
        assert error_of(await c.post(act(rid, "approve"))) == (403, "own_request")
        assert error_of(await c.post(act(rid, "deny"))) == (403, "own_request")
    assert error_of(
        await (await clients.as_user(world.colleague_user)).post(act(rid, "approve"))
    ) == (
        403,
        "forbidden",
    )
    other = await clients.as_user(world.other_coordinator)
    assert error_of(await other.post(act(rid, "approve"))) == (403, "forbidden")
    assert await live(database, mine.id) == [world.staff.id]


async def test_a_request_that_became_invalid_cannot_be_approved(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    coord = await clients.as_user(world.coordinator)
    rid = (await file(staff, offer(p, world)))["id"]
    json_of(await colleague.post(act(rid, "accept")))
    # Meanwhile the colleague is given a shift overlapping the offered one.
    async with database.session(write=True) as s:
        clash = await factories.shift(s, world.other_loc, at(0, 12), state=ShiftState.published)
    admin = await clients.as_user(world.admin)
    body = {"person_id": str(world.colleague.id)}
    json_of(await admin.post(f"/api/v1/shifts/{clash.id}/assignments", json=body), 201)
    r = await coord.post(act(rid, "approve"))
    assert error_of(r) == (409, "rule_violation")
    assert rules_of(r)[0] == "overlap"
    assert r.json()["violations"][0]["records"]["person_id"] == str(world.colleague.id)
    assert json_of(await staff.get(f"/api/v1/shift-requests/{rid}"))["state"] == "accepted"
    assert await live(database, p.mine.id) == [world.staff.id]
    # Once the offered assignment is no longer live, the request cannot happen, even
    # when nothing settled it (cancelling through the API does: tests/swaps/test_voiding).
    async with database.session(write=True) as s:
        await s.execute(
            update(Assignment)
            .where(Assignment.id == p.my_assignment.id)
            .values(state=AssignmentState.cancelled)
        )
    assert error_of(await coord.post(act(rid, "approve"))) == (409, "request_invalid")
    # ... and the refusal cancels it, so it does not stay accepted on a dead assignment.
    assert json_of(await staff.get(f"/api/v1/shift-requests/{rid}"))["state"] == "cancelled"


async def test_min_rest_on_either_side_of_a_swap_is_refused(
    clients: Clients, world: World, database: Database
) -> None:
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)

    def min_rest_of(r: httpx.Response) -> list[str]:
        assert error_of(r) == (409, "rule_violation"), r.text
        return [
            v["records"]["person_id"] for v in r.json()["violations"] if v["rule"] == "min_rest"
        ]

    # Sam works day 0 06-14 and would take Cleo's day 0 20:00 shift: 6 h of rest.
    p = await pair(database, world, mine_at=at(5, 9), theirs_at=at(0, 20), hours=6)
    async with database.session(write=True) as s:
        earlier = await factories.shift(s, world.loc, at(0, 6), 8, state=ShiftState.published)
        await factories.assignment(s, earlier, world.staff)
    rid = (await file(staff, swap(p, world)))["id"]
    assert min_rest_of(await colleague.post(act(rid, "accept"))) == [str(world.staff.id)]

    # Cleo works day 10 06-14 and would take Sam's day 10 20:00 shift.
    q = await pair(database, world, mine_at=at(10, 20), theirs_at=at(12, 9), hours=6)
    async with database.session(write=True) as s:
        before = await factories.shift(s, world.loc, at(10, 6), 8, state=ShiftState.published)
        await factories.assignment(s, before, world.colleague)
    rid = (await file(staff, swap(q, world)))["id"]
    assert min_rest_of(await colleague.post(act(rid, "accept"))) == [str(world.colleague.id)]
    assert json_of(await staff.get(f"/api/v1/shift-requests/{rid}"))["state"] == "pending"


async def test_auto_approval_when_every_rule_passes(
    clients: Clients, world: World, database: Database
) -> None:
    await org_settings(database, world, auto_approve_shift_requests=True)
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    rid = (await file(staff, swap(p, world)))["id"]
    done = json_of(await colleague.post(act(rid, "accept")))
    assert done["request"]["state"] == "approved"
    assert done["request"]["decided_by_user_id"] is None
    assert len(done["assignments"]) == 2
    assert await live(database, p.mine.id) == [world.colleague.id]
    assert await live(database, p.theirs.id) == [world.staff.id]
    assert await events(database, "shift_request.waiting") == []
    assert await audit_actions(database, rid) == [
        "shift_request.created",
        "shift_request.accepted",
        "shift_request.approved",
    ]


async def test_decided_and_expired_requests(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    q = await pair(database, world, mine_at=at(5), theirs_at=at(7))
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    coord = await clients.as_user(world.coordinator)
    rid = (await file(staff, offer(p, world)))["id"]
    assert error_of(await coord.post(act(rid, "approve"))) == (409, "request_not_accepted")
    denied = json_of(await coord.post(act(rid, "deny"), json={"note": "Short-staffed"}))
    assert denied["state"] == "denied"
    for verb, client in (("approve", coord), ("deny", coord), ("cancel", staff)):
        assert error_of(await client.post(act(rid, verb))) == (409, "request_already_decided")
    assert error_of(await colleague.post(act(rid, "accept"))) == (409, "request_already_decided")
    told = await events(database, "shift_request.denied")
    assert {e.person_id for e in told} == {world.staff.id, world.colleague.id}
    assert {e.payload["note"] for e in told} == {"Short-staffed"}

    late = (await file(staff, offer(q, world)))["id"]
    json_of(await colleague.post(act(late, "accept")))
    async with database.session(write=True) as s:
        await s.execute(
            update(ShiftRequest)
            .where(ShiftRequest.id == uuid.UUID(late))
            .values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
        )
    assert json_of(await staff.get(f"/api/v1/shift-requests/{late}"))["state"] == "expired"
    ids = [
        i["id"]
        for i in json_of(await staff.get("/api/v1/shift-requests", params={"state": "expired"}))[
            "items"
        ]
    ]
    assert ids == [late]
    assert error_of(await coord.post(act(late, "approve"))) == (409, "request_expired")
    assert error_of(await staff.post(act(late, "cancel"))) == (409, "request_expired")
    # The periodic job settles it, audited and told.
    async with database.session(write=True) as s:
        assert await expire_due(s, organisation_id=world.other_org.id) == 0
    async with database.session(write=True) as s:
        assert await expire_due(s, organisation_id=world.org.id) == 1
    async with database.session(write=True) as s:
        assert await expire_due(s) == 0
    assert (await audit_actions(database, late))[-1] == "shift_request.expired"
    expired = await events(database, "shift_request.expired")
    assert {e.person_id for e in expired} == {world.staff.id, world.colleague.id}
    # An expired request no longer blocks a new one for the same assignment.
    await file(staff, drop(q))


async def test_cancel_by_the_requester_only(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    rid = (await file(staff, offer(p, world)))["id"]
    json_of(await colleague.post(act(rid, "accept")))
    for user in (world.colleague_user, world.coordinator, world.admin):
        c = await clients.as_user(user)
        assert error_of(await c.post(act(rid, "cancel")))[0] == 403
    assert json_of(await staff.post(act(rid, "cancel")))["state"] == "cancelled"
    told = await events(database, "shift_request.cancelled")
    assert [e.person_id for e in told] == [world.colleague.id]
    assert error_of(await colleague.post(act(rid, "accept"))) == (409, "request_already_decided")
