"""A whole run through the API on the embedded worker: propose, check, accept or refuse."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.models import Assignment, AssignmentSource, AssignmentState, AuditEntry
from shiftwise.scheduling import solver
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.schedule_runs.helpers import Week, arrange_week, hard_violations_with, wait_done


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        environment="test",
        static_dir=None,
        log_level="WARNING",
        worker_embedded=True,
        worker_threads=2,
        relay_poll_seconds=0.05,
    )


@pytest.fixture
async def week(database: Database, world: World) -> Week:
    async with database.session(write=True) as s:
        return await arrange_week(s, world)


def run_body(week: Week, world: World, **extra: Any) -> dict[str, Any]:
    return {
        "location_ids": [str(world.loc.id)],
        "start_date": week.start.isoformat(),
        "days": 7,
        "time_limit_s": 1,
    } | extra


async def auto_assignments(database: Database) -> int:
    async with database.session(write=False) as s:
        return int(
            await s.scalar(
                select(func.count())
                .select_from(Assignment)
                .where(
                    Assignment.source == AssignmentSource.auto_schedule,
                    Assignment.state == AssignmentState.assigned,
                )
            )
            or 0
        )


async def test_a_run_proposes_a_lawful_schedule_and_accepting_applies_it(
    clients: Clients, database: Database, world: World, week: Week
) -> None:
    c = await clients.as_user(world.coordinator)
    r = await c.post("/api/v1/schedule-runs", json=run_body(week, world))
    assert r.status_code == 202, r.text
    assert r.json()["state"] == "queued"
    run = await wait_done(c, r.json()["id"])
    assert run["state"] == "succeeded", run
    proposal = run["proposal"]
    assert run["progress"]["objective"] is not None

    pairs = [(a["person_id"], a["shift_id"]) for a in proposal["add"]]
    async with database.session(write=False) as s:
        assert await hard_violations_with(s, world, week.start, 7, pairs) == []
    # Everyone works at most once a day and no seat is double counted: 7 early shifts
    # with 2 nurse seats, 7 late ones with 1 seat; the surgeon seat cannot be filled.
    by_shift: dict[str, int] = {}
    for _, sid in pairs:
        by_shift[sid] = by_shift.get(sid, 0) + 1
    assert by_shift.get(str(week.unstaffable.id)) is None
    open_seats = {o["shift_id"]: o for o in proposal["open_seats"]}
    assert open_seats[str(week.unstaffable.id)]["reason"] == "no_one_qualified"
    for seat in open_seats.values():
        assert seat["reason"] in {"no_one_qualified", "all_blocked", "too_costly", "not_proven"}
        if seat["reason"] == "all_blocked":
            assert all(b["rules"] for b in seat["blocked"])
    filled = len(pairs) + sum(o["count"] for o in proposal["open_seats"])
    assert filled == 7 * 2 + 7 + 1
    assert len(pairs) >= 14  # 5 qualified nurses can cover the week's seats easily
    # Nobody is proposed into their time off, unavailability or with an expired skill.
    early = {str(sh.id): sh for sh in week.shifts}
    for pid, sid in pairs:
        if pid == str(week.expired.id):
            assert early[sid].skill_id is None
        if pid == str(week.on_leave.id):
            assert early[sid].starts_at >= week.shifts[0].starts_at + timedelta(days=3)
    assert all(w["severity"] == "soft" for w in proposal["warnings"])

    r = await c.post(f"/api/v1/schedule-runs/{run['id']}/accept")
    assert r.status_code == 200, r.text
    assert r.json()["run"]["state"] == "accepted"
    assert len(r.json()["created_assignment_ids"]) == len(pairs)
    assert await auto_assignments(database) == len(pairs)
    async with database.session(write=False) as s:
        audited = await s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "schedule_run.accepted")
        )
    assert audited == 1
    again = await c.post(f"/api/v1/schedule-runs/{run['id']}/accept")
    assert again.status_code == 409
    assert again.json()["error"] == "run_not_decidable"


async def test_a_stale_proposal_is_refused_whole(
    clients: Clients, database: Database, world: World, week: Week
) -> None:
    c = await clients.as_user(world.coordinator)
    r = await c.post("/api/v1/schedule-runs", json=run_body(week, world))
    run = await wait_done(c, r.json()["id"])
    assert run["state"] == "succeeded", run
    first = run["proposal"]["add"][0]
    # The person is put elsewhere, overlapping, before the proposal is accepted.
    async with database.session(write=True) as s:
        elsewhere = await factories.shift(s, world.other_loc, _parse(first["starts_at"]), 8)
    admin = await clients.as_user(world.admin)
    placed = await admin.post(
        f"/api/v1/shifts/{elsewhere.id}/assignments", json={"person_id": first["person_id"]}
    )
    assert placed.status_code == 201, placed.text

    r = await c.post(f"/api/v1/schedule-runs/{run['id']}/accept")
    assert r.status_code == 409, r.text
    body = r.json()
    assert body["error"] == "proposal_stale"
    assert {v["records"]["person_id"] for v in body["violations"]} == {first["person_id"]}
    assert await auto_assignments(database) == 0
    assert (await c.get(f"/api/v1/schedule-runs/{run['id']}")).json()["state"] == "succeeded"

    r = await c.post(f"/api/v1/schedule-runs/{run['id']}/discard")
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "discarded"
    assert r.json()["proposal"] is None


async def test_a_run_cancelled_mid_way_leaves_nothing(
    clients: Clients,
    database: Database,
    world: World,
    week: Week,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The week is small enough to be proven optimal before a cancel arrives on a busy
    # machine; the real search is held at its start until the cancel is set, so the
    # cancel always lands mid-way and the search then stops on it.
    real_solve = solver.solve

    def solve_after_cancel(*args: Any, cancel: threading.Event | None = None, **kw: Any) -> Any:
        assert cancel is not None, "a run's search must be cancellable"
        cancel.wait(timeout=30)
        return real_solve(*args, cancel=cancel, **kw)

    monkeypatch.setattr(solver, "solve", solve_after_cancel)
    c = await clients.as_user(world.coordinator)
    r = await c.post("/api/v1/schedule-runs", json=run_body(week, world, time_limit_s=60))
    run_id = r.json()["id"]
    for _ in range(200):
        if (await c.get(f"/api/v1/schedule-runs/{run_id}")).json()["state"] == "running":
            break
        await _sleep()
    cancelled = await c.post(f"/api/v1/schedule-runs/{run_id}/cancel")
    assert cancelled.status_code == 200, cancelled.text
    run = await wait_done(c, run_id, within=30)
    assert run["state"] == "cancelled"
    assert run["proposal"] is None
    assert (await c.post(f"/api/v1/schedule-runs/{run_id}/accept")).status_code == 409
    assert await auto_assignments(database) == 0
    assert (await c.post(f"/api/v1/schedule-runs/{run_id}/cancel")).status_code == 409


async def test_runs_are_listed_by_location_for_those_who_plan_it(
    clients: Clients, world: World, week: Week
) -> None:
    c = await clients.as_user(world.coordinator)
    created = await c.post("/api/v1/schedule-runs", json=run_body(week, world))
    await c.post(f"/api/v1/schedule-runs/{created.json()['id']}/cancel")
    listed = await c.get("/api/v1/schedule-runs", params={"location_id": str(world.loc.id)})
    assert listed.status_code == 200
    assert [i["id"] for i in listed.json()["items"]] == [created.json()["id"]]
    other = await clients.as_user(world.other_coordinator)
    assert (await other.get("/api/v1/schedule-runs")).json()["items"] == []
    assert (
        await other.get("/api/v1/schedule-runs", params={"location_id": str(world.loc.id)})
    ).status_code == 403
    assert (await other.get(f"/api/v1/schedule-runs/{created.json()['id']}")).status_code == 403
    staff = await clients.as_user(world.staff_user)
    assert (
        await staff.post("/api/v1/schedule-runs", json=run_body(week, world))
    ).status_code == 403
    foreign = await clients.as_user(world.foreign_admin)
    assert (await foreign.get(f"/api/v1/schedule-runs/{created.json()['id']}")).status_code == 404
    bad = await c.post("/api/v1/schedule-runs", json=run_body(week, world, days=63))
    assert bad.status_code == 422


async def _sleep() -> None:
    import asyncio

    await asyncio.sleep(0.05)


def _parse(value: str) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(value)
