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


async def test_a_login_without_a_profile_has_no_inbox(clients: Clients, world: World) -> None:
    c = await clients.as_user(world.admin)
    for path in ("/api/v1/notifications", "/api/v1/notifications/unread-count"):
        r = await c.get(path)
        assert r.status_code == 403
        assert r.json()["error"] == "no_staff_profile"


async def test_bad_filters_name_the_field(clients: Clients, world: World) -> None:
    c = await clients.as_user(world.staff_user)
    r = await c.get("/api/v1/notifications", params={"unread": "maybe"})
    assert r.status_code == 422
    assert r.json()["fields"][0]["field"] == "query.unread"
    r = await c.get("/api/v1/notifications", params={"limit": 0})
    assert r.status_code == 422
