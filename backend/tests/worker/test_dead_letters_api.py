"""Admins see dead letters and send them again; nobody else does."""

from __future__ import annotations

from sqlalchemy import select

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.models import AuditEntry
from tests.conftest import Clients
from tests.fixtures.factories import World
from tests.worker.helpers import RecordingPublisher, add_events, drain, notifications, row
from tests.worker.test_executor import enqueue_job, flaky


async def test_admin_lists_and_retries_a_dead_letter(
    clients: Clients, database: Database, settings: Settings, world: World
) -> None:
    dead_id = await enqueue_job(database, world, flaky.message(mode="permanent"))
    [live_id] = await add_events(database, world)
    publisher = RecordingPublisher()
    await drain(database, settings, publisher)
    admin = await clients.as_user(world.admin)

    r = await admin.get("/api/v1/dead-letters")
    assert r.status_code == 200, r.text
    [item] = r.json()["items"]
    assert (item["id"], item["topic"], item["attempts"]) == (
        str(dead_id),
        "tests.flaky",
        1,
    )
    assert item["last_error"] == "PermanentFailure: invalid phone number"

    r = await admin.post(f"/api/v1/dead-letters/{dead_id}/retry")
    assert r.status_code == 202, r.text
    assert (r.json()["dead_at"], r.json()["attempts"]) == (None, 0)
    assert (await admin.get("/api/v1/dead-letters")).json()["items"] == []
    retried = await row(database, dead_id)
    assert retried.dead_at is None
    assert retried.dispatched_at is None
    # The relay hands it on again (and here it dies again, for good reason).
    assert len(await drain(database, settings, publisher)) == 1
    async with database.session(write=False) as s:
        actions = (await s.scalars(select(AuditEntry.action))).all()
    assert "dead_letter.retried" in actions

    r = await admin.post(f"/api/v1/dead-letters/{live_id}/retry")
    assert (r.status_code, r.json()["error"]) == (409, "not_dead")
    assert await notifications(database, live_id) == 1


async def test_only_admins_of_the_organisation_reach_dead_letters(
    clients: Clients, database: Database, settings: Settings, world: World
) -> None:
    dead_id = await enqueue_job(database, world, flaky.message(mode="permanent"))
    await drain(database, settings, RecordingPublisher())
    url = f"/api/v1/dead-letters/{dead_id}/retry"
    anonymous = clients.anonymous()
    assert (await anonymous.get("/api/v1/dead-letters")).status_code == 401
    assert (await anonymous.post(url)).status_code == 401
    for user in (world.staff_user, world.coordinator):
        c = await clients.as_user(user)
        assert (await c.get("/api/v1/dead-letters")).status_code == 403
        assert (await c.post(url)).status_code == 403
    foreign = await clients.as_user(world.foreign_admin)
    assert (await foreign.get("/api/v1/dead-letters")).json()["items"] == []
    r = await foreign.post(url)
    assert (r.status_code, r.json()["error"]) == (404, "dead_letter_not_found")
