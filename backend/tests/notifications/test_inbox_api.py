"""My inbox: newest first, paginated, unread filter and count, marking read — only mine."""

from __future__ import annotations

import uuid

from shiftwise.db import Database
from tests.conftest import Clients
from tests.fixtures.factories import World
from tests.notifications.inbox_helpers import add_notifications


async def test_lists_my_notifications_newest_first_in_pages(
    clients: Clients, world: World, database: Database
) -> None:
    ids = await add_notifications(database, world.staff, 5)
    await add_notifications(database, world.colleague, 3)
    c = await clients.as_user(world.staff_user)
    first = (await c.get("/api/v1/notifications", params={"limit": 3})).json()
    assert [n["id"] for n in first["items"]] == [str(i) for i in reversed(ids[2:])]
    assert first["next_offset"] == 3
    second = (await c.get("/api/v1/notifications", params={"limit": 3, "offset": 3})).json()
    assert [n["id"] for n in second["items"]] == [str(ids[1]), str(ids[0])]
    assert second["next_offset"] is None
    assert first["items"][0]["topic"] == "assignment.created"
    assert first["items"][0]["read_at"] is None


async def test_unread_count_and_marking_read(
    clients: Clients, world: World, database: Database
) -> None:
    ids = await add_notifications(database, world.staff, 3)
    c = await clients.as_user(world.staff_user)
    assert (await c.get("/api/v1/notifications/unread-count")).json() == {"unread": 3}
    r = await c.post(f"/api/v1/notifications/{ids[0]}/read")
    assert r.status_code == 200
    first_read = r.json()["read_at"]
    assert first_read is not None
    again = await c.post(f"/api/v1/notifications/{ids[0]}/read")
    assert again.json()["read_at"] == first_read  # reading twice keeps the first stamp
    assert (await c.get("/api/v1/notifications/unread-count")).json() == {"unread": 2}
    unread = (await c.get("/api/v1/notifications", params={"unread": "true"})).json()
    assert {n["id"] for n in unread["items"]} == {str(ids[1]), str(ids[2])}
    read = (await c.get("/api/v1/notifications", params={"unread": "false"})).json()
    assert [n["id"] for n in read["items"]] == [str(ids[0])]
    r = await c.post("/api/v1/notifications/read-all")
    assert r.json() == {"marked": 2, "unread": 0}
    assert (await c.post("/api/v1/notifications/read-all")).json() == {"marked": 0, "unread": 0}


async def test_read_all_leaves_other_peoples_alone(
    clients: Clients, world: World, database: Database
) -> None:
    await add_notifications(database, world.staff, 2)
    await add_notifications(database, world.colleague, 2)
    c = await clients.as_user(world.staff_user)
    assert (await c.post("/api/v1/notifications/read-all")).json()["marked"] == 2
    other = await clients.as_user(world.colleague_user)
    assert (await other.get("/api/v1/notifications/unread-count")).json() == {"unread": 2}


async def test_someone_elses_notification_is_not_found(
    clients: Clients, world: World, database: Database
) -> None:
    (theirs,) = await add_notifications(database, world.colleague, 1)
    c = await clients.as_user(world.staff_user)
    r = await c.post(f"/api/v1/notifications/{theirs}/read")
    assert r.status_code == 404
    assert r.json()["error"] == "notification_not_found"
    r = await c.post(f"/api/v1/notifications/{uuid.uuid4()}/read")
    assert r.status_code == 404
    other = await clients.as_user(world.colleague_user)
    assert (await other.get("/api/v1/notifications/unread-count")).json() == {"unread": 1}


async def test_a_login_without_a_profile_has_its_own_inbox(
    clients: Clients, world: World, database: Database
) -> None:
    mine = await add_notifications(database, world.coordinator, 2)
    await add_notifications(database, world.admin, 1)
    await add_notifications(database, world.staff, 1)
    c = await clients.as_user(world.coordinator)
    listed = (await c.get("/api/v1/notifications")).json()
    assert [n["id"] for n in listed["items"]] == [str(mine[1]), str(mine[0])]
    assert (await c.get("/api/v1/notifications/unread-count")).json() == {"unread": 2}
    assert (await c.post(f"/api/v1/notifications/{mine[0]}/read")).status_code == 200
    assert (await c.post("/api/v1/notifications/read-all")).json() == {"marked": 1, "unread": 0}
    admin = await clients.as_user(world.admin)
    assert (await admin.get("/api/v1/notifications/unread-count")).json() == {"unread": 1}
    r = await admin.post(f"/api/v1/notifications/{mine[0]}/read")
    assert r.status_code == 404  # another login's row is as absent as a made-up one


async def test_a_person_sees_rows_addressed_to_their_login_too(
    clients: Clients, world: World, database: Database
) -> None:
    """Rows written while a coordinator had no profile stay theirs once they get one."""
    before = await add_notifications(database, world.staff_user, 1)
    after = await add_notifications(database, world.staff, 1)
    c = await clients.as_user(world.staff_user)
    listed = (await c.get("/api/v1/notifications")).json()
    assert {n["id"] for n in listed["items"]} == {str(before[0]), str(after[0])}


async def test_bad_filters_name_the_field(clients: Clients, world: World) -> None:
    c = await clients.as_user(world.staff_user)
    r = await c.get("/api/v1/notifications", params={"unread": "maybe"})
    assert r.status_code == 422
    assert r.json()["fields"][0]["field"] == "query.unread"
    r = await c.get("/api/v1/notifications", params={"limit": 0})
    assert r.status_code == 422
