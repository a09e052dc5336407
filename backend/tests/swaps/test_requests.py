"""Filing shift requests, and who sees them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx

from shiftwise.db import Database
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.open_shifts.helpers import at, audit_actions, error_of, events, json_of
from tests.swaps.helpers import URL, drop, file, offer, org_settings, pair, staff_member, swap


def field_of(r: httpx.Response) -> tuple[int, str, str | None]:
    body = r.json()
    first = (body.get("fields") or [{}])[0]
    return r.status_code, first.get("field", ""), first.get("code")


async def test_offer_is_filed_pending_for_the_named_colleague(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    before = datetime.now(UTC)
    made = await file(staff, offer(p, world, note="Family visit"))
    assert (made["kind"], made["state"], made["note"]) == ("offer", "pending", "Family visit")
    assert made["shift"]["assignment_id"] == str(p.my_assignment.id)
    assert made["shift"]["person_display_name"] == "Sam Staff"
    assert made["counterpart_display_name"] == "Cleo Colleague"
    assert made["counterpart_shift"] is None
    expires = datetime.fromisoformat(made["expires_at"])
    assert before + timedelta(hours=72) <= expires <= datetime.now(UTC) + timedelta(hours=72)
    assert await audit_actions(database, made["id"]) == ["shift_request.created"]
    told = await events(database, "shift_request.received")
    assert [e.person_id for e in told] == [world.colleague.id]


async def test_expiry_stops_at_the_cutoff_before_either_shift(
    clients: Clients, world: World, database: Database
) -> None:
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=30)
    p = await pair(database, world, theirs_at=soon)
    staff = await clients.as_user(world.staff_user)
    made = await file(staff, swap(p, world))
    assert datetime.fromisoformat(made["expires_at"]) == soon - timedelta(hours=24)
    assert made["counterpart_shift"]["shift_id"] == str(p.theirs.id)


async def test_drop_is_announced_to_the_location(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    made = await file(staff, drop(p))
    assert (made["counterpart_person_id"], made["state"]) == (None, "pending")
    [announced] = await events(database, "shift_request.drop_available")
    assert announced.person_id is None
    assert announced.payload["location_id"] == str(world.loc.id)
    assert announced.payload["skill_id"] == str(world.skill.id)


async def test_bad_requests_name_the_field(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    me = str(world.staff.id)
    cases = [
        (offer(p, world, counterpart_person_id=me), "body.counterpart_person_id"),
        (swap(p, world, counterpart_person_id=me), "body.counterpart_person_id"),
        (offer(p, world, counterpart_person_id=str(world.foreign_person.id)), None),
        (offer(p, world, counterpart_person_id=str(uuid.uuid4())), None),
        ({"kind": "offer", "assignment_id": str(p.my_assignment.id)}, None),
        (drop(p, counterpart_person_id=str(world.colleague.id)), None),
        (offer(p, world, counterpart_assignment_id=str(p.their_assignment.id)), None),
        (swap(p, world, counterpart_assignment_id=None), "body.counterpart_assignment_id"),
        (swap(p, world, counterpart_assignment_id=str(p.my_assignment.id)), None),
        (drop(p, assignment_id=str(uuid.uuid4())), "body.assignment_id"),
    ]
    for body, field in cases:
        r = await staff.post(URL, json={k: v for k, v in body.items() if v is not None})
        status, named, _ = field_of(r)
        assert status == 422, (body, r.text)
        assert named.startswith("body."), r.text
        if field is not None:
            assert named == field, r.text
    r = await staff.post(URL, json=offer(p, world, counterpart_person_id=me))
    assert field_of(r)[2] == "counterpart_is_requester"
    r = await staff.post(
        URL, json=swap(p, world, counterpart_assignment_id=str(p.my_assignment.id))
    )
    assert field_of(r)[:2] == (422, "body.counterpart_assignment_id")


async def test_only_your_own_assignment(clients: Clients, world: World, database: Database) -> None:
    p = await pair(database, world)
    async with database.session(write=True) as s:
        foreign = await factories.shift(s, world.foreign_loc, at(0))
        theirs = await factories.assignment(s, foreign, world.foreign_person)
    staff = await clients.as_user(world.staff_user)
    r = await staff.post(URL, json=drop(p, assignment_id=str(p.their_assignment.id)))
    assert error_of(r) == (403, "forbidden")
    r = await staff.post(URL, json=drop(p, assignment_id=str(theirs.id)))
    assert field_of(r)[:3] == (422, "body.assignment_id", "assignment_not_found")
    coord = await clients.as_user(world.coordinator)
    assert error_of(await coord.post(URL, json=drop(p))) == (403, "no_staff_profile")
    assert (await clients.anonymous().post(URL, json=drop(p))).status_code == 401


async def test_started_shifts_and_the_cutoff(
    clients: Clients, world: World, database: Database
) -> None:
    now = datetime.now(UTC)
    started = await pair(database, world, mine_at=now - timedelta(hours=1), theirs_at=at(1))
    inside = await pair(database, world, mine_at=now + timedelta(hours=20), theirs_at=at(3))
    theirs_inside = await pair(
        database, world, mine_at=at(5), theirs_at=now + timedelta(hours=30, minutes=1)
    )
    staff = await clients.as_user(world.staff_user)
    for p in (started, inside):
        r = await staff.post(URL, json=drop(p))
        assert error_of(r) == (409, "request_cutoff_passed"), r.text
    assert "already started" in (await staff.post(URL, json=drop(started))).json()["detail"]
    # A longer cut-off from the organisation's settings reaches the colleague's shift too.
    assert (await staff.post(URL, json=swap(theirs_inside, world))).status_code == 201
    await org_settings(database, world, shift_request_cutoff_hours=48)
    r = await staff.post(URL, json=swap(theirs_inside, world, note="again"))
    assert error_of(r) == (409, "request_cutoff_passed")


async def test_one_open_request_per_assignment(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    first = await file(staff, offer(p, world))
    r = await staff.post(URL, json=drop(p))
    assert error_of(r) == (409, "duplicate_request")
    assert first["id"] in r.json()["detail"]
    json_of(await staff.post(f"{URL}/{first['id']}/cancel"))
    await file(staff, drop(p))


async def test_create_is_idempotent_with_a_key(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    headers = {"Idempotency-Key": "offer-1"}
    first = json_of(await staff.post(URL, json=offer(p, world), headers=headers), 201)
    again = await staff.post(URL, json=offer(p, world), headers=headers)
    assert (again.status_code, again.json()["id"]) == (201, first["id"])
    assert again.headers.get("Idempotent-Replay") == "true"


async def test_who_sees_which_requests(clients: Clients, world: World, database: Database) -> None:
    p = await pair(database, world)
    q = await pair(database, world, mine_at=at(5), theirs_at=at(7))
    staff = await clients.as_user(world.staff_user)
    offered = await file(staff, offer(p, world))
    dropped = await file(staff, drop(q))
    both = {offered["id"], dropped["id"]}

    def ids(page: dict[str, list[dict[str, str]]]) -> set[str]:
        return {i["id"] for i in page["items"]}

    colleague = await clients.as_user(world.colleague_user)
    assert ids(json_of(await colleague.get(URL))) == both  # named in one, qualified for the other
    assert ids(json_of(await colleague.get(URL, params={"kind": "drop"}))) == {dropped["id"]}
    skilled_user, _ = await staff_member(database, world)
    unskilled_user, _ = await staff_member(database, world, skilled=False)
    skilled, unskilled = (
        await clients.as_user(skilled_user),
        await clients.as_user(unskilled_user),
    )
    assert ids(json_of(await skilled.get(URL))) == {dropped["id"]}
    assert ids(json_of(await unskilled.get(URL))) == set()
    assert (await skilled.get(f"{URL}/{dropped['id']}")).status_code == 200
    assert error_of(await skilled.get(f"{URL}/{offered['id']}")) == (403, "forbidden")
    assert error_of(await unskilled.get(f"{URL}/{dropped['id']}")) == (403, "forbidden")
    assert ids(json_of(await staff.get(URL, params={"state": "pending"}))) == both
    assert ids(json_of(await staff.get(URL, params={"state": "approved"}))) == set()
    coord = await clients.as_user(world.coordinator)
    assert ids(json_of(await coord.get(URL))) == both
    r = await coord.get(URL, params={"location_id": str(world.other_loc.id)})
    assert error_of(r) == (403, "forbidden")
    other = await clients.as_user(world.other_coordinator)
    assert ids(json_of(await other.get(URL))) == set()
    assert error_of(await other.get(f"{URL}/{offered['id']}")) == (403, "forbidden")
    admin = await clients.as_user(world.admin)
    assert ids(json_of(await admin.get(URL))) == both
    foreign = await clients.as_user(world.foreign_admin)
    assert ids(json_of(await foreign.get(URL))) == set()
    assert error_of(await foreign.get(f"{URL}/{offered['id']}")) == (404, "shift_request_not_found")
