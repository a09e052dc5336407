"""POST /open-shifts/{id}/claim: staff take an open seat, through every rule."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from shiftwise.db import Database
from shiftwise.models import Assignment, AssignmentState, Role, ShiftState
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.open_shifts.helpers import at, audit_actions, error_of, events, json_of, rules_of

P = ShiftState.published


def url(shift_id: uuid.UUID | str) -> str:
    return f"/api/v1/open-shifts/{shift_id}/claim"


async def live_on(database: Database, shift_id: uuid.UUID) -> int:
    async with database.sessionmaker() as s:
        found = await s.scalar(
            select(func.count())
            .select_from(Assignment)
            .where(Assignment.shift_id == shift_id, Assignment.state == AssignmentState.assigned)
        )
        return int(found or 0)


async def test_claim_places_the_caller(clients: Clients, world: World, database: Database) -> None:
    async with database.session(write=True) as s:
        shift = await factories.shift(s, world.loc, at(0), skill=world.skill, headcount=2, state=P)
    staff = await clients.as_user(world.staff_user)
    body = json_of(await staff.post(url(shift.id)), 201)
    assignment = body["assignment"]
    assert (assignment["person_id"], assignment["source"], assignment["state"]) == (
        str(world.staff.id),
        "claim",
        "assigned",
    )
    assert body["warnings"] == []
    assert await audit_actions(database, assignment["id"]) == ["assignment.claimed"]
    claimed = await events(database, "shift.claimed")
    assert [e.payload["person_id"] for e in claimed] == [str(world.staff.id)]
    created = await events(database, "assignment.created")
    assert [e.person_id for e in created] == [world.staff.id]
    # Already on it now.
    assert error_of(await staff.post(url(shift.id))) == (409, "already_assigned")


async def test_unqualified_claim_is_refused_naming_the_rule(
    clients: Clients, world: World, database: Database
) -> None:
    async with database.session(write=True) as s:
        forklift = await factories.skill(s, world.org, "Forklift")
        shift = await factories.shift(s, world.loc, at(0), skill=forklift, state=P)
        expired = await factories.skill(s, world.org, "Ward")
        u = await factories.user(s, world.org, Role.staff)
        await factories.person(s, world.org, user=u, skills={expired: at(-1).date()})
        ward_shift = await factories.shift(s, world.loc, at(1), skill=expired, state=P)
    staff = await clients.as_user(world.staff_user)
    r = await staff.post(url(shift.id))
    assert error_of(r) == (409, "rule_violation")
    assert rules_of(r) == ["skill_required"]
    lapsed = await clients.as_user(u)
    r = await lapsed.post(url(ward_shift.id))
    assert (error_of(r), rules_of(r)) == ((409, "rule_violation"), ["skill_expired"])
    assert "override" not in r.json()["detail"]
    assert await live_on(database, shift.id) == 0


async def test_claims_on_full_started_draft_and_cancelled_shifts(
    clients: Clients, world: World, database: Database
) -> None:
    now = datetime.now(UTC)
    async with database.session(write=True) as s:
        full = await factories.shift(s, world.loc, at(0), state=P)
        await factories.assignment(s, full, world.colleague)
        started = await factories.shift(s, world.loc, now - timedelta(hours=1), state=P)
        draft = await factories.shift(s, world.loc, at(2))
        cancelled = await factories.shift(s, world.loc, at(3), state=P)
        cancelled.state = ShiftState.cancelled
        foreign = await factories.shift(s, world.foreign_loc, at(4), state=P)
    staff = await clients.as_user(world.staff_user)
    assert error_of(await staff.post(url(full.id))) == (409, "shift_full")
    assert error_of(await staff.post(url(started.id))) == (409, "shift_started")
    assert error_of(await staff.post(url(draft.id))) == (404, "shift_not_found")
    assert error_of(await staff.post(url(cancelled.id))) == (409, "shift_cancelled")
    assert error_of(await staff.post(url(foreign.id))) == (404, "shift_not_found")
    assert error_of(await staff.post(url(uuid.uuid4()))) == (404, "shift_not_found")
    coord = await clients.as_user(world.coordinator)
    assert error_of(await coord.post(url(full.id))) == (403, "no_staff_profile")
    assert (await clients.anonymous().post(url(full.id))).status_code == 401


async def test_claim_is_idempotent_with_a_key(
    clients: Clients, world: World, database: Database
) -> None:
    async with database.session(write=True) as s:
        shift = await factories.shift(s, world.loc, at(0), headcount=3, state=P)
    staff = await clients.as_user(world.staff_user)
    headers = {"Idempotency-Key": "claim-1"}
    first = json_of(await staff.post(url(shift.id), headers=headers), 201)
    again = await staff.post(url(shift.id), headers=headers)
    assert (again.status_code, again.headers.get("Idempotent-Replay")) == (201, "true")
    assert again.json() == first
    assert await live_on(database, shift.id) == 1
