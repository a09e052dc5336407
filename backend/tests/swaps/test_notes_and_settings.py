"""Decision notes, what auto-approval means, lazy expiry and the organisation's cut-off."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from shiftwise.db import Database
from shiftwise.models import AuditEntry, ShiftRequest
from tests.assignments.helpers import rule_layer
from tests.conftest import Clients
from tests.fixtures.factories import World
from tests.open_shifts.helpers import audit_actions, error_of, events, json_of
from tests.swaps.helpers import URL, act, drop, file, live, offer, org_settings, pair


async def audit_entry(database: Database, record_id: str, action: str) -> AuditEntry:
    async with database.sessionmaker() as s:
        found = await s.scalar(
            select(AuditEntry).where(
                AuditEntry.record_id == uuid.UUID(record_id), AuditEntry.action == action
            )
        )
    assert found is not None, action
    return found


async def test_the_denial_note_is_stored_shown_and_audited(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    coord = await clients.as_user(world.coordinator)
    rid = (await file(staff, offer(p, world, note="Family visit")))["id"]
    assert json_of(await staff.get(f"{URL}/{rid}"))["decision_note"] is None
    denied = json_of(await coord.post(act(rid, "deny"), json={"note": "Short-staffed"}))
    assert (denied["note"], denied["decision_note"]) == ("Family visit", "Short-staffed")
    assert json_of(await staff.get(f"{URL}/{rid}"))["decision_note"] == "Short-staffed"
    entry = await audit_entry(database, rid, "shift_request.denied")
    assert entry.reason == "Short-staffed"
    assert entry.after is not None
    assert entry.after["decision_note"] == "Short-staffed"


async def test_the_approval_note_is_stored_shown_audited_and_told(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    coord = await clients.as_user(world.coordinator)
    rid = (await file(staff, offer(p, world)))["id"]
    json_of(await colleague.post(act(rid, "accept")))
    done = json_of(await coord.post(act(rid, "approve"), json={"note": "Thanks, Cleo"}))
    assert done["request"]["decision_note"] == "Thanks, Cleo"
    assert json_of(await staff.get(f"{URL}/{rid}"))["decision_note"] == "Thanks, Cleo"
    entry = await audit_entry(database, rid, "shift_request.approved")
    assert entry.reason == "Thanks, Cleo"
    assert entry.after is not None
    assert entry.after["decision_note"] == "Thanks, Cleo"
    told = await events(database, "shift_request.approved")
    assert {e.payload["note"] for e in told} == {"Thanks, Cleo"}


async def test_auto_approval_waits_for_a_coordinator_on_a_soft_violation(
    clients: Clients, world: World, database: Database
) -> None:
    """'Every rule passes' means no hard and no soft violation: a warning is a
    coordinator's call, so the request is accepted and waits."""
    await org_settings(database, world, auto_approve_shift_requests=True)
    async with database.session(write=True) as s:
        await rule_layer(
            s, world, {"max_shift_length": {"severity": "soft", "params": {"hours": 7}}}
        )
    p = await pair(database, world)  # 8 h shifts
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    rid = (await file(staff, offer(p, world)))["id"]
    done = json_of(await colleague.post(act(rid, "accept")))
    assert done["request"]["state"] == "accepted"
    assert done["assignments"] == []
    assert [w["rule"] for w in done["warnings"]] == ["max_shift_length"]
    verdict = done["request"]["verdict"]
    assert verdict["allowed"] is True
    assert [w["rule"] for w in verdict["warnings"]] == ["max_shift_length"]
    assert await live(database, p.mine.id) == [world.staff.id]
    [waiting] = await events(database, "shift_request.waiting")
    assert waiting.person_id is None
    # The coordinator approves it, warnings and all.
    coord = await clients.as_user(world.coordinator)
    approved = json_of(await coord.post(act(rid, "approve")))
    assert approved["request"]["state"] == "approved"
    assert [w["rule"] for w in approved["warnings"]] == ["max_shift_length"]
    assert await live(database, p.mine.id) == [world.colleague.id]


async def test_auto_approval_is_off_by_default(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    rid = (await file(staff, offer(p, world)))["id"]
    done = json_of(await colleague.post(act(rid, "accept")))
    assert (done["request"]["state"], done["warnings"]) == ("accepted", [])
    assert await live(database, p.mine.id) == [world.staff.id]


async def expire_now(database: Database, rid: str) -> None:
    async with database.session(write=True) as s:
        await s.execute(
            update(ShiftRequest)
            .where(ShiftRequest.id == uuid.UUID(rid))
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )


async def test_a_pending_request_past_its_expiry_reads_and_acts_as_expired(
    clients: Clients, world: World, database: Database
) -> None:
    p = await pair(database, world)
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    coord = await clients.as_user(world.coordinator)
    rid = (await file(staff, offer(p, world)))["id"]
    await expire_now(database, rid)
    # Nothing has written "expired" yet: reads and actions settle it lazily.
    assert json_of(await colleague.get(f"{URL}/{rid}"))["state"] == "expired"
    listed = json_of(await coord.get(URL, params={"state": "pending"}))["items"]
    assert rid not in {i["id"] for i in listed}
    for client, verb in ((colleague, "accept"), (coord, "deny"), (staff, "cancel")):
        r = await client.post(act(rid, verb))
        assert error_of(r) == (409, "request_expired"), (verb, r.text)
        assert "expired" in r.json()["detail"]
    assert await audit_actions(database, rid) == ["shift_request.created"]
    assert await live(database, p.mine.id) == [world.staff.id]


async def test_the_cutoff_is_an_organisation_setting(
    clients: Clients, world: World, database: Database
) -> None:
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=30)
    p = await pair(database, world, mine_at=soon)
    staff = await clients.as_user(world.staff_user)
    admin = await clients.as_user(world.admin)
    # The default cut-off is 24 h: 30 h ahead is still open, and the request expires at it.
    made = await file(staff, drop(p))
    assert datetime.fromisoformat(made["expires_at"]) == soon - timedelta(hours=24)
    json_of(await staff.post(act(made["id"], "cancel")))
    r = await admin.patch(
        "/api/v1/organisation", json={"settings": {"shift_request_cutoff_hours": 36}}
    )
    json_of(r)
    r = await staff.post(URL, json=drop(p))
    assert error_of(r) == (409, "request_cutoff_passed"), r.text
    assert "36 h" in r.json()["detail"]
    # A shorter cut-off opens it again, and the expiry follows it.
    json_of(
        await admin.patch(
            "/api/v1/organisation", json={"settings": {"shift_request_cutoff_hours": 2}}
        )
    )
    made = await file(staff, drop(p))
    assert datetime.fromisoformat(made["expires_at"]) == soon - timedelta(hours=2)


async def test_a_longer_cutoff_closes_requests_already_filed(
    clients: Clients, world: World, database: Database
) -> None:
    """The cut-off is checked at every step with the organisation's setting of the day,
    not only when filing: lengthening it stops open requests inside it."""
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=30)
    p = await pair(database, world, mine_at=soon)
    staff = await clients.as_user(world.staff_user)
    colleague = await clients.as_user(world.colleague_user)
    coord = await clients.as_user(world.coordinator)
    admin = await clients.as_user(world.admin)
    first = (await file(staff, offer(p, world)))["id"]
    json_of(await colleague.post(act(first, "accept")))
    longer = {"settings": {"shift_request_cutoff_hours": 36}}
    json_of(await admin.patch("/api/v1/organisation", json=longer))
    r = await coord.post(act(first, "approve"))
    assert error_of(r) == (409, "request_cutoff_passed"), r.text
    assert await live(database, p.mine.id) == [world.staff.id]
    # Withdrawing or denying it is still possible.
    json_of(await coord.post(act(first, "deny"), json={"note": "Too late now"}))
    shorter = {"settings": {"shift_request_cutoff_hours": 24}}
    json_of(await admin.patch("/api/v1/organisation", json=shorter))
    second = (await file(staff, offer(p, world)))["id"]
    json_of(await admin.patch("/api/v1/organisation", json=longer))
    r = await colleague.post(act(second, "accept"))
    assert error_of(r) == (409, "request_cutoff_passed"), r.text
    assert json_of(await staff.get(f"{URL}/{second}"))["state"] == "pending"
